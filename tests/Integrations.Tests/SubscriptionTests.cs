using Integrations.API.Subscriptions;
using Intervention.Contracts;

namespace Integrations.Tests;

/// <summary>Registering a subscription, decided over the caller's token: no host, no database.</summary>
public class SubscriptionTests
{
    private static readonly DateTimeOffset Now = new(2016, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly SubscriptionOptions Settings = new();

    private static string Public => EventAudiences.Events.First(type => EventAudiences.ClassificationOf(type).Classification == EventClassification.Public).FullName!;
    private static string Internal => EventAudiences.Events.First(type => EventAudiences.ClassificationOf(type).Classification == EventClassification.Internal).FullName!;
    private static string Restricted(out string audience)
    {
        var contract = EventAudiences.Events.First(type => EventAudiences.ClassificationOf(type).Classification == EventClassification.Restricted);
        audience = EventAudiences.ClassificationOf(contract).Audiences[0];
        return contract.FullName!;
    }

    [Fact]
    public void A_subscription_is_its_owners_with_its_event_types_once_each_in_order_and_the_audiences_the_token_granted()
    {
        var request = new NewSubscription(" https://police.example.org/hooks ", [Public, Public], "Police");

        var subscription = Subscription.Register(request, "police-integrator", new HashSet<string>(), Settings, "whsec_x", Now).Changes!;

        Assert.Equal(("police-integrator", "https://police.example.org/hooks", "whsec_x"), (subscription.Owner, subscription.Url, subscription.Secret));
        Assert.Equal([Public], subscription.EventTypes);
        Assert.Empty(subscription.Audiences);
    }

    [Fact]
    public void An_internal_event_is_refused_to_any_integrator_with_a_403_naming_the_rule_and_the_event()
    {
        var refused = Subscription.Register(new NewSubscription("https://example.org/hook", [Internal]), "someone", new HashSet<string>(), Settings, "s", Now).Refused!;

        Assert.Equal((403, SubscriptionRules.NotReceivableRule), (refused.Status, refused.Rule));
        Assert.Equal([Internal], (IReadOnlyList<string>)refused.Extensions!["eventTypes"]!);
    }

    [Fact]
    public void A_restricted_event_is_registered_only_with_its_audience_in_the_token()
    {
        var type = Restricted(out var audience);
        var request = new NewSubscription("https://example.org/hook", [type]);

        Assert.Equal(403, Subscription.Register(request, "someone", new HashSet<string>(), Settings, "s", Now).Refused!.Status);
        Assert.Equal([audience], Subscription.Register(request, "someone", new HashSet<string> { audience }, Settings, "s", Now).Changes!.Audiences);
    }

    [Fact]
    public void A_bad_url_is_a_400_naming_url_before_any_audience_is_considered()
    {
        var refused = Subscription.Register(new NewSubscription("http://example.org/hook", [Internal]), "someone", new HashSet<string>(), Settings, "s", Now).Refused!;

        Assert.Equal(["url"], refused.Fields!.Keys);
    }

    [Fact]
    public void A_replay_queues_only_the_event_types_the_owner_may_still_receive()
    {
        var restricted = Restricted(out _);
        var subscription = new Subscription { Owner = "o", Url = "https://example.org", EventTypes = [Public, restricted, Internal], Secret = "s", Audiences = [] };

        Assert.Equal([Public], subscription.ReceivableTypes());
    }
}
