using Intervention.Contracts.Finance.Http;

namespace Intervention.Seeds.Finance;

/// <summary>
/// Ledger totals and usable reserves for 2013/14 to 2016/17, from which the resilience indicators are computed.
/// The reports give none of these figures: all are illustrative, of the order of a metropolitan borough of Rotherham's
/// size, with reserves falling as the council used them to balance its budgets.
/// </summary>
public static class ResilienceSeed
{
    private const string Source = "Illustrative ledger totals (not published in the Commissioners' reports)";

    public static IEnumerable<(string Year, LedgerYearRequest Request)> Ledgers() =>
    [
        ("2013-14", Year(212_000_000m, 74_000_000m, 118_400_000m, 95_600_000m, 31_200_000m)),
        ("2014-15", Year(208_500_000m, 68_200_000m, 119_900_000m, 96_800_000m, 30_800_000m)),
        ("2015-16", Year(203_500_000m, 61_900_000m, 121_300_000m, 98_200_000m, 30_500_000m)),
        ("2016-17", Year(210_700_000m, 55_300_000m, 131_600_000m, 103_100_000m, 30_100_000m)),
    ];

    private static LedgerYearRequest Year(decimal nre, decimal reserves, decimal socialCare, decimal councilTax, decimal fees) => new()
    {
        NetRevenueExpenditure = nre,
        UsableReserves = reserves,
        SocialCareSpend = socialCare,
        CouncilTaxIncome = councilTax,
        FeesAndChargesIncome = fees,
        TotalServiceExpenditure = nre * 2.9m, // gross service spending before grants and income, roughly three times net
        Source = Source,
    };
}
