using Finance.API;
using Finance.API.Mtfs;
using Intervention.Contracts.Finance.Http;
using Intervention.Seeds.Finance;

namespace Finance.Tests.Mtfs;

public class MtfsModelTests
{
    private static readonly FinancialYear Y1 = new(2016), Y2 = new(2017), Y3 = new(2018);
    private static readonly FinancialYear[] Years = [Y1, Y2, Y3];
    private static readonly DateOnly Day = new(2016, 3, 2);

    private static Assumption A(AssumptionCategory c, FinancialYear? y, decimal v, string? name = null) => new(c, y, name, v, "test", Day, true);

    private static IReadOnlyList<GapYear> Gap(IReadOnlyList<Assumption> assumptions, Func<FinancialYear, decimal>? now = null) =>
        MtfsModel.Gap(Years, assumptions, new ReferendumLimits(), now ?? (_ => 0m));

    /// <summary>
    /// Worked by hand. Band D 1,000 rises 1.5% + 2% = 3.5% to 1,035 (2016/17), then 1.5% + 3% to 1,081.575, then 2% + 3% to
    /// 1,135.65375. Tax base 1,000, so council tax 1,035,000 / 1,081,575 / 1,135,653.75. Grants 500,000 a year.
    /// Base budget 1,500,000; pressures 100,000 a year (recurrent) plus demand 50,000 a year.
    /// Spending 1,650,000 / 1,800,000 / 1,950,000; funding 1,535,000 / 1,581,575 / 1,635,653.75;
    /// cumulative gap 115,000 / 218,425 / 314,346.25; gaps 115,000 / 103,425 / 95,921.25.
    /// Savings 60,000 in 2016/17 and 100,000 in 2017/18 (recurrent), reserves 55,000 in 2016/17 (one-off):
    /// remaining 0 / 58,425 / 154,346.25.
    /// </summary>
    private static List<Assumption> WorkedExample() =>
    [
        A(AssumptionCategory.BaseBudget, null, 1_500_000m),
        A(AssumptionCategory.BandD, null, 1_000m),
        A(AssumptionCategory.TaxBase, Y1, 1_000m), A(AssumptionCategory.TaxBase, Y2, 1_000m), A(AssumptionCategory.TaxBase, Y3, 1_000m),
        A(AssumptionCategory.CoreIncrease, Y1, 1.5m), A(AssumptionCategory.CoreIncrease, Y2, 1.5m), A(AssumptionCategory.CoreIncrease, Y3, 2m),
        A(AssumptionCategory.AscPrecept, Y1, 2m), A(AssumptionCategory.AscPrecept, Y2, 3m), A(AssumptionCategory.AscPrecept, Y3, 3m),
        A(AssumptionCategory.RevenueSupportGrant, Y1, 300_000m), A(AssumptionCategory.RevenueSupportGrant, Y2, 300_000m), A(AssumptionCategory.RevenueSupportGrant, Y3, 300_000m),
        A(AssumptionCategory.BusinessRates, Y1, 200_000m), A(AssumptionCategory.BusinessRates, Y2, 200_000m), A(AssumptionCategory.BusinessRates, Y3, 200_000m),
        A(AssumptionCategory.PayPressure, Y1, 60_000m), A(AssumptionCategory.PayPressure, Y2, 60_000m), A(AssumptionCategory.PayPressure, Y3, 60_000m),
        A(AssumptionCategory.PricePressure, Y1, 40_000m), A(AssumptionCategory.PricePressure, Y2, 40_000m), A(AssumptionCategory.PricePressure, Y3, 40_000m),
        A(AssumptionCategory.DemandPressure, Y1, 50_000m, "Adults"), A(AssumptionCategory.DemandPressure, Y2, 50_000m, "Adults"), A(AssumptionCategory.DemandPressure, Y3, 50_000m, "Adults"),
        A(AssumptionCategory.Savings, Y1, 60_000m, "S1"), A(AssumptionCategory.Savings, Y2, 100_000m, "S2"),
        A(AssumptionCategory.PlannedReserves, Y1, 55_000m),
    ];

