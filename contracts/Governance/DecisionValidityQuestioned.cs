namespace Intervention.Contracts.Governance;

/// <summary>
/// Governance found that a decision was taken by an authority that did not hold its function at the
/// instant it was taken, as the Directions are known now: when the decision was recorded, or when
/// Directions recorded later changed who held the function then. The decision stays in the register,
/// marked questioned; it is never dropped.
/// </summary>
[Classified(EventClassification.Public)]
public sealed record DecisionValidityQuestioned : IIntegrationEvent
{
    /// <summary>Unique id of this event (also the message id).</summary>
    public required Guid EventId { get; init; }
    /// <summary>When the event happened (UTC): the instant governance questioned the decision.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The decision's id in the register (the id its source service gave it).</summary>
    public required Guid DecisionId { get; init; }
    /// <summary>The service that recorded the decision, so that it can follow up its own.</summary>
    public required string SourceService { get; init; }
    /// <summary>The function decided on.</summary>
    public required string Function { get; init; }
    /// <summary>The instant the decision was taken (UTC).</summary>
    public required DateTimeOffset DecidedAt { get; init; }
    /// <summary>The authority that decided.</summary>
    public required Authority DecidedBy { get; init; }
    /// <summary>The authority that held the function at <see cref="DecidedAt"/>; null when no Directions assigned it.</summary>
    public Authority? HeldBy { get; init; }
    /// <summary>The Directions under which <see cref="HeldBy"/> held the function; null when none did.</summary>
    public Guid? DirectionsId { get; init; }
    /// <summary>Why the decision is questioned, naming who held the function and under which Directions.</summary>
    public required string Reason { get; init; }
}
