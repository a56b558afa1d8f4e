using System.Net;
using Intervention.Contracts.Finance.Http;
using Intervention.Contracts.Http;
using Refit;

namespace Intervention.Seeds.Finance;

/// <summary>
/// Finance's part of the Rotherham scenario, through the gateway: the 2016-19 MTFS, its 10%-more-demand scenario and
/// the monitoring of 2016/17 and 2017/18 and
/// the ledger years the resilience indicators are computed from. Every call is a create-or-same (POST answering 200 for the same content) or a
/// PUT, so a second run changes nothing. When the gateway cannot reach the finance service, says so and loads nothing.
/// </summary>
public sealed class FinanceScenario(HttpClient gateway, TextWriter progress)
{
    private readonly IFinanceApi _finance = InterventionApis.For<IFinanceApi>(gateway);

    public async Task LoadAsync(CancellationToken ct)
    {
        var version = await RecordedOrSameAsync(_finance.CreateMtfsVersionAsync(MtfsSeed.Version(), ct));
        progress.WriteLine($"finance MTFS {MtfsSeed.VersionId}: {version}");
        var scenario = await RecordedOrSameAsync(_finance.CreateScenarioAsync(MtfsSeed.VersionId, MtfsSeed.TenPercentMoreDemand(), ct));
        progress.WriteLine($"finance MTFS scenario {MtfsSeed.DemandScenarioId}: {scenario}");

        foreach (var (code, request) in MonitoringSeed.Directorates())
            await _finance.PutDirectorateAsync(code, request, ct);
        foreach (var (code, request) in MonitoringSeed.CostCentres())
            await _finance.PutCostCentreAsync(code, request, ct);
        foreach (var (year, costCentre, budget) in MonitoringSeed.Budgets())
            await _finance.PutBudgetAsync(year, costCentre, new BudgetRequest { NetBudget = budget }, ct);
        foreach (var (year, id, request) in MonitoringSeed.Virements())
            await _finance.PutVirementAsync(year, id, request, ct);
        progress.WriteLine("finance monitoring: 3 directorates, 4 cost centres, budgets 2016-17 and 2017-18, the £8.5m in-year allocation of December 2016");
        foreach (var (year, request) in ResilienceSeed.Ledgers())
            await _finance.PutLedgerYearAsync(year, request, ct);
        progress.WriteLine("finance resilience: ledger totals and usable reserves 2013-14 to 2016-17 (illustrative)");

        var gap = await _finance.GetMtfsGapAsync("current", ct);
        var compared = await _finance.CompareMtfsVersionsAsync($"{MtfsSeed.VersionId},{MtfsSeed.DemandScenarioId}", ct);
        progress.WriteLine($"finance MTFS gap (computed): {string.Join(", ", gap.Years.Select(y => $"{y.Year} {y.Gap:N0}"))}; cumulative " +
            $"{gap.Years[^1].CumulativeGap:N0}");
        progress.WriteLine($"finance MTFS with 10% more demand: cumulative {compared.Versions[1].Years[^1].CumulativeGap:N0}");
    }

    /// <summary>201: recorded now; 200: the same was already recorded. Anything else (409: the id is taken with other content) fails the load.</summary>
    private static async Task<string> RecordedOrSameAsync<T>(Task<IApiResponse<T>> call)
    {
        using var response = await call;
        await response.EnsureSuccessStatusCodeAsync();
        return response.StatusCode == HttpStatusCode.Created ? "recorded" : "already recorded";
    }
}
