using System.Globalization;
using Intervention.Contracts.Finance.Http;

namespace Intervention.Portal.Finance;

/// <summary>
/// The MTFS gap by year as a bar chart drawn on the server (SVG): one group of bars per year, one bar per version compared,
/// above the zero line for a gap and below it for a surplus. Pure geometry, no drawing library; the page also gives the
/// figures in a table, which is what a screen reader reads (the SVG points to it).
/// </summary>
public sealed record GapChart(int Width, int Height, double ZeroY, IReadOnlyList<GapChart.Bar> Bars, IReadOnlyList<GapChart.Tick> Ticks,
    IReadOnlyList<GapChart.YearLabel> Years, IReadOnlyList<GapChart.Key> Keys)
{
    /// <summary>One version's figure for one year.</summary>
    public sealed record Bar(string Version, string Year, decimal Pounds, double X, double Y, double Width, double Height, string Colour);

    /// <summary>A gridline of the value axis, with its label.</summary>
    public sealed record Tick(double Y, string Label);

    /// <summary>A year under its group of bars.</summary>
    public sealed record YearLabel(string Year, double X);

    /// <summary>A version's colour in the key.</summary>
    public sealed record Key(string Name, string Colour);

    public const int ChartWidth = 640, ChartHeight = 300;
    private const double Left = 72, Right = 12, Top = 16, Bottom = 36;

    /// <summary>GOV.UK's blue, orange, purple, green and pink, in the order the versions were asked; each passes 3:1 against white.</summary>
    public static readonly string[] Colours = ["#1d70b8", "#f47738", "#4c2c92", "#00703c", "#d53880"];

    /// <summary>Draws <paramref name="value"/> (the remaining gap, say) of each version in <paramref name="versions"/>, year by year of the first.</summary>
    public static GapChart Of(IReadOnlyList<MtfsGap> versions, Func<MtfsGapYear, decimal> value)
    {
        var years = versions.Count == 0 ? [] : versions[0].Years.Select(year => year.Year).ToList();
        var figures = versions.SelectMany(v => v.Years.Where(y => years.Contains(y.Year)).Select(value)).ToList();
        var top = Math.Max(0m, figures.DefaultIfEmpty().Max());
        var bottom = Math.Min(0m, figures.DefaultIfEmpty().Min());
        var step = NiceStep((top - bottom) / 4m);
        top = Math.Ceiling(top / step) * step;
        bottom = Math.Floor(bottom / step) * step;
        if (top == bottom) top = bottom + step;

        var plotHeight = ChartHeight - Top - Bottom;
        double YOf(decimal pounds) => Top + (double)((top - pounds) / (top - bottom)) * plotHeight;
        var zero = YOf(0m);

        var groupWidth = years.Count == 0 ? 0 : (ChartWidth - Left - Right) / years.Count;
        var barWidth = versions.Count == 0 ? 0 : groupWidth * 0.8 / versions.Count;
        var bars = new List<Bar>();
        for (var y = 0; y < years.Count; y++)
            for (var v = 0; v < versions.Count; v++)
            {
                if (versions[v].Years.FirstOrDefault(year => year.Year == years[y]) is not { } figure) continue;
                var pounds = value(figure);
                var at = YOf(pounds);
                bars.Add(new Bar(versions[v].Version, years[y], pounds, Left + y * groupWidth + groupWidth * 0.1 + v * barWidth, Math.Min(at, zero), barWidth,
                    Math.Abs(zero - at), Colours[v % Colours.Length]));
            }
        var ticks = new List<Tick>();
        for (var mark = bottom; mark <= top; mark += step) ticks.Add(new Tick(YOf(mark), IndexModel.Millions(mark)));
        return new GapChart(ChartWidth, ChartHeight, zero, bars, ticks,
            years.Select((year, i) => new YearLabel(year, Left + i * groupWidth + groupWidth / 2)).ToList(),
            versions.Select((v, i) => new Key(v.Name, Colours[i % Colours.Length])).ToList());
    }

    /// <summary>Where the value axis and its labels sit.</summary>
    public static double AxisX => Left;

    /// <summary>A number as SVG writes it (a point, never a comma).</summary>
    public static string N(double number) => number.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>1, 2 or 5 times a power of ten, in pounds, at least <paramref name="rough"/> (and at least £1m).</summary>
    private static decimal NiceStep(decimal rough)
    {
        var step = 1_000_000m;
        while (true)
        {
            foreach (var factor in new[] { 1m, 2m, 5m })
                if (step * factor >= rough) return step * factor;
            step *= 10m;
        }
    }
}
