using System.Collections.Concurrent;
using System.Diagnostics;
using Intervention.Contracts.Children.Http;
using Xunit;
using Xunit.Abstractions;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Replicas;

/// <summary>
/// Issue 16's test of two of every service: placement changes sent through the gateway, which spreads them over two
/// children's instances, whose two outbox relays publish them to the queue two finance instances share. Every change is
/// answered, and finance records each exactly once: no change lost between the replicas, none applied twice.
/// </summary>
[Collection(TwoReplicasSystem.Name)]
public sealed class TwoOfEveryServiceTests(TwoReplicasSystem two, ITestOutputHelper output)
{
    private const int Changes = 5000;
    private const int Senders = 12;
    // Enough children that a child's next change is sent long after its last (a child is lent to one change at a time).
    private const int ChildrenMoved = 500;

    private AspireSystem System => two.System;

    [Fact]
    public async Task Five_thousand_placement_changes_through_the_gateway_to_two_children_and_two_finance_instances_have_exactly_five_thousand_effects()
    {
        Assert.Equal(TwoReplicasSystem.Replicas, System.ProcessIds("children").Count);
        Assert.Equal(TwoReplicasSystem.Replicas, System.ProcessIds("finance").Count);
        var childrenApi = System.Api<IChildrenApi>();
        var run = Random.Shared.Next(1000, 10000);
        var firstDay = new DateOnly(2017, 4, 1);

        // Each child comes into care first (an event of another kind, not counted), then moves a day later each time.
        var free = new ConcurrentQueue<(Guid Id, string Ref, int Day)>();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i <= ChildrenMoved)
            {
                var child = await childrenApi.RecordChildAsync(new RecordChildRequest { LocalId = $"T{run}{i:D4}", Sex = "1", DateOfBirth = new DateOnly(2009, 5, 4), Ethnicity = "WBRI" });
                var entered = await childrenApi.RecordEpisodeAsync(child.Id, Episode("S", firstDay));
                free.Enqueue((child.Id, entered.ChildRef, 1));
            }
        })));
        var refs = string.Join(", ", free.Select(child => $"'{child.Ref}'"));
        var errorsBefore = await System.MessagesInQueueAsync("finance-children-placements_error");

        var clock = Stopwatch.StartNew();
        var sent = 0;
        var changed = 0;
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref sent) <= Changes)
            {
                Assert.True(free.TryDequeue(out var child)); // more children than senders: one is always free
                var moved = await childrenApi.RecordEpisodeAsync(child.Id, Episode("P", firstDay.AddDays(child.Day)));
                if (moved.PlacementChanged) Interlocked.Increment(ref changed);
                free.Enqueue((child.Id, child.Ref, child.Day + 1));
            }
        })));
        var answered = clock.Elapsed;
        Assert.Equal(Changes, changed);

        // One event per change in the children's outbox, whichever instance answered it ...
        var events = $"SELECT id FROM outbox_messages WHERE message_type LIKE '%.PlacementChanged' AND body->>'childRef' IN ({refs})";
        Assert.Equal(Changes, await System.CountAsync("children", $"SELECT count(*) FROM ({events}) e"));
        var eventIds = string.Join(", ", (await System.ValuesAsync("children", events)).Select(id => $"'{id}'"));
        // ... and one effect of each in finance, whichever instance took it: the inbox's record and the spell it opened.
        var inbox = $"SELECT count(*) FROM inbox_messages WHERE consumer = 'finance-children-placements' AND message_id IN ({eventIds})";
        await WaitUntilAsync(async () => await System.CountAsync("finance", inbox) >= Changes && await System.MessagesInQueueAsync("finance-children-placements") == 0,
            TimeSpan.FromMinutes(5), () => $"finance recorded {System.CountAsync("finance", inbox).Result} of {Changes} changes.\n{System.Logs("finance", 20)}");
        var consumed = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2)); // anything delivered twice would show here
        Assert.Equal(Changes, await System.CountAsync("finance", inbox));
        Assert.Equal(Changes, await System.CountAsync("finance", $"SELECT count(*) FROM placement_spells WHERE started_by IN ({eventIds})"));
        // Every child's spells follow one another: only the last is open, and each ended the day the next began.
        Assert.Equal(ChildrenMoved, await System.CountAsync("finance", $"SELECT count(*) FROM placement_spells WHERE ended_on IS NULL AND child_ref IN ({refs})"));
        Assert.Equal(errorsBefore, await System.MessagesInQueueAsync("finance-children-placements_error"));

        var line = $"two of every service: {Changes} placement changes through the gateway ({Senders} senders, {ChildrenMoved} children) answered in " +
                   $"{answered.TotalSeconds:0.0} s ({Changes / answered.TotalSeconds:0}/s), all {Changes} recorded once by two finance instances after {consumed.TotalSeconds:0.0} s";
        output.WriteLine(line);
        Measurements.Record(line);
    }

    // K2 and U3 in turn, so that every move is a real change between two placement types finance costs.
    private static RecordEpisodeRequest Episode(string reason, DateOnly on) => new()
    {
        StartedOn = on, ReasonForNewEpisode = reason, LegalStatus = "C2", CategoryOfNeed = "N1",
        PlacementType = on.DayNumber % 2 == 0 ? "K2" : "U3", PlacementProvider = "PR4", WeeklyCost = 3500m,
    };
}
