using Licensing.API.Drivers;
using Microsoft.Extensions.Configuration;

namespace Licensing.Tests.Drivers;

public class ConvictionPolicyTests
{
    private static readonly ConvictionPolicy Policy = new();

    private static DateOnly Day(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Violence_conviction_with_sentence_ending_2012_06_01_is_still_inside_its_period_on_2022_05_31()
    {
        var conviction = new Conviction(OffenceCategory.Violence, Day(2012, 3, 1), Day(2012, 6, 1));

        Assert.True(Policy.IsInsidePeriod(conviction, Day(2022, 5, 31)));
    }

    [Fact]
    public void Violence_conviction_with_sentence_ending_2012_06_01_is_clear_on_2022_06_01()
    {
        var conviction = new Conviction(OffenceCategory.Violence, Day(2012, 3, 1), Day(2012, 6, 1));

        Assert.Equal(Day(2022, 6, 1), Policy.ClearOn(conviction));
        Assert.False(Policy.IsInsidePeriod(conviction, Day(2022, 6, 1)));
    }

    [Theory]
    [InlineData(OffenceCategory.CausingDeath)]
    [InlineData(OffenceCategory.Exploitation)]
    [InlineData(OffenceCategory.SexualOffence)]
    public void Conviction_in_a_never_category_is_inside_its_period_fifty_years_on(OffenceCategory category)
    {
        var conviction = new Conviction(category, Day(1990, 1, 1), Day(1991, 1, 1));

        Assert.Null(Policy.ClearOn(conviction));
        Assert.True(Policy.IsInsidePeriod(conviction, Day(2041, 1, 1)));
    }

    [Theory]
    [InlineData(OffenceCategory.Violence, 10)]
    [InlineData(OffenceCategory.DrugsSupply, 10)]
    [InlineData(OffenceCategory.Dishonesty, 7)]
    [InlineData(OffenceCategory.Weapons, 7)]
    [InlineData(OffenceCategory.Discrimination, 7)]
    [InlineData(OffenceCategory.MajorTraffic, 7)]
    [InlineData(OffenceCategory.DrinkDrugDriving, 7)]
    [InlineData(OffenceCategory.TaxiOffence, 7)]
    [InlineData(OffenceCategory.DrugsPossession, 5)]
    [InlineData(OffenceCategory.HandHeldPhone, 5)]
    [InlineData(OffenceCategory.MinorTrafficPoints, 5)]
    public void Default_table_gives_the_Institute_of_Licensing_2018_periods(OffenceCategory category, int years)
    {
        var conviction = new Conviction(category, Day(2010, 1, 10), Day(2010, 4, 10));

        Assert.Equal(years, Policy.ExclusionYears(category));
        Assert.True(Policy.IsInsidePeriod(conviction, Day(2010 + years, 4, 9)));
        Assert.False(Policy.IsInsidePeriod(conviction, Day(2010 + years, 4, 10)));
    }

    [Fact]
    public void The_table_has_exactly_the_fourteen_category_codes()
    {
        Assert.Equal(
            ["CausingDeath", "Exploitation", "SexualOffence", "Violence", "DrugsSupply", "Dishonesty", "Weapons", "Discrimination",
             "MajorTraffic", "DrinkDrugDriving", "TaxiOffence", "DrugsPossession", "HandHeldPhone", "MinorTrafficPoints"],
            Enum.GetNames<OffenceCategory>());
    }

    [Fact]
    public void Drink_driving_with_a_ban_ending_after_the_sentence_counts_seven_years_from_the_ban_end()
    {
        // Sentence (a fine) ends on conviction, 1 March 2010; the ban runs to 1 March 2012.
        var conviction = new Conviction(OffenceCategory.DrinkDrugDriving, Day(2010, 3, 1), Day(2010, 3, 1), BanEndsOn: Day(2012, 3, 1));

        Assert.Equal(Day(2012, 3, 1), ConvictionPolicy.CountsFrom(conviction));
        Assert.True(Policy.IsInsidePeriod(conviction, Day(2019, 2, 28)));
        Assert.False(Policy.IsInsidePeriod(conviction, Day(2019, 3, 1)));
    }

    [Fact]
    public void Drink_driving_with_a_sentence_ending_after_the_ban_counts_from_the_sentence_end()
    {
        var conviction = new Conviction(OffenceCategory.DrinkDrugDriving, Day(2010, 3, 1), Day(2011, 9, 1), BanEndsOn: Day(2011, 3, 1));

        Assert.Equal(Day(2018, 9, 1), Policy.ClearOn(conviction));
    }

    [Fact]
    public void A_ban_does_not_move_the_start_of_a_major_traffic_period()
    {
        var conviction = new Conviction(OffenceCategory.MajorTraffic, Day(2010, 3, 1), Day(2010, 3, 1), BanEndsOn: Day(2012, 3, 1));

        Assert.Equal(Day(2017, 3, 1), Policy.ClearOn(conviction));
    }

    [Fact]
    public void Conviction_without_a_sentence_end_counts_from_the_day_of_conviction()
    {
        Assert.Equal(Day(2015, 5, 20), Policy.ClearOn(new Conviction(OffenceCategory.HandHeldPhone, Day(2010, 5, 20))));
    }

    [Fact]
    public void Conviction_still_serving_its_sentence_is_inside_its_period()
    {
        var conviction = new Conviction(OffenceCategory.Dishonesty, Day(2014, 1, 1), Day(2016, 1, 1));

        Assert.True(Policy.IsInsidePeriod(conviction, Day(2015, 7, 1)));
    }

    [Fact]
    public void Period_counted_from_29_February_clears_on_1_March_in_a_common_year_never_a_day_early()
    {
        var conviction = new Conviction(OffenceCategory.HandHeldPhone, Day(2012, 2, 1), Day(2012, 2, 29));

        Assert.True(Policy.IsInsidePeriod(conviction, Day(2017, 2, 28)));
        Assert.Equal(Day(2017, 3, 1), Policy.ClearOn(conviction));
    }

    [Fact]
    public void A_council_can_change_one_period_in_configuration_and_keep_the_rest_of_the_table()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Licensing:Convictions:ExclusionYears:Violence"] = "12",
            ["Licensing:Convictions:ExclusionYears:HandHeldPhone"] = "",
        }).Build();
        var options = configuration.GetSection(ConvictionPolicyOptions.Section).Get<ConvictionPolicyOptions>()!;
        var policy = new ConvictionPolicy(options);

        Assert.Equal(12, policy.ExclusionYears(OffenceCategory.Violence));
        Assert.Null(policy.ExclusionYears(OffenceCategory.HandHeldPhone));
        Assert.Equal(10, policy.ExclusionYears(OffenceCategory.DrugsSupply));
    }

    [Fact]
    public void A_table_missing_a_category_is_refused()
    {
        var options = new ConvictionPolicyOptions();
        options.ExclusionYears.Remove(OffenceCategory.Weapons);

        var refused = Assert.Throws<ArgumentException>(() => new ConvictionPolicy(options));
        Assert.Contains("Weapons", refused.Message);
    }

    [Fact]
    public void A_table_with_a_zero_year_period_is_refused()
    {
        var options = new ConvictionPolicyOptions();
        options.ExclusionYears[OffenceCategory.Weapons] = 0;

        Assert.Throws<ArgumentException>(() => new ConvictionPolicy(options));
    }
}
