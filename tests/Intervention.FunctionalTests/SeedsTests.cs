using Intervention.Contracts.Governance;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Licensing.Http;
using Xunit;

namespace Intervention.FunctionalTests;

/// <summary>
/// One system loaded by the seeds with the Rotherham Directions timeline and a small fictional taxi trade (governance and
/// licensing), for the tests that read what the seeds wrote: <c>[Collection(SeededSystem.Name)]</c>. The seeds' timeline is
/// the whole register here, so nothing on this system records Directions of its own.
/// </summary>
public sealed class SeededSystem : IAsyncLifetime
{
    public const string Name = "the seeded system";
    public const int SeededDrivers = 150;

    public AspireSystem System { get; private set; } = null!;

    /// <summary>What the first run of the seeds printed, on an empty system.</summary>
    public List<string> FirstRun { get; private set; } = [];

    public async Task InitializeAsync()
    {
        System = await AspireSystem.StartAsync(telemetry: false);
        FirstRun = (await System.RunSeedsAsync("--only", "governance,licensing", "--drivers", SeededDrivers.ToString())).Output;
        // Licensing's copy of the Directions arrives over the broker: wait for the last of the six.
        var licensing = System.Api<ILicensingApi>();
        await Eventually.WaitUntilAsync(async () =>
            (await licensing.ListAuthorityAsync(DateTimeOffset.Parse("2018-10-01T00:00:00Z"))).Any(a => a.Function == "licensing") &&
            (await licensing.GetAuthorityAsync("licensing", DateTimeOffset.Parse("2017-02-15T12:00:00Z"))).Authority == Authority.Council,
            TimeSpan.FromSeconds(30), () => "licensing never received the seeded Directions");
    }

    public async Task DisposeAsync() => await System.DisposeAsync();
}

[CollectionDefinition(SeededSystem.Name)]
public sealed class SeededSystemCollection : ICollectionFixture<SeededSystem>;

/// <summary>`dotnet run --project seeds -- --gateway ...` loads the Rotherham timeline through the public API, and again without duplicates.</summary>
[Collection(SeededSystem.Name)]
public sealed class SeedsTests(SeededSystem seeded)
{
    [Fact]
    public async Task The_seeds_load_the_Directions_timeline_through_the_gateway_and_a_second_run_adds_nothing()
    {
        // The first run is the seeded system's own, on empty databases; this is the second.
        var first = seeded.FirstRun;
        var second = (await seeded.System.RunSeedsAsync("--only", "governance")).Output;
        var governance = seeded.System.Api<IGovernanceApi>();

        Assert.Equal(6, first.Count(l => l.StartsWith("governance [") && l.Contains(": recorded ")));
        Assert.Equal(6, second.Count(l => l.StartsWith("governance [") && l.EndsWith(": already recorded")));
        Assert.Contains("governance improvement plan: 99/99 milestones", second);

        Assert.Equal(6, (await governance.ListDirectionsAsync()).Count);
        var june2016 = await governance.GetAuthorityAsync("licensing", DateTimeOffset.Parse("2016-06-01T12:00:00Z"));
        var january2017 = await governance.GetAuthorityAsync("licensing", DateTimeOffset.Parse("2017-01-15T12:00:00Z"));
        Assert.Equal(Authority.Commissioners, june2016.Authority);
        Assert.Equal((Authority.Council, Oversight.Advice), (january2017.Authority, january2017.Oversight));

        // The published progress figures, computed by the service from what the seeds recorded (twice).
        var plan = await governance.GetImprovementPlanSummaryAsync(new DateOnly(2016, 12, 31), "Phase Two");
        Assert.Equal((20, 99, 48), (plan.Objectives, plan.Milestones, plan.Delivered));
        var q2 = await governance.GetCorporatePlanQuarterAsync("2016-17", "Q2");
        var q3 = await governance.GetCorporatePlanQuarterAsync("2016-17", "Q3");
        Assert.Equal((39.7m, 43.1m), (q2.OnTarget.Percent, q2.Improving.Percent));
        Assert.Equal((43.9m, 47.8m), (q3.OnTarget.Percent, q3.Improving.Percent));
        Assert.Equal(160m, (await governance.GetCommissionerDaysAsync("2018-19")).RemainingDays);
    }
}
