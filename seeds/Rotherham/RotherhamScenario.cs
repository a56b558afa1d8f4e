using System.Net.Http.Json;
using Intervention.Contracts;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Http;
using Intervention.Seeds.Rotherham;

namespace Intervention.Seeds;

/// <summary>Loads every portfolio's part of the scenario that the system has an API for, showing progress.</summary>
public sealed class RotherhamScenario(HttpClient gateway, TextWriter progress, SeedOptions options)
{
    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        try
        {
            if (options.Loads("governance"))
            {
                await LoadDirectionsAsync(ct);
                await LoadProgressAsync(ct);
            }
            if (options.Loads("licensing")) await LoadDriversAsync(ct);
            if (options.Loads("children") && await new Children.ChildrenScenario(gateway, progress).LoadAsync(ct) is not 0 and var failed) return failed;
            if (options.Loads("finance")) await new Finance.FinanceScenario(gateway, progress).LoadAsync(ct);
            progress.WriteLine("done");
            return 0;
        }
        catch (HttpRequestException e)
        {
            progress.WriteLine($"failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>Every call here is a create-or-update (PUT) or a status the service ignores when repeated: a second run changes nothing.</summary>
    private async Task LoadProgressAsync(CancellationToken ct)
    {
        var objectives = ProgressEvidence.Objectives().ToList();
        foreach (var (code, request) in objectives)
            await SendAsync(HttpMethod.Put, $"governance/api/improvement-plan/objectives/{code}", request, ct);
        progress.WriteLine($"governance improvement plan: {objectives.Count} objectives");

        var milestones = ProgressEvidence.Milestones().ToList();
        for (var i = 0; i < milestones.Count; i++)
        {
            var (code, request, statuses) = milestones[i];
            await SendAsync(HttpMethod.Put, $"governance/api/improvement-plan/milestones/{code}", request, ct);
            foreach (var status in statuses)
                await SendAsync(HttpMethod.Post, $"governance/api/improvement-plan/milestones/{code}/status", status, ct);
            if ((i + 1) % 33 == 0 || i + 1 == milestones.Count) progress.WriteLine($"governance improvement plan: {i + 1}/{milestones.Count} milestones");
        }

        var measures = ProgressEvidence.CorporatePlanMeasures().ToList();
        foreach (var (year, quarter, measure, request) in measures)
            await SendAsync(HttpMethod.Put, $"governance/api/corporate-plan/{year}/{quarter}/measures/{measure}", request, ct);
        progress.WriteLine($"governance corporate plan: {measures.Count} measure results over 2 quarters");

        foreach (var (year, request) in ProgressEvidence.CommissionerDays())
            await SendAsync(HttpMethod.Put, $"governance/api/commissioner-days/{year}", request, ct);
        progress.WriteLine("governance Commissioner days: 4 years");
    }

    /// <summary>
    /// The licensed drivers the 2015 audit re-checked, created through the drivers API (several at a time). A second run
    /// counts the drivers already there and adds only the rest.
    /// </summary>
    private async Task LoadDriversAsync(CancellationToken ct)
    {
        var counts = await gateway.GetFromJsonAsync<List<LicenceCountRow>>($"licensing/api/licences?at={TaxiTrade2015.AuditAsAt:yyyy-MM-dd}", ContractJson.Options, ct) ?? [];
        var existing = counts.Where(c => c.Type is "PrivateHire" or "HackneyCarriage").Sum(c => c.Count);
        if (existing >= options.Drivers)
        {
            progress.WriteLine($"licensing drivers: {existing} already recorded");
            return;
        }
        var created = existing;
        await Parallel.ForEachAsync(Enumerable.Range(existing, options.Drivers - existing), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            await SendAsync(HttpMethod.Post, "licensing/api/drivers", TaxiTrade2015.Driver(i), token);
            var done = Interlocked.Increment(ref created);
            if (done % 200 == 0 || done == options.Drivers) progress.WriteLine($"licensing drivers: {done}/{options.Drivers}");
        });
    }

    private sealed record LicenceCountRow(string Type, string Status, int Count);

    private async Task SendAsync<T>(HttpMethod method, string uri, T body, CancellationToken ct)
    {
        using var response = await gateway.SendAsync(new HttpRequestMessage(method, uri) { Content = JsonContent.Create(body, options: ContractJson.Options) }, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {uri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}", null, response.StatusCode);
    }

    private async Task LoadDirectionsAsync(CancellationToken ct)
    {
        var directions = new DirectionsClient(new HttpClient(new PortfolioTokens(options.Tokens)) { BaseAddress = new Uri(gateway.BaseAddress!, "governance/"), Timeout = Timeout.InfiniteTimeSpan });
        var register = await gateway.GetFromJsonAsync<List<DirectionsDetail>>("governance/api/directions", ContractJson.Options, ct) ?? [];
        var steps = GovernanceTimeline.All;
        for (var i = 0; i < steps.Count; i++)
        {
            var (label, request) = (steps[i].Label, steps[i].Request);
            if (GovernanceTimeline.AlreadyRecorded(request, register))
            {
                progress.WriteLine($"governance [{i + 1}/{steps.Count}] {label}: already recorded");
                continue;
            }
            var recorded = await directions.IssueAsync(request, ct);
            progress.WriteLine($"governance [{i + 1}/{steps.Count}] {label}: recorded {recorded.Id}");
        }
    }
}