    [Fact]
    public void The_worked_example_gives_the_gaps_worked_by_hand()
    {
        var gap = Gap(WorkedExample());

        Assert.Equal([1_035m, 1_081.575m, 1_135.65375m], gap.Select(y => y.BandD));
        Assert.Equal([1_035_000m, 1_081_575m, 1_135_653.75m], gap.Select(y => y.CouncilTax));
        Assert.Equal([1_650_000m, 1_800_000m, 1_950_000m], gap.Select(y => y.Spending));
        Assert.Equal([115_000m, 103_425m, 95_921.25m], gap.Select(y => y.Gap));
        Assert.Equal([115_000m, 218_425m, 314_346.25m], gap.Select(y => y.CumulativeGap));
        Assert.Equal([0m, 58_425m, 154_346.25m], gap.Select(y => y.RemainingGap));
        Assert.All(gap, y => Assert.Empty(y.ReferendumLimitBreaches));
    }

    [Fact]
    public void Ten_percent_more_demand_adds_a_tenth_of_every_demand_pressure_so_far()
    {
        var more = MtfsRules.Apply(WorkedExample(), [A(AssumptionCategory.DemandFactor, null, 1.1m)]);

        // Demand 50,000 a year, recurrent: 10% more is 5,000 more in 2016/17, 10,000 by 2017/18, 15,000 by 2018/19.
        Assert.Equal([120_000m, 228_425m, 329_346.25m], Gap(more).Select(y => y.CumulativeGap));
    }

    [Fact]
    public void Demand_reported_since_the_version_was_set_is_shown_beside_the_gap_and_scaled_by_the_demand_factor()
    {
        var assumptions = MtfsRules.Apply(WorkedExample(),
        [
            A(AssumptionCategory.PlacementForecastBaseline, Y2, 400_000m),
            A(AssumptionCategory.DemandFactor, null, 1.1m),
        ]);

        var gap = Gap(assumptions, y => y == Y2 ? 500_000m : 0m);

        var y2 = gap[1];
        Assert.Equal(110_000m, y2.DemandSinceSetting); // (500,000 - 400,000) x 1.1
        Assert.Equal(228_425m, y2.CumulativeGap);      // the version's own figure does not move
        Assert.Equal(338_425m, y2.CumulativeGapWithDemand);
        Assert.Equal(0m, gap[2].DemandSinceSetting);   // no baseline and no forecast in 2018/19
    }

    [Fact]
    public void The_seeded_strategy_computes_the_published_41_083m_gap_and_the_24m_to_find_in_2017_18()
    {
        var request = MtfsSeed.Version();
        var errors = new Dictionary<string, string[]>();
        var assumptions = MtfsRules.Read(request.Assumptions, Years, "assumptions", errors);
        Assert.Empty(errors);

        var gap = Gap(assumptions);

        Assert.Equal(41_083_000m, gap[^1].CumulativeGap);
        Assert.Equal(24_000_000m, gap[1].Gap);
        Assert.Equal(0m, gap[0].RemainingGap);                 // 2016/17 balanced: the budget was approved
        Assert.Equal(0m, gap[1].RemainingGap);                 // 2017/18 balanced with £5.4m of reserves
        Assert.Equal(4_563_000m, gap[2].RemainingGap);         // 2018/19 still to find
        Assert.Equal(221_134_557m, gap[1].Funding + gap[1].PlannedReserves); // "a net budget of about £221m"
        Assert.All(gap, y => Assert.Empty(y.ReferendumLimitBreaches));
    }

    [Fact]
    public void The_seeded_ten_percent_demand_scenario_adds_a_tenth_of_the_19_3m_demand_pressures()
    {
        var errors = new Dictionary<string, string[]>();
        var parent = MtfsRules.Read(MtfsSeed.Version().Assumptions, Years, "assumptions", errors);
        var changes = MtfsRules.Read(MtfsSeed.TenPercentMoreDemand().Changes, Years, "changes", errors);
        Assert.Empty(errors);

        var gap = Gap(MtfsRules.Apply(parent, changes));

        // Demand pressures 3.8m + 13.2m + 2.3m = 19.3m over the three years: 10% more is 1.93m.
        Assert.Equal(43_013_000m, gap[^1].CumulativeGap);
    }
}
