using Intervention.Contracts.Finance;

namespace Finance.API.Resilience;

/// <summary>The section 114 test: forecast spending above resources plus usable reserves.</summary>
public static class Section114Test
{
    public static decimal Headroom(decimal forecastSpending, decimal resources, decimal usableReserves) => resources + usableReserves - forecastSpending;

    public static bool AtRisk(decimal forecastSpending, decimal resources, decimal usableReserves) => Headroom(forecastSpending, resources, usableReserves) < 0;

    /// <summary>Full council must meet to consider a section 114 report within 21 days of its issue (LGFA 1988 s.115).</summary>
    public static DateOnly FullCouncilBy(DateOnly issuedOn) => issuedOn.AddDays(21);

    /// <summary>The risk kept for the year, and the event that raises it.</summary>
    public sealed record Raised(Section114Risk Risk, Section114RiskRaised Event);

    /// <summary>
    /// Raises the section 114 risk for <paramref name="year"/> when its <paramref name="assessment"/> fails the test and the
    /// risk was not raised for it before (<see cref="Section114Assessment.RaisedAt"/>): once per year. Null otherwise.
    /// </summary>
    public static Raised? Raise(FinancialYear year, Section114Assessment assessment, DateTimeOffset now)
    {
        if (!assessment.AtRisk || assessment.RaisedAt is not null) return null;
        var eventId = Guid.CreateVersion7(now);
        var risk = new Section114Risk
        {
            Year = year.StartYear, EventId = eventId, ForecastSpending = assessment.ForecastSpending, Resources = assessment.Resources!.Value,
            UsableReserves = assessment.UsableReserves!.Value, RaisedAt = now,
        };
        return new Raised(risk, new Section114RiskRaised
        {
            EventId = eventId, OccurredAt = now, Year = year.ToString(), ForecastSpending = assessment.ForecastSpending,
            Resources = risk.Resources, UsableReserves = risk.UsableReserves, Shortfall = -assessment.Headroom!.Value,
        });
    }
}
