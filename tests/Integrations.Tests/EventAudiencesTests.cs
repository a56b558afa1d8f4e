using Intervention.Contracts;
using Intervention.Contracts.Children;
using Intervention.Contracts.Finance;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Licensing;

namespace Integrations.Tests;

/// <summary>
/// Every event contract says who may receive it outside our services (issue 15): child-level events are internal, events
/// naming a licence go to the police audience only, the rest to any integrator and carry no child or driver reference.
/// </summary>
public class EventAudiencesTests
{
    private static readonly IReadOnlySet<string> PublicOnly = new HashSet<string>();
    private static readonly IReadOnlySet<string> Police = new HashSet<string> { EventAudiences.Police };

    [Fact]
    public void Every_event_contract_declares_its_classification_and_a_restricted_one_names_its_audiences()
    {
        Assert.True(EventAudiences.Events.Count >= 14, $"only {EventAudiences.Events.Count} event contracts found");
        var missing = EventAudiences.Events.Where(t => t.GetCustomAttributes(typeof(ClassifiedAttribute), false).Length == 0).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "no [Classified]: " + string.Join(", ", missing));
        Assert.All(EventAudiences.Events, t =>
        {
            var c = EventAudiences.ClassificationOf(t);
            Assert.True((c.Classification == EventClassification.Restricted) == (c.Audiences.Count > 0), $"{t.Name}: {c.Classification} with audiences [{string.Join(",", c.Audiences)}]");
        });
    }

    [Fact]
    public void The_map_of_issue_15_child_level_internal_licence_naming_for_the_police_the_rest_public()
    {
        var map = EventAudiences.Events.ToDictionary(t => t.Name, t => (EventAudiences.ClassificationOf(t).Classification, string.Join(",", EventAudiences.ClassificationOf(t).Audiences)));
        foreach (var t in new[] { nameof(ChildBecameLookedAfter), nameof(PlacementChanged), nameof(ChildCeasedToBeLookedAfter) })
            Assert.Equal((EventClassification.Internal, ""), map[t]);
        foreach (var t in new[] { nameof(SafeguardingConcernRaised), nameof(LicensingDecisionMade), nameof(AppealDetermined) })
            Assert.Equal((EventClassification.Restricted, "police"), map[t]);
        foreach (var t in new[] { nameof(DirectionsIssued), nameof(DecisionRecorded), nameof(DecisionValidityQuestioned), nameof(DecisionValidityCleared),
                     nameof(ReviewDue), nameof(KpisPublished), nameof(ForecastOutturnChanged), nameof(Section114RiskRaised) })
            Assert.Equal((EventClassification.Public, ""), map[t]);
        Assert.Equal(14, map.Count);
    }

    [Fact]
    public void No_event_an_integrator_may_receive_carries_the_Stovewood_flag_or_a_child_reference_and_no_public_one_a_licence()
    {
        foreach (var type in EventAudiences.ReceivableBy(Police))
        {
            var names = type.GetProperties().Select(p => p.Name).ToList();
            Assert.DoesNotContain(names, n => n.Contains("Stovewood", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(names, n => n.StartsWith("Child", StringComparison.OrdinalIgnoreCase));
            if (EventAudiences.MayReceive(type, PublicOnly)) Assert.DoesNotContain(names, n => n.Contains("Licence", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void The_integrator_role_alone_receives_public_events_only_and_the_police_scope_adds_the_police_events()
    {
        var publicOnly = EventAudiences.ReceivableBy(EventAudiences.FromScopes([null])).Select(t => t.Name).ToHashSet();
        var police = EventAudiences.ReceivableBy(EventAudiences.FromScopes(["openid intervention.events.police"])).Select(t => t.Name).ToHashSet();
        Assert.Equal(8, publicOnly.Count);
        Assert.DoesNotContain(nameof(LicensingDecisionMade), publicOnly);
        Assert.DoesNotContain(nameof(PlacementChanged), publicOnly);
        Assert.Equal(publicOnly.Union([nameof(SafeguardingConcernRaised), nameof(LicensingDecisionMade), nameof(AppealDetermined)]).Order(), police.Order());
    }

    [Theory]
    [InlineData("intervention.events.police", "police")]
    [InlineData("openid  intervention.events.police profile", "police")]
    [InlineData("intervention.events.", "")]
    [InlineData("intervention.eventspolice events.police", "")]
    [InlineData("", "")]
    public void Audiences_are_the_scope_values_under_intervention_events(string scope, string expected)
    {
        Assert.Equal(expected, string.Join(",", EventAudiences.FromScopes([scope]).Order()));
    }
}
