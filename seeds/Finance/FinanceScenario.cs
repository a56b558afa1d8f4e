using System.Net;
using System.Net.Http.Json;
using Intervention.Contracts;
using Intervention.Contracts.Finance.Http;

namespace Intervention.Seeds.Finance;

/// <summary>
/// Finance's part of the Rotherham scenario, through the gateway: the 2016-19 MTFS, its 10%-more-demand scenario and
/// the monitoring of 2016/17 and 2017/18 and
/// the ledger years the resilience indicators are computed from. Every call is a create-or-same (POST answering 200 for the same content) or a
/// PUT, so a second run changes nothing. When the gateway cannot reach the finance service, says so and loads nothing.
/// </summary>
public sealed class FinanceScenario(HttpClient gateway, TextWriter progress)
{
    public async Task LoadAsync(CancellationToken ct)
    {
        var version = await PostAsync("finance/api/mtfs", MtfsSeed.Version(), ct);
        progress.WriteLine($"finance MTFS {MtfsSeed.VersionId}: {version}");
        var scenario = await PostAsync($"finance/api/mtfs/{MtfsSeed.VersionId}/scenarios", MtfsSeed.TenPercentMoreDemand(), ct);
        progress.WriteLine($"finance MTFS scenario {MtfsSeed.DemandScenarioId}: {scenario}");

        foreach (var (code, request) in MonitoringSeed.Directorates())
            await PutAsync($"finance/api/monitoring/directorates/{code}", request, ct);
        foreach (var (code, request) in MonitoringSeed.CostCentres())
            await PutAsync($"finance/api/monitoring/cost-centres/{code}", request, ct);
        foreach (var (year, costCentre, budget) in MonitoringSeed.Budgets())
            await PutAsync($"finance/api/monitoring/{year}/budgets/{costCentre}", new BudgetRequest { NetBudget = budget }, ct);
        foreach (var (year, id, request) in MonitoringSeed.Virements())
            await PutAsync($"finance/api/monitoring/{year}/virements/{id}", request, ct);
        progress.WriteLine("finance monitoring: 3 directorates, 4 cost centres, budgets 2016-17 and 2017-18, the £8.5m in-year allocation of December 2016");
        foreach (var (year, request) in ResilienceSeed.Ledgers())
            await PutAsync($"finance/api/resilience/ledger/{year}", request, ct);
        progress.WriteLine("finance resilience: ledger totals and usable reserves 2013-14 to 2016-17 (illustrative)");

        var gap = await gateway.GetFromJsonAsync<MtfsGap>("finance/api/mtfs/current/gap", ContractJson.Options, ct);
        var compared = await gateway.GetFromJsonAsync<MtfsComparison>($"finance/api/mtfs/compare?versions={MtfsSeed.VersionId},{MtfsSeed.DemandScenarioId}", ContractJson.Options, ct);
        progress.WriteLine($"finance MTFS gap (computed): {string.Join(", ", gap!.Years.Select(y => $"{y.Year} {y.Gap:N0}"))}; cumulative {gap.Years[^1].CumulativeGap:N0}");
        progress.WriteLine($"finance MTFS with 10% more demand: cumulative {compared!.Versions[1].Years[^1].CumulativeGap:N0}");
    }

    private async Task<string> PostAsync<T>(string uri, T body, CancellationToken ct)
    {
        using var response = await gateway.PostAsJsonAsync(uri, body, ContractJson.Options, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST {uri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}", null, response.StatusCode);
        return response.StatusCode == HttpStatusCode.Created ? "recorded" : "already recorded";
    }

    private async Task PutAsync<T>(string uri, T body, CancellationToken ct)
    {
        using var response = await gateway.PutAsJsonAsync(uri, body, ContractJson.Options, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"PUT {uri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}", null, response.StatusCode);
    }
}
