using System.Globalization;
using Intervention.Contracts.Children.Http;

namespace Intervention.Portal.Children;

/// <summary>A point of a trend chart: where it is drawn, and what it says.</summary>
public sealed record ChartPoint(double X, double Y, string Label, string Value);

/// <summary>A line across the chart at a value, with its label on the axis.</summary>
public sealed record ChartTick(double Y, string Label);

/// <summary>
/// A KPI's trend as an SVG line chart drawn on the server (no script): the plot's geometry from the figures. Percentages are drawn
/// on 0 to 100; a ratio (<c>average-caseload</c>) from 0 to a round number above its highest value. A month with no value (a
/// denominator of 0) breaks the line rather than drawing a zero.
/// </summary>
public sealed class TrendChart
{
    public const double Width = 640, Height = 260, Left = 48, Right = 16, Top = 16, Bottom = 40;

    private TrendChart(IReadOnlyList<IReadOnlyList<ChartPoint>> lines, IReadOnlyList<ChartPoint> points, IReadOnlyList<ChartTick> ticks) =>
        (Lines, Points, Ticks) = (lines, points, ticks);

    /// <summary>Runs of months with a value, each drawn as one polyline.</summary>
    public IReadOnlyList<IReadOnlyList<ChartPoint>> Lines { get; }

    /// <summary>Every month with a value, each drawn as a dot, left to right.</summary>
    public IReadOnlyList<ChartPoint> Points { get; }

    public IReadOnlyList<ChartTick> Ticks { get; }

    public static bool IsPercentage(string kpi) => kpi != "average-caseload";

    public static TrendChart Of(KpiTrend trend)
    {
        var percentage = IsPercentage(trend.Name);
        var highest = trend.Points.Max(p => p.Value) ?? 0m;
        var top = percentage ? 100m : Math.Max(5m, Math.Ceiling(highest / 5m) * 5m);
        var (plotWidth, plotHeight) = (Width - Left - Right, Height - Top - Bottom);
        var step = trend.Points.Count > 1 ? plotWidth / (trend.Points.Count - 1) : 0;

        var lines = new List<IReadOnlyList<ChartPoint>>();
        var points = new List<ChartPoint>();
        List<ChartPoint>? run = null;
        for (var i = 0; i < trend.Points.Count; i++)
        {
            var figure = trend.Points[i];
            if (figure.Value is not { } value)
            {
                run = null;
                continue;
            }
            var point = new ChartPoint(Left + i * step, Top + plotHeight * (double)(1 - value / top),
                figure.AsAt.ToString("MMM yy", CultureInfo.InvariantCulture), Figure(trend.Name, value));
            points.Add(point);
            if (run is null) lines.Add(run = []);
            run.Add(point);
        }
        var ticks = Enumerable.Range(0, 5).Select(i => top * i / 4)
            .Select(v => new ChartTick(Top + plotHeight * (double)(1 - v / top), Figure(trend.Name, v))).ToList();
        return new TrendChart(lines, points, ticks);
    }

    /// <summary>A KPI's value as it is read: a percentage to one place, or a ratio (children per social worker).</summary>
    public static string Figure(string kpi, decimal? value) =>
        value is not { } v ? "no value" : IsPercentage(kpi) ? $"{v:0.#}%" : v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Coordinates as SVG writes them, whatever the culture.</summary>
    public static string At(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>An SVG label (Razor reads a <c>&lt;text&gt;</c> tag as its own, so it is written here, its words encoded).</summary>
    public static Microsoft.AspNetCore.Html.HtmlString Text(double x, double y, string anchor, string words) =>
        new($"<text class=\"portal-chart__label\" x=\"{At(x)}\" y=\"{At(y)}\" text-anchor=\"{anchor}\">{System.Net.WebUtility.HtmlEncode(words)}</text>");

    /// <summary>A run of points as a polyline's <c>points</c> attribute.</summary>
    public static string Polyline(IEnumerable<ChartPoint> run) => string.Join(' ', run.Select(p => $"{At(p.X)},{At(p.Y)}"));
}
