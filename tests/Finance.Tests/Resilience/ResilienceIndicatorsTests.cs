using Finance.API.Resilience;

namespace Finance.Tests.Resilience;

public class ResilienceIndicatorsTests
{
    private static LedgerFacts Year(decimal reserves) => new(200_000_000m, reserves, 110_000_000m, 90_000_000m, 20_000_000m, 500_000_000m);

    [Fact]
    public void Each_indicator_is_its_numerator_over_its_denominator()
    {
        var indicators = ResilienceIndicators.Compute(Year(40_000_000m), Year(50_000_000m), Year(60_000_000m)).ToDictionary(i => i.Name);

        Assert.Equal((40_000_000m, 10_000_000m, 4m), (indicators["reserves-sustainability"].Numerator, indicators["reserves-sustainability"].Denominator, indicators["reserves-sustainability"].Value));
        Assert.Equal(20m, indicators["reserves-to-net-revenue-expenditure"].Value);
        Assert.Equal(-20_000_000m * 100m / 60_000_000m, indicators["change-in-reserves-3-years"].Value);
        Assert.Equal(55m, indicators["social-care-ratio"].Value);
        Assert.Equal(45m, indicators["council-tax-ratio"].Value);
        Assert.Equal(4m, indicators["fees-and-charges-ratio"].Value);
    }

    [Fact]
    public void Reserves_that_did_not_fall_give_no_sustainability_in_years_and_say_why()
    {
        var sustainability = ResilienceIndicators.Compute(Year(50_000_000m), Year(45_000_000m), null).Single(i => i.Name == "reserves-sustainability");
        Assert.Null(sustainability.Value);
        Assert.Contains("not being drawn down", sustainability.Note);
    }

    [Fact]
    public void Without_earlier_years_the_indicators_that_need_them_say_so()
    {
        var indicators = ResilienceIndicators.Compute(Year(50_000_000m), null, null).ToDictionary(i => i.Name);
        Assert.Null(indicators["reserves-sustainability"].Value);
        Assert.Null(indicators["change-in-reserves-3-years"].Value);
        Assert.Equal(25m, indicators["reserves-to-net-revenue-expenditure"].Value);
    }

    [Theory]
    [InlineData(1_635_000, false)] // spending exactly resources + reserves: not yet
    [InlineData(1_635_000.01, true)]
    public void Section_114_risk_is_spending_above_resources_plus_usable_reserves(double spending, bool atRisk) =>
        Assert.Equal(atRisk, Section114Test.AtRisk((decimal)spending, 1_535_000m, 100_000m));

    [Fact]
    public void Full_council_must_meet_within_21_days_of_a_notice() =>
        Assert.Equal(new DateOnly(2016, 11, 22), Section114Test.FullCouncilBy(new DateOnly(2016, 11, 1)));
}
