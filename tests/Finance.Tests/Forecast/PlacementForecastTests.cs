using Finance.API;
using Finance.API.Forecast;

namespace Finance.Tests.Forecast;

public class PlacementForecastTests
{
    private static readonly FinancialYear Year = new(2017);
    private static readonly UnitCosts Costs = new();
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void Twenty_children_in_residential_homes_from_8_October_2017_cost_25_weeks_each_at_the_unit_cost()
    {
        // 8 October 2017 to 31 March 2018 is 175 nights: 25 weeks; K2's illustrative unit cost is £3,500 a week.
        var spells = Enumerable.Range(1, 20).Select(i => new Spell($"child-{i}", "K2", false, new DateOnly(2017, 10, 8), null));

        var forecast = PlacementForecast.For(Year, spells, Costs, Today);

        var k2 = Assert.Single(forecast.Types);
        Assert.Equal((20, 20 * 175, 3_500m), (k2.Children, k2.Nights, k2.WeeklyUnitCost));
        Assert.Equal(20 * 25 * 3_500m, forecast.Forecast);
        Assert.Equal(1_750_000m, forecast.ForecastExcludingStovewood);
    }

    [Fact]
    public void A_placement_counts_the_nights_inside_the_year_only_up_to_the_day_it_ends()
    {
        var before = new Spell("a", "U4", false, new DateOnly(2016, 1, 1), new DateOnly(2017, 4, 15)); // 14 nights in 2017-18
        var after = new Spell("b", "U4", false, new DateOnly(2018, 3, 25), null);                       // 7 nights: 25 to 31 March
        var outside = new Spell("c", "U4", false, new DateOnly(2015, 1, 1), new DateOnly(2017, 4, 1));  // ended as the year began

        var forecast = PlacementForecast.For(Year, [before, after, outside], Costs, Today);

        var u4 = Assert.Single(forecast.Types);
        Assert.Equal((2, 21), (u4.Children, u4.Nights));
        Assert.Equal(3 * 450m, u4.Forecast);
    }

    [Fact]
    public void Stovewood_linked_children_are_counted_and_costed_apart()
    {
        var spells = new[]
        {
            new Spell("s", "K2", true, new DateOnly(2018, 3, 18), null),  // 14 nights
            new Spell("n", "K2", false, new DateOnly(2018, 3, 25), null), // 7 nights
        };

        var forecast = PlacementForecast.For(Year, spells, Costs, Today);

        var k2 = Assert.Single(forecast.Types);
        Assert.Equal((2, 1), (k2.Children, k2.StovewoodChildren));
        Assert.Equal(7_000m, forecast.StovewoodForecast);
        Assert.Equal(3_500m, forecast.ForecastExcludingStovewood);
    }

    [Fact]
    public void A_child_who_moved_placement_is_counted_in_each_type_for_the_nights_spent_there()
    {
        var spells = new[]
        {
            new Spell("a", "U4", false, new DateOnly(2018, 3, 11), new DateOnly(2018, 3, 18)), // 7 nights fostered
            new Spell("a", "K2", false, new DateOnly(2018, 3, 18), null),                       // 14 nights in a home
        };

        var forecast = PlacementForecast.For(Year, spells, Costs, Today);

        Assert.Equal(1, forecast.ChildrenLookedAfter);
        Assert.Equal(450m + 7_000m, forecast.Forecast);
        Assert.Equal(0, forecast.Types.Single(t => t.PlacementType == "U4").ChildrenNow); // on 31 March 2018 the child is in K2
        Assert.Equal(1, forecast.Types.Single(t => t.PlacementType == "K2").ChildrenNow);
    }
}
