namespace Intervention.Contracts.Governance;

/// <summary>
/// A Secretary of State's Directions (Local Government Act 1999 s.15) were recorded in the
/// governance register. Every service that owns a function keeps its own copy, with history,
/// of who holds it. Functions the Directions do not name keep the authority they had.
/// </summary>
[Classified(EventClassification.Public)]
public sealed record DirectionsIssued : IIntegrationEvent
{
    /// <summary>Unique id of this event (also the message id).</summary>
    public required Guid EventId { get; init; }
    /// <summary>When the event happened (UTC): the instant the Directions were recorded.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The Directions' id in the governance register.</summary>
    public required Guid DirectionsId { get; init; }
    /// <summary>The date the Directions were issued.</summary>
    public required DateOnly IssuedOn { get; init; }
    /// <summary>The issuing department(s), as written at the time (DCLG in 2015, MHCLG from 2018).</summary>
    public required IReadOnlyList<string> IssuedBy { get; init; }
    /// <summary>The instant from which the Directions apply; may precede <see cref="RecordedAt"/>.</summary>
    public required DateTimeOffset EffectiveFrom { get; init; }
    /// <summary>The instant governance recorded the Directions.</summary>
    public required DateTimeOffset RecordedAt { get; init; }
    /// <summary>The intervention's end date, set by the first Directions of an intervention.</summary>
    public DateOnly? InterventionEndsOn { get; init; }
    /// <summary>The functions these Directions assign.</summary>
    public required IReadOnlyList<FunctionAssignment> Assignments { get; init; }
}
