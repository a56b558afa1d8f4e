using Children.API.Kpis;
using Intervention.ServiceDefaults;

namespace Children.Tests.Kpis;

/// <summary>The KPI series the trend charts draw: the month ends between two days, and each KPI's figure on each of them.</summary>
public sealed class KpiSeriesTests
{
    private static readonly DateOnly Today = new(2018, 5, 14);
    private static readonly KpiCalculator Calculator = new(WorkingCalendar.EnglandAndWales, ["S60", "S61"], new KpiPolicy());

    private static CareEpisode E(string child, string start, string? end, string place) =>
        new(child, DateOnly.Parse(start), end is null ? null : DateOnly.Parse(end), "S", "C2", place, "S60 1", "S61 2");

    [Fact]
    public void A_series_from_1_April_2017_to_31_March_2018_is_the_twelve_month_ends_of_the_year()
    {
        var days = KpiSeries.Days("2017-04-01", "2018-03-31", Today).Changes!;

        Assert.Equal(12, days.Count);
        Assert.Equal((new DateOnly(2017, 4, 30), new DateOnly(2017, 5, 31), new DateOnly(2018, 2, 28), new DateOnly(2018, 3, 31)),
            (days[0], days[1], days[^2], days[^1]));
    }

    [Fact]
    public void A_series_ending_mid_month_ends_on_that_day_and_with_no_days_asked_it_is_the_twelve_months_to_today()
    {
        Assert.Equal([new DateOnly(2017, 12, 31), new DateOnly(2018, 1, 15)], KpiSeries.Days("2017-12-01", "2018-01-15", Today).Changes!);

        var toToday = KpiSeries.Days(null, null, Today).Changes!;
        Assert.Equal((new DateOnly(2017, 5, 31), Today, 13), (toToday[0], toToday[^1], toToday.Count));
    }

    [Theory]
    [InlineData("2018-13-01", "2018-03-31", "from", "must be a date")]
    [InlineData("2017-04-01", "31/03/2018", "to", "must be a date")]
    [InlineData("2018-04-01", "2018-03-31", "from", "must be on or before to (2018-03-31)")]
    [InlineData("2015-01-01", "2018-03-31", "from", "a series has at most 37 points")]
    public void A_day_that_is_not_one_or_a_series_backwards_or_longer_than_three_years_is_refused_naming_the_field(
        string from, string to, string field, string rule)
    {
        var refused = KpiSeries.Days(from, to, Today).Refused!;

        Assert.Equal(400, refused.Status);
        Assert.Contains(rule, Assert.Single(refused.Fields![field]));
    }

    [Fact]
    public void Each_KPI_is_drawn_with_its_figure_at_each_day_from_its_numerator_and_denominator()
    {
        // A: in a family placement from before the series; B: in a residential home from 1 June; C: fostered from 1 July.
        var inputs = new KpiInputs
        {
            Episodes = [E("A", "2017-01-01", null, "U4"), E("B", "2017-06-01", null, "K2"), E("C", "2017-07-01", null, "U4")],
        };
        var days = KpiSeries.Days("2017-05-01", "2017-07-31", Today).Changes!;

        var trends = KpiSeries.Trends(Calculator, inputs, days);

        Assert.Equal(KpiCalculator.Names, trends.Select(trend => trend.Name));
        var family = trends.Single(trend => trend.Name == "family-based-placements");
        Assert.False(string.IsNullOrWhiteSpace(family.Definition));
        Assert.Equal(
            [(new DateOnly(2017, 5, 31), 1, 1, (decimal?)100.0m), (new DateOnly(2017, 6, 30), 1, 2, 50.0m), (new DateOnly(2017, 7, 31), 2, 3, 66.7m)],
            family.Points.Select(point => (point.AsAt, point.Numerator, point.Denominator, point.Value)));
    }
}
