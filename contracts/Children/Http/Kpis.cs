namespace Intervention.Contracts.Children.Http;

/// <summary>A KPI as at a date: the value computed from its numerator and denominator, which are kept.</summary>
/// <param name="Name">The stable name (DOMAIN.md), e.g. <c>placements-3-plus</c>.</param>
/// <param name="Numerator">The count the value is computed from.</param>
/// <param name="Denominator">The count it is a share of.</param>
/// <param name="Value">A percentage to one decimal place (a ratio for <c>average-caseload</c>); null when the denominator is 0.</param>
/// <param name="Definition">The published definition the value follows.</param>
/// <param name="Notes">What was left out or broken down, e.g. <c>unknown-postcode</c>: counted, not guessed.</param>
public sealed record Kpi(string Name, decimal? Value, int Numerator, int Denominator, string Definition, IReadOnlyDictionary<string, int>? Notes = null);

/// <summary>One KPI's figure on one day of a trend.</summary>
/// <param name="AsAt">The day the KPI was computed as at (the last day of a month, or the series' last day).</param>
/// <param name="Value">The value as <see cref="Kpi.Value"/> gives it; null when the denominator is 0.</param>
/// <param name="Numerator">The count the value is computed from.</param>
/// <param name="Denominator">The count it is a share of.</param>
public sealed record KpiTrendPoint(DateOnly AsAt, decimal? Value, int Numerator, int Denominator);

/// <summary>One KPI month by month: what a trend chart draws, every figure from its numerator and denominator.</summary>
/// <param name="Name">The stable name (DOMAIN.md), e.g. <c>placements-3-plus</c>.</param>
/// <param name="Definition">The published definition the values follow.</param>
/// <param name="Points">The figure at the end of each month from the first day asked to the last, oldest first.</param>
public sealed record KpiTrend(string Name, string Definition, IReadOnlyList<KpiTrendPoint> Points);
