using Intervention.Contracts.Children.Http;
using Intervention.Portal.Children;

namespace Portal.Tests.Children;

/// <summary>The KPI trend chart drawn on the server: percentages on 0 to 100, a ratio on a round scale, a month with no value a gap.</summary>
public sealed class TrendChartTests
{
    private static KpiTrend Trend(string name, params decimal?[] values) =>
        new(name, "definition", [.. values.Select((v, i) => new KpiTrendPoint(new DateOnly(2017, 4, 30).AddMonths(i), v, 1, 1))]);

    [Fact]
    public void A_percentage_of_100_is_drawn_at_the_top_of_the_plot_and_0_at_its_foot()
    {
        var chart = TrendChart.Of(Trend("family-based-placements", 100m, 50m, 0m));

        Assert.Equal([TrendChart.Top, TrendChart.Top + (TrendChart.Height - TrendChart.Top - TrendChart.Bottom) / 2, TrendChart.Height - TrendChart.Bottom],
            chart.Points.Select(p => p.Y));
        Assert.Equal([TrendChart.Left, TrendChart.Width - TrendChart.Right], [chart.Points[0].X, chart.Points[^1].X]);
        Assert.Equal(["0%", "25%", "50%", "75%", "100%"], chart.Ticks.Select(t => t.Label));
        Assert.Equal(("Apr 17", "100%"), (chart.Points[0].Label, chart.Points[0].Value));
    }

    [Fact]
    public void A_month_with_no_value_breaks_the_line_instead_of_drawing_a_zero()
    {
        var chart = TrendChart.Of(Trend("statutory-visits-on-time", 90m, null, 80m, 85m));

        Assert.Equal([1, 2], chart.Lines.Select(line => line.Count));
        Assert.Equal(3, chart.Points.Count);
    }

    [Fact]
    public void The_average_caseload_is_a_ratio_drawn_up_to_a_round_number_above_its_highest()
    {
        var chart = TrendChart.Of(Trend("average-caseload", 12.4m, 16.2m));

        Assert.Equal(["0", "5", "10", "15", "20"], chart.Ticks.Select(t => t.Label));
        Assert.Equal("16.2", chart.Points[1].Value);
    }
}
