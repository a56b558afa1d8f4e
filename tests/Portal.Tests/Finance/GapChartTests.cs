using Intervention.Contracts.Finance.Http;
using Intervention.Portal.Finance;

namespace Portal.Tests.Finance;

/// <summary>The MTFS gap chart's geometry: what a finance officer reads off the bars must be what the table says.</summary>
public class GapChartTests
{
    private static MtfsGap Version(string id, params decimal[] remaining) => new(id, $"MTFS {id}", null, false,
        remaining.Select((pounds, i) => new MtfsGapYear($"{2016 + i}-{(17 + i) % 100:00}", 0, 0, 0, 0, 0, 0, 0, 0, pounds, 0, 0, 0, [])).ToList());

    [Fact]
    public void Each_year_has_a_bar_for_each_version_compared_in_the_order_asked_with_the_key_in_the_same_colours()
    {
        var chart = GapChart.Of([Version("base", 10_000_000m, 20_000_000m, 30_000_000m), Version("demand", 12_000_000m, 25_000_000m, 41_000_000m)],
            year => year.RemainingGap);

        Assert.Equal(6, chart.Bars.Count);
        Assert.Equal(["2016-17", "2017-18", "2018-19"], chart.Years.Select(year => year.Year));
        Assert.Equal(["base", "demand"], chart.Bars.Where(bar => bar.Year == "2017-18").Select(bar => bar.Version));
        Assert.Equal(chart.Keys.Select(key => key.Colour), chart.Bars.Where(bar => bar.Year == "2016-17").Select(bar => bar.Colour));
        Assert.All(chart.Bars, bar => Assert.InRange(bar.X + bar.Width, GapChart.AxisX, chart.Width));
    }

    [Fact]
    public void A_bar_is_as_tall_as_its_figure_a_gap_stands_on_the_zero_line_and_a_surplus_hangs_below_it()
    {
        var chart = GapChart.Of([Version("base", 10_000_000m, 20_000_000m, -5_000_000m)], year => year.RemainingGap);
        var (ten, twenty, surplus) = (chart.Bars[0], chart.Bars[1], chart.Bars[2]);

        Assert.Equal(2 * ten.Height, twenty.Height, 6);
        Assert.Equal(ten.Height / 2, surplus.Height, 6);
        Assert.Equal(chart.ZeroY, ten.Y + ten.Height, 6);
        Assert.Equal(chart.ZeroY, surplus.Y, 6);
        Assert.Contains(chart.Ticks, tick => tick.Label == "£0.0m" && Math.Abs(tick.Y - chart.ZeroY) < 1e-6);
        // Steps of 1, 2 or 5 times a power of ten: £25m from top to bottom in four steps is £10m, from (£10m) to £20m.
        Assert.Equal(["(£10.0m)", "£0.0m", "£10.0m", "£20.0m"], chart.Ticks.Select(tick => tick.Label));
        Assert.True(chart.Ticks[0].Y >= surplus.Y + surplus.Height, "the surplus hangs below the lowest gridline");
        Assert.All(chart.Bars, bar => Assert.InRange(bar.Y, 0, chart.Height));
    }

    [Fact]
    public void Balanced_budgets_still_draw_an_axis_and_no_version_draws_nothing()
    {
        var balanced = GapChart.Of([Version("base", 0m, 0m)], year => year.RemainingGap);
        Assert.True(balanced.Ticks.Count >= 2);
        Assert.All(balanced.Bars, bar => Assert.Equal(0, bar.Height));

        var none = GapChart.Of([], year => year.RemainingGap);
        Assert.Empty(none.Bars);
        Assert.Empty(none.Years);
    }
}
