using System.Diagnostics;
using Intervention.Contracts.Children;
using Intervention.FunctionalTests.Finance;
using Xunit;
using Xunit.Abstractions;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Reliability;

/// <summary>
/// Finance killed twice while 5,000 placement changes flow to it: none lost (the broker redelivers what was not
/// acknowledged), none doubled (the inbox drops what already had its effect).
/// </summary>
public sealed class ConsumerCrashTests(ITestOutputHelper output)
{
    private const int Changes = 5000;

    [Fact]
    public async Task Finance_killed_twice_while_5000_placement_changes_flow_has_exactly_5000_effects()
    {
        await using var system = await RunningSystem.StartAsync("finance");
        var clock = Stopwatch.StartNew();
        await using (var broker = await BrokerClient.ConnectAsync(system.Broker.ConnectionString))
            for (var i = 0; i < Changes; i++)
            {
                var change = new PlacementChanged
                {
                    EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, ChildRef = $"crash-{i:D5}", ChangedOn = new DateOnly(2017, 10, 8),
                    PreviousPlacementType = "U4", PlacementType = i % 2 == 0 ? "K2" : "U1", PlacementProvider = "PR4", LegalStatus = "C2", Stovewood = false,
                };
                await broker.PublishAsync(change, change.EventId);
            }
        var published = clock.Elapsed;

        const string effects = "SELECT count(*) FROM placement_spells";
        for (var kill = 1; kill <= 2; kill++)
        {
            // Kill it mid-stream, with messages taken but not yet acknowledged, and bring it back.
            var target = Math.Min(Changes - 1, kill * Changes / 3);
            await WaitUntilAsync(async () => await system.CountAsync("finance", effects) >= target, TimeSpan.FromMinutes(3),
                () => $"finance did not reach {target} effects before kill {kill}.\n{system["finance"].Tail()}");
            Process.GetProcessById(system["finance"].ProcessId).Kill();
            await system["finance"].WaitForExitAsync();
            output.WriteLine($"kill {kill} at {await system.CountAsync("finance", effects)} effects");
            system["finance"].Restart();
            await system["finance"].WaitHealthyAsync(TimeSpan.FromSeconds(90));
        }

        await WaitUntilAsync(async () => await system.MessagesInQueueAsync("finance-placement-changed") == 0 && await system.CountAsync("finance", effects) >= Changes,
            TimeSpan.FromMinutes(5), () => $"not every change had its effect.\n{system["finance"].Tail()}");
        await Task.Delay(TimeSpan.FromSeconds(2)); // anything redelivered late would show here
        Assert.Equal(Changes, await system.CountAsync("finance", effects));
        Assert.Equal(Changes, await system.CountAsync("finance", "SELECT count(DISTINCT child_ref) FROM placement_spells"));
        Assert.Equal(Changes, await system.CountAsync("finance", "SELECT count(*) FROM inbox_messages WHERE consumer = 'finance-placement-changed'"));
        Assert.Equal(0u, await system.MessagesInQueueAsync("finance-placement-changed_error"));
        var line = $"consumer crash: {Changes} placement changes (published in {published.TotalSeconds:0.0} s), finance killed twice, {Changes} effects exactly after {clock.Elapsed.TotalSeconds:0} s";
        output.WriteLine(line);
        Measurements.Record(line);
    }
}
