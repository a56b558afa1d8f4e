using Intervention.Contracts.Http;

namespace Intervention.Contracts.Governance.Http;

/// <summary>The status of an improvement plan milestone.</summary>
public enum MilestoneStatus
{
    /// <summary>Work has not begun.</summary>
    NotStarted,
    /// <summary>Under way.</summary>
    InProgress,
    /// <summary>Substantively delivered.</summary>
    Delivered,
    /// <summary>Not delivered by its due date.</summary>
    Late,
}

/// <summary>A corporate plan measure's direction of travel since the previous quarter.</summary>
public enum DirectionOfTravel
{
    /// <summary>Better than the previous quarter.</summary>
    Improving,
    /// <summary>About the same.</summary>
    Stable,
    /// <summary>Worse than the previous quarter.</summary>
    Declining,
}

/// <summary>An improvement plan objective, keyed by a stable code chosen by the caller.</summary>
public sealed record ImprovementObjectiveRequest
{
    /// <summary>The plan phase it belongs to, e.g. <c>Phase Two</c>.</summary>
    public string? Phase { get; init; }
    /// <summary>The objective as the plan words it.</summary>
    public string? Title { get; init; }
}

/// <summary>A milestone of an objective, keyed by a stable code chosen by the caller.</summary>
public sealed record ImprovementMilestoneRequest
{
    /// <summary>The code of the objective it belongs to.</summary>
    public string? Objective { get; init; }
    /// <summary>The milestone as the plan words it.</summary>
    public string? Title { get; init; }
    /// <summary>When it is due (<c>yyyy-MM-dd</c>).</summary>
    public DateOnly? DueOn { get; init; }
}

/// <summary>A milestone's status from a date; the history is kept.</summary>
public sealed record MilestoneStatusRequest
{
    /// <summary>The status.</summary>
    public MilestoneStatus? Status { get; init; }
    /// <summary>The date the milestone reached it.</summary>
    public DateOnly? On { get; init; }
}

/// <summary>An objective as recorded.</summary>
/// <param name="Code">The objective's code.</param>
/// <param name="Phase">The plan phase.</param>
/// <param name="Title">The objective.</param>
public sealed record ImprovementObjective(string Code, string Phase, string Title);

/// <summary>One status change of a milestone.</summary>
/// <param name="Status">The status.</param>
/// <param name="On">The date it took that status.</param>
/// <param name="RecordedAt">When governance recorded it.</param>
public sealed record MilestoneStatusChange(MilestoneStatus Status, DateOnly On, DateTimeOffset RecordedAt);

/// <summary>A milestone as recorded, with its status history.</summary>
/// <param name="Code">The milestone's code.</param>
/// <param name="Objective">The code of its objective.</param>
/// <param name="Title">The milestone.</param>
/// <param name="DueOn">When it is due.</param>
/// <param name="History">Its status changes, oldest first.</param>
public sealed record ImprovementMilestone(string Code, string Objective, string Title, DateOnly DueOn, IReadOnlyList<MilestoneStatusChange> History);

/// <summary>The improvement plan counted as at a date; computed from the milestones, never stored.</summary>
public sealed record ImprovementPlanSummary
{
    /// <summary>The date the counts are as at.</summary>
    public required DateOnly AsAt { get; init; }
    /// <summary>The phase counted, or null for every phase.</summary>
    public string? Phase { get; init; }
    /// <summary>Objectives in the plan.</summary>
    public required int Objectives { get; init; }
    /// <summary>Milestones in the plan.</summary>
    public required int Milestones { get; init; }
    /// <summary>Milestones delivered by <see cref="AsAt"/>.</summary>
    public required int Delivered { get; init; }
    /// <summary>Milestones in progress and not past their due date.</summary>
    public required int InProgress { get; init; }
    /// <summary>Milestones not started and not past their due date.</summary>
    public required int NotStarted { get; init; }
    /// <summary>Milestones recorded late, or not delivered by their due date.</summary>
    public required int Late { get; init; }
    /// <summary>Delivered as a percentage of milestones, one decimal place; null when there are none.</summary>
    public decimal? DeliveredPercent { get; init; }
}

/// <summary>A corporate plan measure's standing in one quarter.</summary>
public sealed record CorporateMeasureRequest
{
    /// <summary>True when on target; null when the quarter has no data for it.</summary>
    public bool? OnTarget { get; init; }
    /// <summary>Its direction of travel; null when it cannot be compared with the previous quarter.</summary>
    public DirectionOfTravel? Direction { get; init; }
}

