using Intervention.Contracts.Finance.Http;
using Intervention.Portal.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Intervention.Portal.Finance;

/// <summary>
/// <c>/budget</c>: the MTFS versions and scenarios, any of them side by side (the gap year by year, as a chart drawn on the
/// server and as a table), and for a year the budget monitoring's RAG by directorate, the resilience indicators and the
/// section 114 watch.
/// </summary>
public sealed class IndexModel(IFinanceApi finance) : PageModel
{
    /// <summary>The versions to compare (their ids); none chosen: the current version and its scenarios.</summary>
    [BindProperty(SupportsGet = true)] public List<string> Compare { get; set; } = [];
    /// <summary>The monitoring year (<c>2016-17</c>); none chosen: the first year of the current MTFS.</summary>
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }

    public ApiAnswer<List<MtfsVersionDetail>>? Versions { get; private set; }
    public ApiAnswer<MtfsComparison>? Comparison { get; private set; }
    public ApiAnswer<MonitoringReport>? Monitoring { get; private set; }
    public ApiAnswer<ResilienceReport>? Resilience { get; private set; }
    public ApiAnswer<Section114Assessment>? Section114 { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Versions = await Ask.Api("finance", () => finance.ListMtfsVersionsAsync(ct));
        if (!Versions.Ok || Versions.Value!.Count == 0) return Page();

        var known = Versions.Value!.Select(v => v.Id).ToHashSet();
        var current = Versions.Value!.FirstOrDefault(v => v.IsCurrent) ?? Versions.Value![0];
        Compare = Compare.Where(known.Contains).Distinct().ToList();
        if (Compare.Count == 0) Compare = [current.Id, .. Versions.Value!.Where(v => v.ParentId == current.Id).Select(v => v.Id)];
        Year ??= current.Years.FirstOrDefault()?.Replace('/', '-');

        var comparison = Ask.Api("finance", () => finance.CompareMtfsVersionsAsync(string.Join(',', Compare), ct));
        if (Year is { } year)
        {
            // The three year reports at once: each answers on its own, and one that fails leaves the others shown.
            var monitoring = Ask.Api("finance", () => finance.GetMonitoringReportAsync(year, cancellationToken: ct));
            var resilience = Ask.Api("finance", () => finance.GetResilienceAsync(year, ct));
            var section114 = Ask.Api("finance", () => finance.GetSection114Async(year, ct));
            (Monitoring, Resilience, Section114) = (await monitoring, await resilience, await section114);
        }
        Comparison = await comparison;
        return Page();
    }

    /// <summary>Pounds as a finance report writes them: millions to one decimal place, negatives in brackets.</summary>
    public static string Millions(decimal pounds) => pounds < 0 ? $"(£{-pounds / 1_000_000m:0.0}m)" : $"£{pounds / 1_000_000m:0.0}m";

    /// <summary>An indicator's code in words (<c>reserves-sustainability</c>: Reserves sustainability).</summary>
    public static string Indicator(string code) => code.Length == 0 ? code : char.ToUpperInvariant(code[0]) + code[1..].Replace('-', ' ');
}
