using Intervention.ServiceDefaults.Http;

namespace Children.API.Kpis;

/// <summary>
/// The KPIs month by month, as the trend charts draw them: which days a series is computed as at, and each KPI's figures on
/// those days. Pure: the days asked and today in, the days or the refusal out; the inputs loaded and arranged once, every day computed from them.
/// </summary>
public static class KpiSeries
{
    /// <summary>The most days one series computes: three years of month ends and the last day.</summary>
    public const int MostPoints = 37;

    /// <summary>
    /// The last day of every month from <paramref name="from"/> up to <paramref name="to"/>, then <paramref name="to"/> itself.
    /// Absent, <paramref name="to"/> is today and <paramref name="from"/> twelve months before it.
    /// </summary>
    public static Decision<IReadOnlyList<DateOnly>> Days(string? from, string? to, DateOnly today)
    {
        if (!Dates.TryParse(to, today, out var last)) return Refusal.OfField("to", Dates.Rule);
        if (!Dates.TryParse(from, last.AddYears(-1), out var first)) return Refusal.OfField("from", Dates.Rule);
        if (first > last) return Refusal.OfField("from", $"must be on or before to ({last:yyyy-MM-dd})");
        var days = new List<DateOnly>();
        for (var monthEnd = EndOfMonth(first); monthEnd < last; monthEnd = EndOfMonth(monthEnd.AddDays(1))) days.Add(monthEnd);
        days.Add(last);
        return days.Count > MostPoints
            ? Refusal.OfField("from", $"must be at most {MostPoints - 1} months before to: a series has at most {MostPoints} points")
            : days;
    }

    /// <summary>Each KPI, in the calculator's order, with its figure on each day.</summary>
    public static IReadOnlyList<KpiTrend> Trends(KpiCalculator calculator, KpiInputs inputs, IReadOnlyList<DateOnly> days)
    {
        // What does not depend on the day is worked out once; each day is then a few scans (on the seeded year under a millisecond
        // each), so the days run one after another rather than taking both cores from the rest of the system.
        var cohort = calculator.Arrange(inputs);
        var byDay = days.Select(day => (Day: day, Kpis: calculator.Calculate(cohort, day))).ToList();
        return [.. byDay[0].Kpis.Select((kpi, i) => new KpiTrend(kpi.Name, kpi.Definition,
            [.. byDay.Select(d => new KpiTrendPoint(d.Day, d.Kpis[i].Value, d.Kpis[i].Numerator, d.Kpis[i].Denominator))]))];
    }

    private static DateOnly EndOfMonth(DateOnly day) => new(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));
}
