using Integrations.API.Events;
using Integrations.API.Subscriptions;

namespace Integrations.Tests;

/// <summary>A subscription names an https endpoint and at least one published event type; every problem names its field.</summary>
public class SubscriptionRulesTests
{
    private const string Decision = "Intervention.Contracts.Licensing.LicensingDecisionMade";

    private static Dictionary<string, string[]> Check(string? url, List<string>? types, bool allowHttpLoopback = false, string? description = null) =>
        SubscriptionRules.Check(new NewSubscription(url, types, description), EventContracts.Names, allowHttpLoopback);

    [Fact]
    public void An_https_endpoint_for_a_published_event_is_accepted()
    {
        Assert.Empty(Check("https://police.example.org/hooks/intervention", [Decision]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("/relative/hook")]
    [InlineData("ftp://example.org/hook")]
    [InlineData("http://example.org/hook")]
    [InlineData("http://127.0.0.1:5000/hook")] // loopback, but http is not allowed here
    [InlineData("https://user:password@example.org/hook")]
    public void A_missing_relative_non_https_or_credentialed_url_is_refused_naming_url(string? url)
    {
        var errors = Check(url, [Decision]);
        Assert.Equal(["url"], errors.Keys);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("http://localhost:5000/hook")]
    [InlineData("http://[::1]:5000/hook")]
    public void Http_to_a_loopback_address_is_allowed_when_configured(string url)
    {
        Assert.Empty(Check(url, [Decision], allowHttpLoopback: true));
    }

    [Fact]
    public void Http_to_another_host_is_refused_even_when_loopback_is_allowed()
    {
        Assert.Equal(["url"], Check("http://partner.example.org/hook", [Decision], allowHttpLoopback: true).Keys);
    }

    [Fact]
    public void An_empty_or_missing_list_of_event_types_is_refused_naming_eventTypes()
    {
        Assert.Equal(["eventTypes"], Check("https://example.org/h", []).Keys);
        Assert.Equal(["eventTypes"], Check("https://example.org/h", null).Keys);
    }

    [Fact]
    public void An_unknown_event_type_is_refused_naming_it_and_listing_the_known_ones()
    {
        var errors = Check("https://example.org/h", [Decision, "LicensingDecisionMade", "Intervention.Contracts.Licensing.DriverCreated"]);
        var message = Assert.Single(errors["eventTypes"]);
        Assert.Contains("'LicensingDecisionMade'", message);
        Assert.Contains("'Intervention.Contracts.Licensing.DriverCreated'", message);
        Assert.Contains(Decision, message);
        Assert.Contains("Intervention.Contracts.Governance.DirectionsIssued", message);
    }

    [Fact]
    public void Several_problems_are_named_together()
    {
        var errors = Check("http://example.org/h", [], description: new string('x', 201));
        Assert.Equal(["description", "eventTypes", "url"], errors.Keys.Order());
    }
}

/// <summary>What an integrator may subscribe to depends on the audiences its token carries (issue 15).</summary>
public class SubscriptionAudiencesTests
{
    private const string Decision = "Intervention.Contracts.Licensing.LicensingDecisionMade";
    private const string Placement = "Intervention.Contracts.Children.PlacementChanged";
    private const string Directions = "Intervention.Contracts.Governance.DirectionsIssued";

    [Fact]
    public void Without_an_audience_a_police_event_and_a_child_level_event_are_not_receivable_and_a_public_one_is()
    {
        Assert.Equal([Placement, Decision], SubscriptionRules.NotReceivable([Directions, Decision, Placement, Decision], new HashSet<string>()));
    }

    [Fact]
    public void The_police_audience_receives_licensing_decisions_but_never_child_level_events()
    {
        Assert.Equal([Placement], SubscriptionRules.NotReceivable([Directions, Decision, Placement], new HashSet<string> { "police" }));
    }

    [Fact]
    public void The_event_types_offered_are_the_public_ones_and_those_of_the_caller_s_audiences_never_an_internal_one()
    {
        var publicOnly = Integrations.API.Subscriptions.SubscriptionsEndpoints.EventTypes(new HashSet<string>());
        var police = Integrations.API.Subscriptions.SubscriptionsEndpoints.EventTypes(new HashSet<string> { "police" });
        Assert.All(publicOnly, t => Assert.Equal(Intervention.Contracts.EventClassification.Public, t.Classification));
        Assert.Equal(8, publicOnly.Count);
        Assert.Equal(11, police.Count);
        Assert.Contains(police, t => t.Type == Decision && t.Audiences.SequenceEqual(["police"]));
        Assert.DoesNotContain(police, t => t.Type.StartsWith("Intervention.Contracts.Children.") && t.Type != "Intervention.Contracts.Children.KpisPublished");
    }

    [Fact]
    public void At_delivery_a_subscription_registered_without_the_police_audience_is_not_sent_a_police_event_nor_anyone_a_child_level_one()
    {
        // A subscription from before audiences existed has none: public events only.
        Assert.False(Integrations.API.Events.EventContracts.MayReceive(Decision, new HashSet<string>()));
        Assert.True(Integrations.API.Events.EventContracts.MayReceive(Decision, new HashSet<string> { "police" }));
        Assert.True(Integrations.API.Events.EventContracts.MayReceive(Directions, new HashSet<string>()));
        Assert.False(Integrations.API.Events.EventContracts.MayReceive(Placement, new HashSet<string> { "police" }));
        Assert.False(Integrations.API.Events.EventContracts.MayReceive("Intervention.Contracts.Licensing.NoSuchEvent", new HashSet<string> { "police" }));
    }
}
