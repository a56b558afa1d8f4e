namespace Intervention.Contracts.Governance;

/// <summary>
/// A decision governance had questioned no longer conflicts with the Directions: Directions recorded
/// later gave its function to the authority that decided, from an instant at or before the decision.
/// Follows a <see cref="DecisionValidityQuestioned"/> for the same decision.
/// </summary>
[Classified(EventClassification.Public)]
public sealed record DecisionValidityCleared : IIntegrationEvent
{
    /// <summary>Unique id of this event (also the message id).</summary>
    public required Guid EventId { get; init; }
    /// <summary>When the event happened (UTC): the instant governance cleared the decision.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The decision's id in the register (the id its source service gave it).</summary>
    public required Guid DecisionId { get; init; }
    /// <summary>The service that recorded the decision.</summary>
    public required string SourceService { get; init; }
    /// <summary>The function decided on.</summary>
    public required string Function { get; init; }
    /// <summary>The instant the decision was taken (UTC).</summary>
    public required DateTimeOffset DecidedAt { get; init; }
    /// <summary>The authority that decided, and now held the function then.</summary>
    public required Authority DecidedBy { get; init; }
    /// <summary>The Directions under which the decider held the function; null when no Directions assigned it.</summary>
    public Guid? DirectionsId { get; init; }
}
