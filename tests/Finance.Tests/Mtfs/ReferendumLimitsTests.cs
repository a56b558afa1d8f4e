using Finance.API;
using Finance.API.Mtfs;

namespace Finance.Tests.Mtfs;

public class ReferendumLimitsTests
{
    private static readonly ReferendumLimits Limits = new();
    private static IReadOnlyList<string> Check(int year, decimal core, decimal asc, Func<FinancialYear, decimal?>? others = null) =>
        Limits.Check(new FinancialYear(year), core, asc, others ?? (_ => null));

    [Fact]
    public void A_core_increase_of_1_99_percent_in_2016_17_needs_no_referendum() => Assert.Empty(Check(2016, 1.99m, 0m));

    [Fact]
    public void A_core_increase_of_2_percent_in_2016_17_is_excessive() => Assert.Single(Check(2016, 2m, 0m));

    [Fact]
    public void A_core_increase_of_2_99_percent_in_2018_19_needs_no_referendum() => Assert.Empty(Check(2018, 2.99m, 0m));

    [Fact]
    public void A_core_increase_of_3_percent_in_2018_19_is_excessive() => Assert.Contains("excessive", Assert.Single(Check(2018, 3m, 0m)));

    [Fact]
    public void An_asc_precept_of_3_percent_in_2017_18_is_allowed() => Assert.Empty(Check(2017, 1.99m, 3m));

    [Fact]
    public void An_asc_precept_of_3_01_percent_in_2017_18_is_over_the_limit() => Assert.Contains("3.01%", Assert.Single(Check(2017, 1.99m, 3.01m)));

    [Fact]
    public void An_asc_precept_of_2_01_percent_in_2016_17_is_over_that_year_s_2_percent() => Assert.Single(Check(2016, 0m, 2.01m));

    [Fact]
    public void Three_and_three_percent_then_nothing_is_exactly_the_6_percent_allowed_over_2017_18_to_2019_20()
    {
        decimal? Asc(FinancialYear y) => y.StartYear switch { 2017 => 3m, 2018 => 3m, _ => null };
        Assert.Empty(Check(2019, 2m, 0m, Asc));
    }

    [Fact]
    public void A_2019_20_precept_after_three_and_three_percent_is_over_the_6_percent_cap()
    {
        decimal? Asc(FinancialYear y) => y.StartYear switch { 2017 => 3m, 2018 => 3m, _ => null };
        Assert.Contains("6%", Assert.Single(Check(2019, 2m, 0.5m, Asc)));
    }

    [Fact]
    public void A_year_without_configured_limits_cannot_be_checked_and_says_so() => Assert.Contains("no referendum limits", Assert.Single(Check(2030, 0m, 0m)));
}
