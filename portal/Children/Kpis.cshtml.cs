using Intervention.Contracts.Children.Http;
using Intervention.Portal.Gateway;
using Intervention.ServiceDefaults;
using Microsoft.AspNetCore.Mvc;

namespace Intervention.Portal.Children;

/// <summary>
/// <c>/childrens-services</c> (<c>/children</c> is the API's segment at the gateway): the children's KPIs at the end of a financial year,
/// each with its numerator, denominator and definition, and one KPI's trend month by month through that year as a chart, with its
/// figures in a table.
/// </summary>
public sealed class KpisModel(IChildrenApi children, TimeProvider clock) : ChildrensTeamPage
{
    /// <summary>The years of the intervention a person may choose, the first to the last.</summary>
    public static readonly string[] Years = ["2014-15", "2015-16", "2016-17", "2017-18", "2018-19"];

    /// <summary>The financial year (<c>2017-18</c>); none chosen: the latest of <see cref="Years"/> that has begun.</summary>
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }
    /// <summary>The KPI whose trend is drawn; none chosen: the first.</summary>
    [BindProperty(SupportsGet = true)] public string? Kpi { get; set; }

    public ApiAnswer<List<KpiTrend>>? Trends { get; private set; }
    public KpiTrend? Shown { get; private set; }
    public FormErrors Errors { get; private set; } = FormErrors.None;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = CouncilTime.DateOf(clock.GetUtcNow());
        var year = Years.Contains(Year) ? Year! : Years.LastOrDefault(y => new DateOnly(int.Parse(y[..4]), 4, 1) <= today) ?? Years[0];
        Year = year;
        var start = new DateOnly(int.Parse(year[..4]), 4, 1);
        // The year to its last day, or to today while it runs.
        var end = start.AddYears(1).AddDays(-1) is var last && last > today ? today : last;
        Trends = await Ask.Api("children", () => children.GetKpiSeriesAsync(start, end, ct));
        Errors = FormErrors.Of(Trends, new FormField("from", "year", "Year"), new FormField("to", "year", "Year"));
        Shown = Trends.Value?.FirstOrDefault(t => t.Name == Kpi) ?? Trends.Value?.FirstOrDefault();
    }

    /// <summary>A KPI's name in words (<c>placements-3-plus</c> is "Placements 3 plus").</summary>
    public static string Words(string name) => char.ToUpperInvariant(name[0]) + name[1..].Replace('-', ' ');
}
