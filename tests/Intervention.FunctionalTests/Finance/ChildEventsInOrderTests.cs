using Intervention.Contracts.Children;
using Xunit;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Finance;

/// <summary>
/// A child's placement changes reach finance in the order they happened, however closely they follow each other: the
/// outbox relay publishes them in order, and finance must take them in that order too. Each change ends the spell the
/// one before it opened, so one taken out of order is refused (it starts before the spell it would end) and waits in the
/// error queue: an effect missing from the forecast until someone replays it.
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
        var errorsBefore = await System.MessagesInQueueAsync("finance-placement-changed_error");
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
        var refused = async () => await System.MessagesInQueueAsync("finance-placement-changed_error") - errorsBefore;
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
}
