namespace Intervention.Contracts.Governance;

/// <summary>
/// A portfolio took a decision on a council function. Every service publishes it for its own
/// decisions; governance keeps every one in the decision register and checks it against who held
/// the function at <see cref="DecidedAt"/>. The decision's id makes it idempotent: the same id again
/// is the same decision.
/// </summary>
[Classified(EventClassification.Public)]
public sealed record DecisionRecorded : IIntegrationEvent
{
    /// <summary>Unique id of this event (also the message id).</summary>
    public required Guid EventId { get; init; }
    /// <summary>When the event happened (UTC): the instant the source service recorded the decision.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The decision's id, chosen by the source service; the register's key.</summary>
    public required Guid DecisionId { get; init; }
    /// <summary>The service that recorded the decision, e.g. <c>licensing</c>.</summary>
    public required string SourceService { get; init; }
    /// <summary>The function decided on: a code from the functions register, e.g. <c>licensing</c>.</summary>
    public required string Function { get; init; }
    /// <summary>The instant the decision was taken (UTC).</summary>
    public required DateTimeOffset DecidedAt { get; init; }
    /// <summary>Who decided: the authority the decider acted as (the Licensing Board is <see cref="Governance.Authority.Council"/>).</summary>
    public required Authority Authority { get; init; }
    /// <summary>The decider's name or body, e.g. <c>Licensing Board</c> or a Commissioner's name.</summary>
    public required string DeciderName { get; init; }
    /// <summary>The meeting at which it was decided, when there was one.</summary>
    public string? Meeting { get; init; }
    /// <summary>
    /// What was decided, in words any integrator may read: never a child's reference or a licence reference (the
    /// decision id ties it to the source service's own records).
    /// </summary>
    public required string Summary { get; init; }
    /// <summary>Whether it is a key decision (under a Commissioner veto it needs a Commissioner's sign-off).</summary>
    public required bool KeyDecision { get; init; }
    /// <summary>Whether it is a Cabinet decision subject to call-in by overview and scrutiny.</summary>
    public required bool CallIn { get; init; }
}
