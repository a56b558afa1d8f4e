using Intervention.Contracts.Children;
using Xunit;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Finance;

/// <summary>
/// A child's placement events have their effects in the order they happened, however closely they follow each other and
/// whatever order finance takes them in: finance takes its queue up to 64 messages side by side (and two instances may
/// share it), so it makes a child's spells from the child's events in the order the children's service recorded them.
/// Were it to apply them as they come, a change taken before the one before it would be refused (it starts before the
/// spell it would end) and wait in the error queue: an effect missing from the forecast until someone replays it.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class ChildEventsInOrderTests(SharedSystem shared)
{
    private AspireSystem System => shared.System;

    [Fact]
    public async Task A_childs_placement_changes_published_back_to_back_each_have_their_effect_in_order()
    {
        const int children = 40, changesEach = 10;
        var run = DemandLedForecastTests.Tag();
        var errorsBefore = await System.MessagesInQueueAsync("finance-children-placements_error");
        await using (var broker = await BrokerClient.ConnectAsync(await System.ConnectionStringAsync("messaging")))
            // Child by child, each child's changes one after another, as a bulk load of placements would publish them.
            for (var c = 0; c < children; c++)
                for (var i = 0; i < changesEach; i++)
                {
                    var change = new PlacementChanged
                    {
                        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, ChildRef = $"order-{run}-{c:D3}", ChangedOn = new DateOnly(2017, 4, 1).AddDays(7 * i),
                        PreviousPlacementType = i % 2 == 0 ? "U1" : "K2", PlacementType = i % 2 == 0 ? "K2" : "U1", PlacementProvider = "PR4", LegalStatus = "C2", Stovewood = false,
                    };
                    await broker.PublishAsync(change, change.EventId);
                }

        var spells = $"SELECT count(*) FROM placement_spells WHERE child_ref LIKE 'order-{run}-%'";
        var refused = async () => await System.MessagesInQueueAsync("finance-children-placements_error") - errorsBefore;
        await WaitUntilAsync(async () => await System.CountAsync("finance", spells) == children * changesEach || await refused() > 0,
            TimeSpan.FromMinutes(2), () => $"finance did not take every change.\n{System.Logs("finance")}");

        Assert.Equal(0u, await refused());
        Assert.Equal(children * changesEach, await System.CountAsync("finance", spells));
        // Each child's spells chain: every spell but the last ends where the next begins, and only the last is open.
        Assert.Equal(children * (changesEach - 1), await System.CountAsync("finance", $"""
            SELECT count(*) FROM placement_spells s JOIN placement_spells n
              ON n.child_ref = s.child_ref AND n.started_on = s.ended_on AND n.started_by <> s.started_by
            WHERE s.child_ref LIKE 'order-{run}-%'
            """));
        Assert.Equal(children, await System.CountAsync("finance", $"{spells} AND ended_on IS NULL AND started_on = '{new DateOnly(2017, 4, 1).AddDays(7 * (changesEach - 1)):yyyy-MM-dd}'"));
    }

    [Fact]
    public async Task A_childs_coming_into_care_moves_and_leaving_published_back_to_back_each_have_their_effect_in_order()
    {
        // Three event types, one after another for each child: they share finance's queue, so none overtakes another. Taken
        // out of order, the leaving would find no open placement and the move after it would open a spell that never ends.
        const int children = 40;
        var run = DemandLedForecastTests.Tag();
        var errorsBefore = await System.MessagesInQueueAsync("finance-children-placements_error");
        var start = new DateOnly(2017, 4, 1);
        await using (var broker = await BrokerClient.ConnectAsync(await System.ConnectionStringAsync("messaging")))
            for (var c = 0; c < children; c++)
            {
                var child = $"cycle-{run}-{c:D3}";
                var entered = new ChildBecameLookedAfter
                {
                    EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, ChildRef = child, StartedOn = start, LegalStatus = "C2",
                    PlacementType = "U1", PlacementProvider = "PR4", Stovewood = false,
                };
                await broker.PublishAsync(entered, entered.EventId);
                for (var i = 1; i <= 2; i++)
                {
                    var moved = new PlacementChanged
                    {
                        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, ChildRef = child, ChangedOn = start.AddDays(10 * i),
                        PreviousPlacementType = i == 1 ? "U1" : "K2", PlacementType = i == 1 ? "K2" : "U4", PlacementProvider = "PR4", LegalStatus = "C2",
                        Stovewood = false,
                    };
                    await broker.PublishAsync(moved, moved.EventId);
                }
                var left = new ChildCeasedToBeLookedAfter
                {
                    EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, ChildRef = child, CeasedOn = start.AddDays(30),
                    ReasonEpisodeCeased = "E11", LastPlacementType = "U4", Stovewood = false,
                };
                await broker.PublishAsync(left, left.EventId);
            }

        var spells = $"SELECT count(*) FROM placement_spells WHERE child_ref LIKE 'cycle-{run}-%'";
        var ended = $"{spells} AND ended_on = '{start.AddDays(30):yyyy-MM-dd}'";
        var refused = async () => await System.MessagesInQueueAsync("finance-children-placements_error") - errorsBefore;
        await WaitUntilAsync(async () => await System.CountAsync("finance", ended) == children || await refused() > 0,
            TimeSpan.FromMinutes(2), () => $"finance did not take every child's leaving.\n{System.Logs("finance")}");

        Assert.Equal(0u, await refused());
        Assert.Equal(children * 3, await System.CountAsync("finance", spells));
        Assert.Equal(0, await System.CountAsync("finance", $"{spells} AND ended_on IS NULL")); // every child has left
        Assert.Equal(children, await System.CountAsync("finance", $"{spells} AND placement_type = 'U4' AND started_on = '{start.AddDays(20):yyyy-MM-dd}'"));
    }

    [Fact]
    public async Task A_childs_events_published_in_reverse_order_give_the_spells_of_the_order_they_happened_in()
    {
        const int children = 20;
        var run = DemandLedForecastTests.Tag();
        var errorsBefore = await System.MessagesInQueueAsync("finance-children-placements_error");
        var start = new DateOnly(2017, 4, 1);
        var recorded = DateTimeOffset.UtcNow.AddMinutes(-1);
        await using (var broker = await BrokerClient.ConnectAsync(await System.ConnectionStringAsync("messaging")))
            for (var c = 0; c < children; c++)
            {
                var child = $"reverse-{run}-{c:D3}";
                // Recorded in this order by the children's service (OccurredAt), published last first.
                var entered = new ChildBecameLookedAfter
                {
                    EventId = Guid.NewGuid(), OccurredAt = recorded, ChildRef = child, StartedOn = start, LegalStatus = "C2", PlacementType = "U1",
                    PlacementProvider = "PR4", Stovewood = false,
                };
                var moved = new PlacementChanged
                {
                    EventId = Guid.NewGuid(), OccurredAt = recorded.AddSeconds(1), ChildRef = child, ChangedOn = start.AddDays(10), PreviousPlacementType = "U1",
                    PlacementType = "K2", PlacementProvider = "PR4", LegalStatus = "C2", Stovewood = false,
                };
                var left = new ChildCeasedToBeLookedAfter
                {
                    EventId = Guid.NewGuid(), OccurredAt = recorded.AddSeconds(2), ChildRef = child, CeasedOn = start.AddDays(20), ReasonEpisodeCeased = "E11",
                    LastPlacementType = "K2", Stovewood = false,
                };
                await broker.PublishAsync(left, left.EventId);
                await broker.PublishAsync(moved, moved.EventId);
                await broker.PublishAsync(entered, entered.EventId);
            }

        var spells = $"SELECT count(*) FROM placement_spells WHERE child_ref LIKE 'reverse-{run}-%'";
        var refused = async () => await System.MessagesInQueueAsync("finance-children-placements_error") - errorsBefore;
        await WaitUntilAsync(async () => await System.CountAsync("finance", $"{spells} AND placement_type = 'K2' AND ended_on IS NOT NULL") == children
                || await refused() > 0, TimeSpan.FromMinutes(2), () => $"finance did not put every child's events in order.\n{System.Logs("finance")}");

        Assert.Equal(0u, await refused());
        Assert.Equal(children * 2, await System.CountAsync("finance", spells));
        Assert.Equal(children, await System.CountAsync("finance",
            $"{spells} AND placement_type = 'U1' AND started_on = '{start:yyyy-MM-dd}' AND ended_on = '{start.AddDays(10):yyyy-MM-dd}'"));
        Assert.Equal(children, await System.CountAsync("finance",
            $"{spells} AND placement_type = 'K2' AND started_on = '{start.AddDays(10):yyyy-MM-dd}' AND ended_on = '{start.AddDays(20):yyyy-MM-dd}'"));
    }
}
