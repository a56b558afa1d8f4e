using Intervention.Contracts.Finance.Http;

namespace Finance.API.Mtfs;

/// <summary>One assumption as the model reads it: a value for a category, a year (or none) and a line name.</summary>
public sealed record Assumption(AssumptionCategory Category, FinancialYear? Year, string? Name, decimal Value, string Source, DateOnly AsOf, bool Illustrative)
{
    /// <summary>Two assumptions with the same key are the same line: a scenario's change replaces its parent's.</summary>
    public (AssumptionCategory, int?, string) Key => (Category, Year?.StartYear, Name?.Trim().ToLowerInvariant() ?? "");
}

/// <summary>One year of the model's answer, in full precision (rounding is for display only).</summary>
public sealed record GapYear(FinancialYear Year, decimal BandD, decimal CouncilTax, decimal Funding, decimal Spending,
    decimal Gap, decimal CumulativeGap, decimal Savings, decimal PlannedReserves, decimal RemainingGap,
    decimal DemandSinceSetting, IReadOnlyList<string> ReferendumLimitBreaches)
{
    /// <summary>The cumulative gap if the demand the children's service has reported since the version was set continues.</summary>
    public decimal CumulativeGapWithDemand => CumulativeGap + DemandSinceSetting;
    /// <summary>The remaining gap if that demand continues.</summary>
    public decimal RemainingGapWithDemand => RemainingGap + DemandSinceSetting;
}

/// <summary>
/// The medium-term financial strategy's arithmetic, from assumptions alone: no database, no clock.
/// <para>Funding: council tax (tax base x band D, band D rising each year by the core increase plus the adult social
/// care precept, both in percent of the previous year's band D) + business rates + revenue support grant + specific grants.</para>
/// <para>Spending: the base year's balanced net budget, plus every year's pressures so far (pressures are recurrent:
/// pay, prices, demand x the demand factor, others).</para>
/// <para>Cumulative gap = spending - funding (the base year was balanced); a year's gap is the cumulative gap's growth in
/// that year; the remaining gap is the cumulative gap less the savings delivered so far (recurrent) and that year's planned
/// reserves (one-off). A balanced budget's remaining gap is zero.</para>
/// <para>Demand since setting: the children's placement forecast now minus when the version was set, x the demand factor.
/// It is shown beside the gap (and added in the "with demand" figures) rather than folded into it, so that a version's
/// gap is what its assumptions say and a published strategy keeps its published figures while demand moves.</para>
/// </summary>
public static class MtfsModel
{
    public static IReadOnlyList<GapYear> Gap(IReadOnlyList<FinancialYear> years, IReadOnlyList<Assumption> assumptions, ReferendumLimits limits,
        Func<FinancialYear, decimal> placementForecastNow)
    {
        decimal One(AssumptionCategory c, FinancialYear? y) => assumptions.Where(a => a.Category == c && a.Year == y).Sum(a => a.Value);
        decimal? Find(AssumptionCategory c, FinancialYear? y) =>
            assumptions.FirstOrDefault(a => a.Category == c && a.Year == y) is { } found ? found.Value : null;

        var bandD = One(AssumptionCategory.BandD, null);
        var baseBudget = One(AssumptionCategory.BaseBudget, null);
        var demandFactor = Find(AssumptionCategory.DemandFactor, null) ?? 1m;

        var answer = new List<GapYear>(years.Count);
        decimal pressures = 0m, savings = 0m, previousCumulative = 0m;
        foreach (var year in years)
        {
            var core = One(AssumptionCategory.CoreIncrease, year);
            var asc = One(AssumptionCategory.AscPrecept, year);
            bandD *= 1m + (core + asc) / 100m;
            var councilTax = One(AssumptionCategory.TaxBase, year) * bandD;
            var funding = councilTax
                + One(AssumptionCategory.BusinessRates, year)
                + One(AssumptionCategory.RevenueSupportGrant, year)
                + One(AssumptionCategory.SpecificGrant, year);

            pressures += One(AssumptionCategory.PayPressure, year)
                + One(AssumptionCategory.PricePressure, year)
                + demandFactor * One(AssumptionCategory.DemandPressure, year)
                + One(AssumptionCategory.OtherPressure, year);
            var demandSinceSetting = demandFactor * (placementForecastNow(year) - One(AssumptionCategory.PlacementForecastBaseline, year));
            var spending = baseBudget + pressures;

            var cumulative = spending - funding;
            savings += One(AssumptionCategory.Savings, year);
            var reserves = One(AssumptionCategory.PlannedReserves, year);
            var breaches = limits.Check(year, core, asc, y => Find(AssumptionCategory.AscPrecept, y));

            answer.Add(new GapYear(year, bandD, councilTax, funding, spending,
                cumulative - previousCumulative, cumulative, savings, reserves, cumulative - savings - reserves, demandSinceSetting, breaches));
            previousCumulative = cumulative;
        }
        return answer;
    }
}
