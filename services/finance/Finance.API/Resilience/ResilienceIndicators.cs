using Intervention.Contracts.Finance.Http;

namespace Finance.API.Resilience;

/// <summary>The ledger facts of one year, as the indicators read them.</summary>
public sealed record LedgerFacts(decimal NetRevenueExpenditure, decimal UsableReserves, decimal SocialCareSpend, decimal CouncilTaxIncome,
    decimal FeesAndChargesIncome, decimal TotalServiceExpenditure);

/// <summary>
/// CIPFA Financial Resilience Index-style indicators, each kept with its numerator and denominator:
/// reserves sustainability (years the reserves last at the year's drawdown), reserves / net revenue expenditure,
/// the change in reserves over three years, and the social care, council tax and fees and charges ratios.
/// </summary>
public static class ResilienceIndicators
{
    public static IReadOnlyList<ResilienceIndicator> Compute(LedgerFacts year, LedgerFacts? previous, LedgerFacts? threeYearsBefore)
    {
        var indicators = new List<ResilienceIndicator>();

        if (previous is null)
            indicators.Add(new("reserves-sustainability", year.UsableReserves, null, null, "years",
                "no ledger for the previous year: the drawdown is unknown"));
        else
        {
            var drawdown = previous.UsableReserves - year.UsableReserves;
            indicators.Add(drawdown > 0
                ? new("reserves-sustainability", year.UsableReserves, drawdown, year.UsableReserves / drawdown, "years",
                    "years the usable reserves last if drawn down as in this year")
                : new("reserves-sustainability", year.UsableReserves, drawdown, null, "years",
                    "reserves did not fall this year: they are not being drawn down"));
        }

        indicators.Add(Percent("reserves-to-net-revenue-expenditure", year.UsableReserves, year.NetRevenueExpenditure));
        indicators.Add(threeYearsBefore is null
            ? new("change-in-reserves-3-years", null, null, null, "percent", "no ledger for three years before")
            : Percent("change-in-reserves-3-years", year.UsableReserves - threeYearsBefore.UsableReserves, threeYearsBefore.UsableReserves));
        indicators.Add(Percent("social-care-ratio", year.SocialCareSpend, year.NetRevenueExpenditure));
        indicators.Add(Percent("council-tax-ratio", year.CouncilTaxIncome, year.NetRevenueExpenditure));
        indicators.Add(Percent("fees-and-charges-ratio", year.FeesAndChargesIncome, year.TotalServiceExpenditure));
        return indicators;
    }

    private static ResilienceIndicator Percent(string name, decimal numerator, decimal denominator) =>
        denominator == 0
            ? new(name, numerator, denominator, null, "percent", "the denominator is zero")
            : new(name, numerator, denominator, numerator * 100m / denominator, "percent", null);
}
