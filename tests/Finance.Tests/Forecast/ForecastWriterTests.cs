using System.Net.Sockets;
using Finance.API.Forecast;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Finance.Tests.Forecast;

/// <summary>
/// The forecast writer's grouping, without a database: the write of one group is given, so that what the writer does
/// around it (what goes together, what is tried again, what fails) can be watched.
/// </summary>
public class ForecastWriterTests
{
    private static PlacementEvent Event(string childRef) =>
        new(Guid.NewGuid(), "finance-children-placements", nameof(Intervention.Contracts.Children.PlacementChanged),
            new PlacementEventRecord { ChildRef = childRef, Kind = PlacementEventKind.Move, HappenedOn = new DateOnly(2017, 5, 1), PlacementType = "K2" });

    [Fact]
    public async Task Events_arriving_while_a_group_is_written_go_together_into_the_next_in_the_order_they_came()
    {
        var groups = new List<string[]>();
        var firstGroupWriting = new TaskCompletionSource();
        var letFirstGroupFinish = new TaskCompletionSource();
        var writer = new ForecastWriter(async (group, _) =>
        {
            groups.Add([.. group.Select(e => e.Fact.ChildRef)]);
            if (groups.Count == 1)
            {
                firstGroupWriting.SetResult();
                await letFirstGroupFinish.Task;
            }
            return [.. group.Select(_ => PlacementOutcome.Applied(SpellNote.None))];
        }, NullLogger<ForecastWriter>.Instance, TimeSpan.FromMilliseconds(10));
        await writer.StartAsync(CancellationToken.None);

        var first = writer.WriteAsync(Event("a"), CancellationToken.None);
        await firstGroupWriting.Task;
        var rest = new[] { "b", "c", "d" }.Select(child => writer.WriteAsync(Event(child), CancellationToken.None)).ToList();
        letFirstGroupFinish.SetResult();
        await Task.WhenAll([first, .. rest]);
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal([["a"], ["b", "c", "d"]], groups);
        Assert.All([first, .. rest], t => Assert.Equal(PlacementOutcomeKind.Applied, t.Result.Kind));
    }

    [Fact]
    public async Task The_database_unreachable_the_same_group_is_tried_again_until_written_and_no_event_fails()
    {
        var attempts = new List<string[]>();
        var writer = new ForecastWriter((group, _) =>
        {
            attempts.Add([.. group.Select(e => e.Fact.ChildRef)]);
            if (attempts.Count <= 3) throw new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));
            return Task.FromResult<IReadOnlyList<PlacementOutcome>>([.. group.Select(_ => PlacementOutcome.Applied(SpellNote.None))]);
        }, NullLogger<ForecastWriter>.Instance, TimeSpan.FromMilliseconds(10));
        await writer.StartAsync(CancellationToken.None);

        var outcome = await writer.WriteAsync(Event("a"), CancellationToken.None);
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(["a"], a));
        Assert.Equal(PlacementOutcomeKind.Applied, outcome.Kind);
    }

    [Fact]
    public async Task Any_other_failure_of_a_group_writes_each_event_alone_and_fails_only_the_one_at_fault()
    {
        var attempts = new List<string[]>();
        var firstWriting = new TaskCompletionSource();
        var blockFirst = new TaskCompletionSource();
        var writer = new ForecastWriter(async (group, _) =>
        {
            attempts.Add([.. group.Select(e => e.Fact.ChildRef)]);
            if (attempts.Count == 1)
            {
                firstWriting.SetResult();
                await blockFirst.Task; // so that the next three arrive together
            }
            if (group.Any(e => e.Fact.ChildRef == "bad")) throw new InvalidOperationException("a constraint the decisions did not foresee");
            return [.. group.Select(_ => PlacementOutcome.Applied(SpellNote.None))];
        }, NullLogger<ForecastWriter>.Instance, TimeSpan.FromMilliseconds(10));
        await writer.StartAsync(CancellationToken.None);

        var opening = writer.WriteAsync(Event("opening"), CancellationToken.None);
        await firstWriting.Task;
        var (before, bad, after) = (writer.WriteAsync(Event("before"), CancellationToken.None), writer.WriteAsync(Event("bad"), CancellationToken.None),
            writer.WriteAsync(Event("after"), CancellationToken.None));
        blockFirst.SetResult();

        Assert.Equal(PlacementOutcomeKind.Applied, (await opening).Kind);
        Assert.Equal(PlacementOutcomeKind.Applied, (await before).Kind);
        Assert.Equal(PlacementOutcomeKind.Applied, (await after).Kind);
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Contains("constraint", failed.Message);
        await writer.StopAsync(CancellationToken.None);
        Assert.Equal([["opening"], ["before", "bad", "after"], ["before"], ["bad"], ["after"]], attempts);
    }
}
