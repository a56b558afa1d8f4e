namespace Intervention.Contracts.Children;

/// <summary>
/// The children's KPIs as at a date were published. Aggregates only: each KPI's value with its numerator and
/// denominator, never a child-level record or reference.
/// </summary>
[Classified(EventClassification.Public)]
public sealed record KpisPublished : IIntegrationEvent
{
    /// <summary>Unique id of this event (also the message id).</summary>
    public required Guid EventId { get; init; }
    /// <summary>When the event happened (UTC): the instant the children's service published the figures.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The day the figures are as at, e.g. 31 March for a year end.</summary>
    public required DateOnly AsAt { get; init; }
    /// <summary>Each KPI under its stable name (<c>placements-3-plus</c>, <c>statutory-visits-on-time</c> ...).</summary>
    public required IReadOnlyList<KpiFigure> Kpis { get; init; }
}

/// <summary>One KPI's aggregate figures.</summary>
public sealed record KpiFigure
{
    /// <summary>The KPI's stable name, e.g. <c>family-based-placements</c>.</summary>
    public required string Name { get; init; }
    /// <summary>The value: a percentage to one decimal place, or a ratio for <c>average-caseload</c>; null when the denominator is 0.</summary>
    public decimal? Value { get; init; }
    /// <summary>The count the value is computed from.</summary>
    public required int Numerator { get; init; }
    /// <summary>The count it is a share of.</summary>
    public required int Denominator { get; init; }
}
