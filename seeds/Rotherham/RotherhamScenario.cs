using System.Net.Http.Json;
using Intervention.Contracts;
using Intervention.Contracts.Http;
using Intervention.Seeds.Rotherham;

namespace Intervention.Seeds;

/// <summary>Loads every portfolio's part of the scenario that the system has an API for, showing progress.</summary>
public sealed class RotherhamScenario(HttpClient gateway, TextWriter progress)
{
    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        try
        {
            await LoadDirectionsAsync(ct);
            await LoadProgressAsync(ct);
            await new Finance.FinanceScenario(gateway, progress).LoadAsync(ct);
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

    private async Task SendAsync<T>(HttpMethod method, string uri, T body, CancellationToken ct)
    {
        using var response = await gateway.SendAsync(new HttpRequestMessage(method, uri) { Content = JsonContent.Create(body, options: ContractJson.Options) }, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {uri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}", null, response.StatusCode);
    }

    private async Task LoadDirectionsAsync(CancellationToken ct)
    {
        var directions = new DirectionsClient(new HttpClient { BaseAddress = new Uri(gateway.BaseAddress!, "governance/") });
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
