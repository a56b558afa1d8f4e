namespace Intervention.Contracts.Licensing;

/// <summary>A licensing case hearing decided on a licence. It names the licence, not the driver.</summary>
[Classified(EventClassification.Restricted, EventAudiences.Police)] // a licence reference identifies a driver
public sealed record LicensingDecisionMade : IIntegrationEvent
{
    /// <summary>Unique id of this event (also the message id).</summary>
    public required Guid EventId { get; init; }
    /// <summary>When the event happened (UTC): the instant the decision was recorded.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The decision's id (also its id in governance's decision register).</summary>
    public required Guid DecisionId { get; init; }
    /// <summary>The hearing that decided.</summary>
    public required Guid HearingId { get; init; }
    /// <summary>The licence the decision concerns, e.g. <c>PH-000123</c>.</summary>
    public required string LicenceReference { get; init; }
    /// <summary>The kind of licence.</summary>
    public required LicenceType LicenceType { get; init; }
    /// <summary>What was decided.</summary>
    public required HearingOutcome Outcome { get; init; }
    /// <summary>The category of grounds.</summary>
    public required DecisionGrounds Grounds { get; init; }
    /// <summary>The day the decision was taken.</summary>
    public required DateOnly DecidedOn { get; init; }
    /// <summary>The first day the decision is in force; null while it waits for an appeal or when it has nothing to take effect.</summary>
    public DateOnly? EffectiveOn { get; init; }
    /// <summary>Whether it was ordered with immediate effect in the interests of public safety (1976 Act s.61(2B)).</summary>
    public required bool Immediate { get; init; }
}
