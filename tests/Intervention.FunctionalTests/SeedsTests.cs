using System.Diagnostics;
using System.Net.Http.Json;
using Intervention.Contracts;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.Servers;
using Xunit;

namespace Intervention.FunctionalTests;

/// <summary>`dotnet run --project seeds -- --gateway ...` loads the Rotherham timeline through the public API, and again without duplicates.</summary>
public sealed class SeedsTests
{
    [Fact]
    public async Task The_seeds_load_the_Directions_timeline_through_the_gateway_and_a_second_run_adds_nothing()
    {
        await using var system = await RunningSystem.StartAsync("governance");
        var gateway = await system.StartGatewayAsync(); // the other portfolios are not needed here

        var first = await RunSeedsAsync(system, gateway, "--only", "governance");
        var second = await RunSeedsAsync(system, gateway, "--only", "governance");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(6, first.Output.Count(l => l.StartsWith("governance [") && l.Contains(": recorded ")));
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(6, second.Output.Count(l => l.StartsWith("governance [") && l.EndsWith(": already recorded")));
        Assert.Contains("governance improvement plan: 99/99 milestones", second.Output);

        var register = await gateway.Http.GetFromJsonAsync<List<DirectionsDetail>>("governance/api/directions", ContractJson.Options);
        Assert.Equal(6, register!.Count);
        var june2016 = await gateway.Http.GetFromJsonAsync<AuthorityInForce>("governance/api/authority?function=licensing&at=2016-06-01T12:00:00Z", ContractJson.Options);
        var january2017 = await gateway.Http.GetFromJsonAsync<AuthorityInForce>("governance/api/authority?function=licensing&at=2017-01-15T12:00:00Z", ContractJson.Options);
        Assert.Equal(Authority.Commissioners, june2016!.Authority);
        Assert.Equal((Authority.Council, Oversight.Advice), (january2017!.Authority, january2017.Oversight));

        // The published progress figures, computed by the service from what the seeds recorded (twice).
        var plan = await gateway.Http.GetFromJsonAsync<ImprovementPlanSummary>("governance/api/improvement-plan/summary?asAt=2016-12-31&phase=Phase%20Two", ContractJson.Options);
        Assert.Equal((20, 99, 48), (plan!.Objectives, plan.Milestones, plan.Delivered));
        var q2 = await gateway.Http.GetFromJsonAsync<CorporatePlanQuarter>("governance/api/corporate-plan/2016-17/Q2", ContractJson.Options);
        var q3 = await gateway.Http.GetFromJsonAsync<CorporatePlanQuarter>("governance/api/corporate-plan/2016-17/Q3", ContractJson.Options);
        Assert.Equal((39.7m, 43.1m), (q2!.OnTarget.Percent, q2.Improving.Percent));
        Assert.Equal((43.9m, 47.8m), (q3!.OnTarget.Percent, q3.Improving.Percent));
        var days = await gateway.Http.GetFromJsonAsync<CommissionerDays>("governance/api/commissioner-days/2018-19", ContractJson.Options);
        Assert.Equal(160m, days!.RemainingDays);
    }

    internal static async Task<(int ExitCode, List<string> Output)> RunSeedsAsync(RunningSystem system, ServiceProcess gateway, params string[] more)
    {
        var start = new ProcessStartInfo("dotnet", [BuildOutput.Assembly("seeds"), "--gateway", gateway.BaseAddress.ToString(), "--tokens", system.TokenFolder, .. more])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = (await process.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var errors = await process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(cts.Token);
        Assert.True(process.ExitCode == 0, $"seeds exited with {process.ExitCode}:\n{string.Join('\n', output)}\n{errors}");
        return (process.ExitCode, output);
    }
}
