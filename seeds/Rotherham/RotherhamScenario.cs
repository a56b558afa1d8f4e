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
            progress.WriteLine("done");
            return 0;
        }
        catch (HttpRequestException e)
        {
            progress.WriteLine($"failed: {e.Message}");
            return 1;
        }
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
