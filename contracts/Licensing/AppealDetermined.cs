namespace Intervention.Contracts.Licensing;

/// <summary>What the magistrates' court decided on appeal.</summary>
public enum AppealOutcome
{
    /// <summary>The appeal succeeded: the council's decision is set aside and never takes effect.</summary>
    Upheld,
    /// <summary>The appeal failed: the council's decision stands and takes effect on the day it is decided.</summary>
    Dismissed,
    /// <summary>The court substituted its own terms, which take effect on the day it is decided.</summary>
    Varied,
}

/// <summary>The magistrates' court determined an appeal against a licensing decision. It names the licence, not the driver.</summary>
[Classified(EventClassification.Restricted, EventAudiences.Police)] // a licence reference identifies a driver
public sealed record AppealDetermined : IIntegrationEvent
{
    /// <summary>Unique id of this event (also the message id).</summary>
    public required Guid EventId { get; init; }
    /// <summary>When the event happened (UTC): the instant the outcome was recorded.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The appeal's id.</summary>
    public required Guid AppealId { get; init; }
    /// <summary>The decision appealed against (see <see cref="LicensingDecisionMade.DecisionId"/>).</summary>
    public required Guid DecisionId { get; init; }
    /// <summary>The licence concerned.</summary>
    public required string LicenceReference { get; init; }
    /// <summary>The court's decision.</summary>
    public required AppealOutcome Outcome { get; init; }
    /// <summary>The day the court decided.</summary>
    public required DateOnly DecidedOn { get; init; }
    /// <summary>The first day the council's decision (or the court's varied terms) is in force; null when set aside.</summary>
    public DateOnly? EffectiveOn { get; init; }
}
