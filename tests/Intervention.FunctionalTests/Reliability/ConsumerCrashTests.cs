using System.Diagnostics;
using Intervention.Contracts.Children;
using Intervention.FunctionalTests.Finance;
using Xunit;
using Xunit.Abstractions;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Reliability;

/// <summary>
/// Finance killed twice while 5,000 placement changes flow to it: none lost (the broker redelivers what was not
/// acknowledged), none doubled (the inbox drops what already had its effect). On the shared system: killed as a crash
/// would (SIGKILL), restarted by the AppHost; the effects counted are this test's children's.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class ConsumerCrashTests(SharedSystem shared, ITestOutputHelper output) : ConsumerCrashCases(shared.System, output);

/// <summary>The same with two finance instances: one of them killed each time while the other goes on.</summary>
[Collection(TwoReplicasSystem.Name)]
public sealed class ConsumerCrashWithTwoReplicasTests(TwoReplicasSystem two, ITestOutputHelper output) : ConsumerCrashCases(two.System, output);

/// <summary>The test of <see cref="ConsumerCrashTests"/>, run on each system that derives a class from it.</summary>
public abstract class ConsumerCrashCases(AspireSystem system, ITestOutputHelper output)
{
    private const int Changes = 5000;

    [Fact]
    public async Task Finance_killed_twice_while_5000_placement_changes_flow_has_exactly_5000_effects()
    {
        var run = DemandLedForecastTests.Tag();
        var eventIds = new List<Guid>();
        var clock = Stopwatch.StartNew();
        await using (var broker = await BrokerClient.ConnectAsync(await system.ConnectionStringAsync("messaging")))
            for (var i = 0; i < Changes; i++)
            {
                var change = new PlacementChanged
                {
                    EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, ChildRef = $"crash-{run}-{i:D5}", ChangedOn = new DateOnly(2017, 10, 8),
                    PreviousPlacementType = "U4", PlacementType = i % 2 == 0 ? "K2" : "U1", PlacementProvider = "PR4", LegalStatus = "C2", Stovewood = false,
                };
                await broker.PublishAsync(change, change.EventId);
                eventIds.Add(change.EventId);
            }
        var published = clock.Elapsed;

        var effects = $"SELECT count(*) FROM placement_spells WHERE child_ref LIKE 'crash-{run}-%'";
        var errorsBefore = await system.MessagesInQueueAsync("finance-children-placements_error");
        for (var kill = 1; kill <= 2; kill++)
        {
            // Kill it mid-stream, with messages taken but not yet acknowledged, and bring it back.
            var target = Math.Min(Changes - 1, kill * Changes / 3);
            await WaitUntilAsync(async () => await system.CountAsync("finance", effects) >= target, TimeSpan.FromMinutes(3),
                () => $"finance did not reach {target} effects before kill {kill}.\n{system.Logs("finance")}");
            var killed = system.ProcessId("finance");
            system.Kill("finance");
            await WaitUntilAsync(() => !ProcessExists(killed), TimeSpan.FromSeconds(10), () => $"finance (process {killed}) did not die");
            output.WriteLine($"kill {kill} at {await system.CountAsync("finance", effects)} effects");
            // The AppHost brings it back by itself (restart on crash, with back-off): every instance runs again.
            await WaitUntilAsync(async () => system.ProcessIds("finance") is var running && running.Count == system.Replicas && !running.Contains(killed)
                && await system.HealthyAsync("finance"), TimeSpan.FromSeconds(90), () => $"the AppHost did not restart finance after kill {kill}.\n{system.Logs("finance")}");
        }

        await WaitUntilAsync(async () => await system.MessagesInQueueAsync("finance-children-placements") == 0 && await system.CountAsync("finance", effects) >= Changes,
            TimeSpan.FromMinutes(5), () => $"not every change had its effect.\n{system.Logs("finance")}");
        await Task.Delay(TimeSpan.FromSeconds(2)); // anything redelivered late would show here
        Assert.Equal(Changes, await system.CountAsync("finance", effects));
        Assert.Equal(Changes, await system.CountAsync("finance", effects.Replace("count(*)", "count(DISTINCT child_ref)")));
        Assert.Equal(Changes, await system.CountAsync("finance", "SELECT count(*) FROM inbox_messages WHERE consumer = 'finance-children-placements' AND message_id IN ("
            + string.Join(", ", eventIds.Select(id => $"'{id}'")) + ")"));
        Assert.Equal(errorsBefore, await system.MessagesInQueueAsync("finance-children-placements_error"));
        var line = $"consumer crash{(system.Replicas > 1 ? $" ({system.Replicas} finance instances, one killed each time)" : "")}: {Changes} placement changes (published in {published.TotalSeconds:0.0} s), finance killed twice, {Changes} effects exactly after {clock.Elapsed.TotalSeconds:0} s";
        output.WriteLine(line);
        Measurements.Record(line);
    }

    /// <summary>Whether <paramref name="pid"/> still runs (a killed process not yet reaped is a zombie, state Z: gone).</summary>
    private static bool ProcessExists(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 1)..].TrimStart().StartsWith('Z');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
