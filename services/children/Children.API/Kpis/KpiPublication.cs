using Intervention.Contracts.Children;

namespace Children.API.Kpis;

/// <summary>
/// What publishing the KPIs as at a day sends: each KPI's value with the numerator and denominator it is computed from, and no definition or note.
/// </summary>
public static class KpiPublication
{
    public static KpisPublished Of(IReadOnlyList<Kpi> kpis, DateOnly asAt, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, AsAt = asAt,
        Kpis = [.. kpis.Select(kpi => new KpiFigure { Name = kpi.Name, Value = kpi.Value, Numerator = kpi.Numerator, Denominator = kpi.Denominator })],
    };
}
