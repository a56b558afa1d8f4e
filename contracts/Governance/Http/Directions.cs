using System.ComponentModel.DataAnnotations;

namespace Intervention.Contracts.Governance.Http;

/// <summary>A request to record Directions in the governance register.</summary>
public sealed record IssueDirectionsRequest
{
    /// <summary>The date the Directions were issued (<c>yyyy-MM-dd</c>).</summary>
    public DateOnly? IssuedOn { get; init; }
    /// <summary>The issuing department(s), e.g. <c>["DCLG","DfE"]</c>: at most 10.</summary>
    [MaxLength(10)]
    public IReadOnlyList<string>? IssuedBy { get; init; }
    /// <summary>The instant from which the Directions apply (ISO 8601 with offset).</summary>
    public DateTimeOffset? EffectiveFrom { get; init; }
    /// <summary>The intervention's end date; given on the first Directions of an intervention.</summary>
    public DateOnly? InterventionEndsOn { get; init; }
    /// <summary>The functions assigned, each to one authority with an oversight mode: at most 100 (a council has a few dozen functions).</summary>
    [MaxLength(100)]
    public IReadOnlyList<FunctionAssignment>? Assignments { get; init; }
}

/// <summary>The governance register's receipt for recorded Directions.</summary>
/// <param name="Id">The Directions' id.</param>
/// <param name="RecordedAt">The instant the register recorded them.</param>
public sealed record DirectionsRecorded(Guid Id, DateTimeOffset RecordedAt);

/// <summary>Directions as the governance register holds them.</summary>
public sealed record DirectionsDetail
{
    /// <summary>The Directions' id.</summary>
    public required Guid Id { get; init; }
    /// <summary>The date the Directions were issued.</summary>
    public required DateOnly IssuedOn { get; init; }
    /// <summary>The issuing department(s).</summary>
    public required IReadOnlyList<string> IssuedBy { get; init; }
    /// <summary>The instant from which they apply.</summary>
    public required DateTimeOffset EffectiveFrom { get; init; }
    /// <summary>The instant the register recorded them.</summary>
    public required DateTimeOffset RecordedAt { get; init; }
    /// <summary>The intervention's end date, when these Directions set it.</summary>
    public DateOnly? InterventionEndsOn { get; init; }
    /// <summary>The functions they assign.</summary>
    public required IReadOnlyList<FunctionAssignment> Assignments { get; init; }
}

/// <summary>One row of the responsibility grid: a council function and who holds it at an instant.</summary>
public sealed record FunctionInForce
{
    /// <summary>The function's code.</summary>
    public required string Code { get; init; }
    /// <summary>The function's name.</summary>
    public required string Name { get; init; }
    /// <summary>The portfolio service that owns its records.</summary>
    public required Portfolio Portfolio { get; init; }
    /// <summary>Who holds it; null when no Directions in force assign it (it stays with the council's usual constitution).</summary>
    public Authority? Authority { get; init; }
    /// <summary>Commissioner oversight over the holder; null when no Directions assign it.</summary>
    public Oversight? Oversight { get; init; }
    /// <summary>The Directions that assign it; null when none do.</summary>
    public Guid? DirectionsId { get; init; }
}
