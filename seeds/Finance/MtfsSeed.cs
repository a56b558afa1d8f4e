using Intervention.Contracts.Finance.Http;

namespace Intervention.Seeds.Finance;

/// <summary>
/// The 2016/17 to 2018/19 medium-term financial strategy as the Commissioners' report of February 2017 describes it:
/// a three-year gap of £41.083m after recurrent children's social care funding of £8.4m, £7.4m and £6.4m; £24m to find
/// in 2017/18; the 3% adult social care precept in 2017/18; around £5.4m of reserves in the 2017/18 budget; a net budget
/// of about £221m in 2017/18. The report gives no tax base, band D, grant or yearly split: those assumptions are
/// illustrative, labelled so, and chosen so that the model computes the published figures (the last "other pressures"
/// line of each year is the balancing item). The gap itself is never entered: the finance service computes it.
/// </summary>
public static class MtfsSeed
{
    public const string VersionId = "mtfs-2016-19";
    public const string DemandScenarioId = "mtfs-2016-19-demand-plus-10";

    private const string Report = "Commissioners' report to the Secretaries of State, February 2017";
    private static readonly DateOnly ReportDate = new(2017, 2, 7);
    private const string Illustrative = "Illustrative: not published; chosen so the model reproduces the published figures";
    private static readonly DateOnly BudgetDay = new(2016, 3, 2);

    public static CreateMtfsVersionRequest Version() => new()
    {
        Id = VersionId,
        Name = "Budget 2016/17 and MTFS 2016/17 to 2018/19 (Council, 2 March 2016), as reported by Commissioners in February 2017",
        FirstYear = "2016/17",
        Years = 3,
        MakeCurrent = true,
        Assumptions =
        [
            I(AssumptionCategory.BaseBudget, null, null, 203_500_000m),
            I(AssumptionCategory.BandD, null, null, 1_440m),

            I(AssumptionCategory.TaxBase, "2016/17", null, 69_000m),
            I(AssumptionCategory.TaxBase, "2017/18", null, 69_800m),
            I(AssumptionCategory.TaxBase, "2018/19", null, 70_400m),
            I(AssumptionCategory.CoreIncrease, "2016/17", null, 1.75m),
            I(AssumptionCategory.CoreIncrease, "2017/18", null, 1.75m),
            I(AssumptionCategory.CoreIncrease, "2018/19", null, 2.25m),
            I(AssumptionCategory.AscPrecept, "2016/17", null, 2m),
            P(AssumptionCategory.AscPrecept, "2017/18", null, 3m, "the maximum 3% allowed by the 2017/18 provisional settlement"),
            I(AssumptionCategory.AscPrecept, "2018/19", null, 3m),

            I(AssumptionCategory.BusinessRates, "2016/17", null, 62_100_000m),
            I(AssumptionCategory.BusinessRates, "2017/18", null, 63_800_000m),
            I(AssumptionCategory.BusinessRates, "2018/19", null, 65_400_000m),
            I(AssumptionCategory.RevenueSupportGrant, "2016/17", null, 42_300_000m),
            I(AssumptionCategory.RevenueSupportGrant, "2017/18", null, 33_600_000m),
            I(AssumptionCategory.RevenueSupportGrant, "2018/19", null, 28_600_000m),
            I(AssumptionCategory.SpecificGrant, "2016/17", "New Homes Bonus", 3_200_000m),
            I(AssumptionCategory.SpecificGrant, "2017/18", "New Homes Bonus", 2_900_000m),
            I(AssumptionCategory.SpecificGrant, "2018/19", "New Homes Bonus", 2_100_000m),
            I(AssumptionCategory.SpecificGrant, "2017/18", "Improved Better Care Fund", 6_200_000m),
            I(AssumptionCategory.SpecificGrant, "2018/19", "Improved Better Care Fund", 10_400_000m),

            P(AssumptionCategory.OtherPressure, "2016/17", "Children's social care: additional recurrent funding", 8_400_000m, "£8.4m in 2016/17"),
            P(AssumptionCategory.OtherPressure, "2017/18", "Children's social care: additional recurrent funding", 7_400_000m, "£7.4m in 2017/18"),
            P(AssumptionCategory.OtherPressure, "2018/19", "Children's social care: additional recurrent funding", 6_400_000m, "£6.4m in 2018/19"),
            I(AssumptionCategory.PayPressure, "2016/17", null, 2_100_000m),
            I(AssumptionCategory.PayPressure, "2017/18", null, 2_900_000m),
            I(AssumptionCategory.PayPressure, "2018/19", null, 2_400_000m),
            I(AssumptionCategory.PricePressure, "2016/17", null, 2_400_000m),
            I(AssumptionCategory.PricePressure, "2017/18", null, 3_100_000m),
            I(AssumptionCategory.PricePressure, "2018/19", null, 2_700_000m),
            I(AssumptionCategory.DemandPressure, "2016/17", "Adult social care demand", 2_300_000m),
            I(AssumptionCategory.DemandPressure, "2017/18", "Adult social care demand", 6_900_000m),
            I(AssumptionCategory.DemandPressure, "2018/19", "Adult social care demand", 1_500_000m),
            I(AssumptionCategory.DemandPressure, "2016/17", "Children's social care demand", 1_500_000m),
            I(AssumptionCategory.DemandPressure, "2017/18", "Children's social care demand", 6_300_000m),
            I(AssumptionCategory.DemandPressure, "2018/19", "Children's social care demand", 800_000m),
            I(AssumptionCategory.OtherPressure, "2016/17", "Other pressures and funding changes (balancing item)", 406_000m),
            I(AssumptionCategory.OtherPressure, "2017/18", "Other pressures and funding changes (balancing item)", 2_448_557m),
            I(AssumptionCategory.OtherPressure, "2018/19", "Other pressures and funding changes (balancing item)", 86_089.64m),

            I(AssumptionCategory.Savings, "2016/17", "Savings proposals 2016/17", 7_920_000m),
            I(AssumptionCategory.Savings, "2017/18", "Savings proposals 2017/18 (consulted on, December 2016)", 20_600_000m),
            I(AssumptionCategory.Savings, "2018/19", "Savings proposals 2018/19", 8_000_000m),
            I(AssumptionCategory.PlannedReserves, "2016/17", null, 2_000_000m),
            P(AssumptionCategory.PlannedReserves, "2017/18", null, 5_400_000m, "around £5.4m of reserves in the proposed 2017/18 budget"),
        ],
    };

    /// <summary>The same strategy with 10% more demand: every demand pressure, and demand reported since, x 1.1.</summary>
    public static CreateScenarioRequest TenPercentMoreDemand() => new()
    {
        Id = DemandScenarioId,
        Name = "10% more demand in adults' and children's social care",
        Changes = [new MtfsAssumption { Category = AssumptionCategory.DemandFactor, Value = 1.10m,
            Source = "Illustrative scenario: 10% more demand than assumed", AsOf = ReportDate, Illustrative = true }],
    };

    private static MtfsAssumption I(AssumptionCategory category, string? year, string? name, decimal value) =>
        new() { Category = category, Year = year, Name = name, Value = value, Source = Illustrative, AsOf = BudgetDay, Illustrative = true };

    private static MtfsAssumption P(AssumptionCategory category, string? year, string? name, decimal value, string what) =>
        new() { Category = category, Year = year, Name = name, Value = value, Source = $"{Report}: {what}", AsOf = ReportDate, Illustrative = false };
}
