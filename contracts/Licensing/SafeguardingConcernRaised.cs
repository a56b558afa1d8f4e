namespace Intervention.Contracts.Licensing;

/// <summary>
/// A licensing decision rests on safeguarding grounds: the children's service takes it into its front door. It names a
/// licence, never the driver: no name, date of birth, address or other personal detail leaves the licensing service.
/// </summary>
[Classified(EventClassification.Restricted, EventAudiences.Police)] // a licence reference identifies a driver
public sealed record SafeguardingConcernRaised : IIntegrationEvent
{
    /// <summary>Unique id of this event (also the message id).</summary>
    public required Guid EventId { get; init; }
    /// <summary>When the event happened (UTC): the instant the decision was recorded.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The licence the decision concerns, e.g. <c>PH-000123</c>.</summary>
    public required string LicenceReference { get; init; }
    /// <summary>The kind of licence.</summary>
    public required LicenceType LicenceType { get; init; }
    /// <summary>The licensing decision (the id of its <see cref="LicensingDecisionMade"/> and of its entry in governance's decision register).</summary>
    public required Guid DecisionId { get; init; }
    /// <summary>What was decided.</summary>
    public required HearingOutcome Outcome { get; init; }
    /// <summary>The day the decision was taken.</summary>
    public required DateOnly DecidedOn { get; init; }
    /// <summary>The first day the decision is in force; null while it waits for an appeal or when it has nothing to take effect.</summary>
    public DateOnly? EffectiveOn { get; init; }
    /// <summary>Whether it was ordered with immediate effect in the interests of public safety.</summary>
    public required bool Immediate { get; init; }
}
