using Integrations.API.Events;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Licensing;

namespace Integrations.Tests;

/// <summary>The events offered to subscribers are found in Intervention.Contracts, not listed by hand.</summary>
public class EventContractsTests
{
    [Fact]
    public void Every_published_contract_is_found_and_nothing_else()
    {
        Assert.Contains(typeof(LicensingDecisionMade), EventContracts.All);
        Assert.Contains(typeof(DirectionsIssued), EventContracts.All);
        Assert.Contains(typeof(DecisionRecorded), EventContracts.All);
        Assert.DoesNotContain(typeof(Intervention.Contracts.Http.AuthorityInForce), EventContracts.All);
        // Child-level events are internal: this service never consumes them, so never stores them.
        Assert.DoesNotContain(typeof(Intervention.Contracts.Children.PlacementChanged), EventContracts.All);
        Assert.All(EventContracts.All, t => Assert.StartsWith("Intervention.Contracts.", t.FullName));
    }

    [Fact]
    public void Each_contract_has_its_own_queue_named_after_the_event()
    {
        Assert.Equal("integrations-licensing-decision-made", EventContracts.QueueName(typeof(LicensingDecisionMade)));
        Assert.Equal(EventContracts.All.Count, EventContracts.All.Select(EventContracts.QueueName).Distinct().Count());
    }

    [Fact]
    public void The_source_is_the_publishing_portfolio_which_DecisionRecorded_names_itself()
    {
        var decision = new LicensingDecisionMade
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, DecisionId = Guid.NewGuid(), HearingId = Guid.NewGuid(), LicenceReference = "PH-000001",
            LicenceType = LicenceType.PrivateHire, Outcome = HearingOutcome.Revocation, Grounds = DecisionGrounds.Safeguarding, DecidedOn = new DateOnly(2016, 6, 15), Immediate = true,
        };
        Assert.Equal("/intervention/licensing", EventContracts.SourceOf(decision));
        var recorded = new DecisionRecorded
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, DecisionId = Guid.NewGuid(), SourceService = "finance", Function = "financial-services",
            DecidedAt = DateTimeOffset.UtcNow, Authority = Authority.Commissioners, DeciderName = "x", Summary = "y", KeyDecision = false, CallIn = false,
        };
        Assert.Equal("/intervention/finance", EventContracts.SourceOf(recorded));
    }
}