/// <summary>A measure as recorded for a quarter.</summary>
/// <param name="Measure">The measure's code.</param>
/// <param name="OnTarget">True when on target; null without data.</param>
/// <param name="Direction">Direction of travel; null when not comparable.</param>
public sealed record CorporateMeasure(string Measure, bool? OnTarget, DirectionOfTravel? Direction);

/// <summary>A share computed from its numerator and denominator, never stored alone.</summary>
/// <param name="Numerator">What is counted.</param>
/// <param name="Denominator">What it is counted out of.</param>
/// <param name="Percent">Numerator over denominator, as a percentage to one decimal place; null when the denominator is zero.</param>
public sealed record Share(int Numerator, int Denominator, decimal? Percent);

/// <summary>The corporate plan's measures for one quarter of a financial year.</summary>
public sealed record CorporatePlanQuarter
{
    /// <summary>The financial year, e.g. <c>2016-17</c>.</summary>
    public required string Year { get; init; }
    /// <summary>The quarter, 1 to 4 (Q1 is April to June).</summary>
    public required int Quarter { get; init; }
    /// <summary>Measures on target, out of those with data.</summary>
    public required Share OnTarget { get; init; }
    /// <summary>Measures improving, out of those with a direction of travel.</summary>
    public required Share Improving { get; init; }
    /// <summary>Measures declining, out of those with a direction of travel.</summary>
    public required Share Declining { get; init; }
    /// <summary>Every measure recorded for the quarter.</summary>
    public required IReadOnlyList<CorporateMeasure> Measures { get; init; }
}

/// <summary>An assessment of one of the Independent Health Check's ten factors.</summary>
public sealed record HealthCheckAssessmentRequest
{
    /// <summary>The assessment.</summary>
    public Rag? Rag { get; init; }
    /// <summary>The evidence it rests on.</summary>
    public string? Evidence { get; init; }
    /// <summary>The date of the assessment.</summary>
    public DateOnly? AssessedOn { get; init; }
    /// <summary>Who assessed it.</summary>
    public string? Assessor { get; init; }
}

/// <summary>One recorded assessment of a health check factor.</summary>
/// <param name="Factor">The factor, 1 to 10.</param>
/// <param name="Rag">The assessment.</param>
/// <param name="Evidence">The evidence.</param>
/// <param name="AssessedOn">The date of the assessment.</param>
/// <param name="Assessor">Who assessed it.</param>
/// <param name="RecordedAt">When governance recorded it.</param>
public sealed record HealthCheckAssessment(int Factor, Rag Rag, string Evidence, DateOnly AssessedOn, string? Assessor, DateTimeOffset RecordedAt);

/// <summary>One of the Independent Health Check's ten factors with its latest assessment and history.</summary>
/// <param name="Factor">The factor, 1 to 10.</param>
/// <param name="Name">What the factor examines.</param>
/// <param name="Latest">The latest assessment, or null before the first.</param>
/// <param name="History">Every assessment, newest first.</param>
public sealed record HealthCheckFactor(int Factor, string Name, HealthCheckAssessment? Latest, IReadOnlyList<HealthCheckAssessment> History);

/// <summary>Commissioner days for a financial year: the pooled allocation and the days used.</summary>
public sealed record CommissionerDaysRequest
{
    /// <summary>The pooled allocation of days for every Commissioner together; null when none was set.</summary>
    public decimal? AllocatedDays { get; init; }
    /// <summary>Days used so far (or estimated, see <see cref="Note"/>).</summary>
    public decimal? DaysUsed { get; init; }
    /// <summary>How many Commissioners share the allocation.</summary>
    public int? Commissioners { get; init; }
    /// <summary>A note, e.g. "plus a full-time Managing Director Commissioner".</summary>
    public string? Note { get; init; }
}

/// <summary>Commissioner days for a financial year, with the remainder computed.</summary>
/// <param name="Year">The financial year, e.g. <c>2018-19</c>.</param>
/// <param name="AllocatedDays">The pooled allocation; null when none was set.</param>
/// <param name="DaysUsed">Days used.</param>
/// <param name="RemainingDays">Allocation minus days used (negative when overrun); null without an allocation.</param>
/// <param name="Commissioners">How many Commissioners share it.</param>
/// <param name="Note">A note.</param>
public sealed record CommissionerDays(string Year, decimal? AllocatedDays, decimal DaysUsed, decimal? RemainingDays, int? Commissioners, string? Note);
