namespace Finance.API.Forecast;

/// <summary>A child in one placement type from a start day, until an end day (exclusive) or still open.</summary>
public sealed record Spell(string ChildRef, string PlacementType, bool Stovewood, DateOnly StartedOn, DateOnly? EndedOn);

/// <summary>One placement type's share of a year's forecast, in full precision.</summary>
public sealed record TypeForecast(string PlacementType, string Description, int Children, int StovewoodChildren, int ChildrenNow,
    int Nights, decimal WeeklyUnitCost, decimal Forecast, decimal StovewoodForecast);

/// <summary>A year's children's placement forecast, in full precision.</summary>
public sealed record YearForecast(FinancialYear Year, int ChildrenLookedAfter, IReadOnlyList<TypeForecast> Types)
{
    public decimal Forecast => Types.Sum(t => t.Forecast);
    public decimal StovewoodForecast => Types.Sum(t => t.StovewoodForecast);
    /// <summary>What falls on the council's budget: Stovewood-linked costs are claimed from government.</summary>
    public decimal ForecastExcludingStovewood => Forecast - StovewoodForecast;
}

/// <summary>
/// The demand-led forecast: for each placement type, the nights children spend in it during the year (a placement
/// still open runs to the year's end: the remaining weeks) x the weekly unit cost / 7. A night is counted from the
/// placement's start day up to, not including, its end day, as the 903 return counts days in care.
/// </summary>
public static class PlacementForecast
{
    public static YearForecast For(FinancialYear year, IEnumerable<Spell> spells, UnitCosts costs, DateOnly today)
    {
        var census = today < year.Start ? year.Start : today > year.End ? year.End : today;
        var inYear = spells
            .Select(s => (Spell: s, Nights: Nights(s, year)))
            .Where(x => x.Nights > 0)
            .ToList();
        var types = inYear
            .GroupBy(x => x.Spell.PlacementType.ToUpperInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var cost = costs.Find(g.Key) ?? throw new InvalidOperationException($"No unit cost for placement type {g.Key}");
                var nights = g.Sum(x => x.Nights);
                var stovewoodNights = g.Where(x => x.Spell.Stovewood).Sum(x => x.Nights);
                return new TypeForecast(g.Key, cost.Description,
                    g.Select(x => x.Spell.ChildRef).Distinct().Count(),
                    g.Where(x => x.Spell.Stovewood).Select(x => x.Spell.ChildRef).Distinct().Count(),
                    g.Where(x => x.Spell.StartedOn <= census && (x.Spell.EndedOn is null || x.Spell.EndedOn > census))
                        .Select(x => x.Spell.ChildRef).Distinct().Count(),
                    nights, cost.Weekly, cost.Weekly * nights / 7m, cost.Weekly * stovewoodNights / 7m);
            })
            .ToList();
        return new YearForecast(year, inYear.Select(x => x.Spell.ChildRef).Distinct().Count(), types);
    }

    /// <summary>Nights of <paramref name="spell"/> that fall in <paramref name="year"/>.</summary>
    public static int Nights(Spell spell, FinancialYear year)
    {
        var from = spell.StartedOn > year.Start ? spell.StartedOn : year.Start;
        var to = spell.EndedOn is { } end && end < year.EndExclusive ? end : year.EndExclusive;
        return Math.Max(0, to.DayNumber - from.DayNumber);
    }
}
