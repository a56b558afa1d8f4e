using Finance.API.Forecast;

namespace Finance.Tests.Forecast;

/// <summary>
/// A child's spells made from their events (<see cref="PlacementSpells.Fold"/>) in the order the children's service
/// recorded them, whatever order finance receives them in; and the saved spells brought into line with the result.
/// </summary>
public class PlacementHistoryTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2017-10-08T12:00:00Z");
    private static readonly string[] Types = ["K2", "U4", "U1", "H5", "R1"];

    private static PlacementEventRecord Fact(PlacementEventKind kind, int seconds, DateOnly on, string? type = null) => new()
    {
        EventId = Guid.NewGuid(), ChildRef = "c-1", OccurredAt = Now.AddSeconds(seconds), Kind = kind, HappenedOn = on, PlacementType = type,
        Stovewood = false, RecordedAt = Now,
    };

    /// <summary>A child's events as the children's service would send them: periods of care, each with moves, then an end.</summary>
    private static List<PlacementEventRecord> History(Random random)
    {
        var facts = new List<PlacementEventRecord>();
        var day = new DateOnly(2016, 4, 1).AddDays(random.Next(30));
        var second = 0;
        for (var period = 0; period < random.Next(1, 4); period++)
        {
            facts.Add(Fact(PlacementEventKind.Start, second++, day, Types[random.Next(Types.Length)]));
            for (var move = 0; move < random.Next(0, 6); move++)
                facts.Add(Fact(PlacementEventKind.Move, second++, day = day.AddDays(random.Next(1, 90)), Types[random.Next(Types.Length)]));
            if (random.Next(3) > 0) facts.Add(Fact(PlacementEventKind.End, second++, day = day.AddDays(random.Next(1, 90))));
            day = day.AddDays(random.Next(0, 60));
        }
        return facts;
    }

    private static IEnumerable<(string, DateOnly, DateOnly?, Guid, Guid?)> Shape(IEnumerable<PlacementSpellRecord> spells) =>
        spells.OrderBy(s => s.StartedOn).Select(s => (s.PlacementType, s.StartedOn, s.EndedOn, s.StartedBy, s.EndedBy));

    [Fact]
    public void Two_hundred_generated_histories_received_in_a_shuffled_order_give_the_spells_of_the_recorded_order()
    {
        var random = new Random(16);
        for (var child = 0; child < 200; child++)
        {
            var facts = History(random);
            var inOrder = PlacementSpells.Fold(facts, facts[^1].EventId, Now).Changes!.Spells;

            // Received one by one in a shuffled order, the saved spells brought into line after each, as the writer does.
            var received = new List<PlacementEventRecord>();
            var saved = new List<PlacementSpellRecord>();
            foreach (var fact in facts.OrderBy(_ => random.Next()))
            {
                received.Add(fact);
                var folded = PlacementSpells.Fold(received, fact.EventId, Now);
                Assert.Null(folded.Refused);
                PlacementSpells.Reconcile(saved, folded.Changes!.Spells);
            }

            Assert.Equal(Shape(inOrder), Shape(saved));
        }
    }

    [Fact]
    public void A_fact_replayed_under_another_event_id_is_already_known_whichever_id_sorts_first_and_another_fact_is_not()
    {
        var start = Fact(PlacementEventKind.Start, 0, new DateOnly(2017, 10, 8), "K2");
        PlacementEventRecord Like(Guid id, DateOnly? on = null, string type = "K2", PlacementEventKind kind = PlacementEventKind.Start,
            long microseconds = 0, string child = "c-1", bool stovewood = false) => new()
        {
            EventId = id, ChildRef = child, OccurredAt = start.OccurredAt.AddMicroseconds(microseconds), Kind = kind,
            HappenedOn = on ?? start.HappenedOn, PlacementType = type, Stovewood = stovewood, RecordedAt = Now.AddDays(1),
        };
        PlacementEventRecord[] facts = [start];

        // Folded with the original, a replay whose id sorts first would open the spell itself: known, it is not folded at all.
        Assert.True(PlacementSpells.AlreadyKnown(facts, Like(start.EventId)));
        foreach (var id in new[] { Guid.Empty, Guid.AllBitsSet })
            Assert.True(PlacementSpells.AlreadyKnown(facts, Like(id)), $"the replay under {id}");

        Assert.False(PlacementSpells.AlreadyKnown(facts, Like(Guid.NewGuid(), on: new DateOnly(2017, 10, 9))));
        Assert.False(PlacementSpells.AlreadyKnown(facts, Like(Guid.NewGuid(), type: "U1")));
        Assert.False(PlacementSpells.AlreadyKnown(facts, Like(Guid.NewGuid(), kind: PlacementEventKind.Move)));
        Assert.False(PlacementSpells.AlreadyKnown(facts, Like(Guid.NewGuid(), microseconds: 1)));
        Assert.False(PlacementSpells.AlreadyKnown(facts, Like(Guid.NewGuid(), child: "c-2")));
        Assert.False(PlacementSpells.AlreadyKnown(facts, Like(Guid.NewGuid(), stovewood: true)));
    }

    [Fact]
    public void A_later_move_arriving_first_is_put_right_when_the_earlier_arrives()
    {
        var start = Fact(PlacementEventKind.Start, 0, new DateOnly(2017, 4, 1), "U1");
        var first = Fact(PlacementEventKind.Move, 1, new DateOnly(2017, 4, 11), "K2");
        var second = Fact(PlacementEventKind.Move, 2, new DateOnly(2017, 4, 21), "U4");
        var saved = new List<PlacementSpellRecord>();
        PlacementSpells.Reconcile(saved, PlacementSpells.Fold([start, second], second.EventId, Now).Changes!.Spells);
        Assert.Equal([("U1", new DateOnly(2017, 4, 1), (DateOnly?)new DateOnly(2017, 4, 21)), ("U4", new DateOnly(2017, 4, 21), null)],
            saved.Select(s => (s.PlacementType, s.StartedOn, s.EndedOn)));
        var u1 = saved[0];

        var (added, removed) = PlacementSpells.Reconcile(saved, PlacementSpells.Fold([start, second, first], first.EventId, Now).Changes!.Spells);

        Assert.Equal([("U1", new DateOnly(2017, 4, 1), (DateOnly?)new DateOnly(2017, 4, 11)), ("K2", new DateOnly(2017, 4, 11), new DateOnly(2017, 4, 21)),
            ("U4", new DateOnly(2017, 4, 21), null)], saved.Select(s => (s.PlacementType, s.StartedOn, s.EndedOn)));
        Assert.Same(u1, saved[0]); // the saved row is kept and its end moved, not replaced
        Assert.Equal(first.EventId, Assert.Single(added).StartedBy);
        Assert.Empty(removed);
    }

    [Fact]
    public void An_event_that_breaks_the_childs_history_is_refused_and_names_the_rule()
    {
        var start = Fact(PlacementEventKind.Start, 0, new DateOnly(2017, 4, 11), "U1");
        var before = Fact(PlacementEventKind.Move, 1, new DateOnly(2017, 4, 1), "K2"); // recorded later, but dated before the start

        var folded = PlacementSpells.Fold([start, before], before.EventId, Now);

        Assert.Equal("placement-change-before-placement", folded.Refused!.Rule);
    }

    [Fact]
    public void An_earlier_event_arriving_late_that_would_make_a_stored_one_break_a_rule_is_refused_naming_both()
    {
        var start = Fact(PlacementEventKind.Start, 0, new DateOnly(2017, 4, 1), "U1");
        var late = Fact(PlacementEventKind.Start, 1, new DateOnly(2017, 6, 1), "K2"); // recorded before the move, dated after it
        var move = Fact(PlacementEventKind.Move, 2, new DateOnly(2017, 5, 1), "U4");

        var folded = PlacementSpells.Fold([start, move, late], late.EventId, Now);

        Assert.Equal("placement-change-before-placement", folded.Refused!.Rule);
        Assert.Contains(move.EventId.ToString(), folded.Refused.Detail);
        Assert.Contains(late.EventId.ToString(), folded.Refused.Detail);
    }
}
