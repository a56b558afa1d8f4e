using Finance.API.Forecast;

namespace Finance.Tests.Forecast;

/// <summary>A child's placement spells as the children's events change them, decided over the child's spells as loaded.</summary>
public class PlacementSpellsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2017-10-08T12:00:00Z");
    private static readonly Guid Event = Guid.Parse("6a4f0d0e-1f5a-4a53-9a59-3a1d3c2b9e01");
    private static readonly DateOnly October8 = new(2017, 10, 8);

    private static PlacementSpellRecord Spell(string type, DateOnly from, DateOnly? to = null) => new()
    {
        Id = Guid.NewGuid(), ChildRef = "c-1", PlacementType = type, StartedOn = from, EndedOn = to, StartedBy = Guid.NewGuid(), RecordedAt = Now,
    };

    [Fact]
    public void A_child_coming_into_care_opens_a_spell_in_the_placement_type()
    {
        var change = PlacementSpells.Start([], Event, "c-1", " k2 ", stovewood: false, October8, Now).Changes!;

        Assert.Equal(("c-1", "K2", October8, Event, (DateOnly?)null), (change.Opened!.ChildRef, change.Opened.PlacementType, change.Opened.StartedOn,
            change.Opened.StartedBy, change.Opened.EndedOn));
        Assert.Equal(SpellNote.None, change.Note);
    }

    [Fact]
    public void The_same_start_reported_again_changes_nothing()
    {
        List<PlacementSpellRecord> spells = [Spell("K2", October8)];

        var change = PlacementSpells.Start(spells, Event, "c-1", "K2", false, October8, Now).Changes!;

        Assert.Null(change.Opened);
        Assert.Equal(SpellNote.AlreadyRecorded, change.Note);
    }

    [Fact]
    public void A_new_period_of_care_ends_the_spell_left_open()
    {
        var open = Spell("U4", new DateOnly(2017, 4, 1));

        var change = PlacementSpells.Start([open], Event, "c-1", "K2", false, October8, Now).Changes!;

        Assert.Equal((October8, Event), (open.EndedOn, open.EndedBy));
        Assert.Equal(SpellNote.PreviousPeriodEnded, change.Note);
        Assert.NotNull(change.Opened);
    }

    [Fact]
    public void A_start_not_after_the_open_spells_start_is_refused()
    {
        var open = Spell("U4", October8);

        Assert.Contains("already recorded in U4", PlacementSpells.Start([open], Event, "c-1", "K2", false, October8.AddDays(-1), Now).Refused!.Detail);
        Assert.Null(open.EndedOn);
    }

    [Fact]
    public void A_placement_change_ends_the_open_spell_and_opens_the_next()
    {
        var open = Spell("K2", new DateOnly(2017, 4, 1));

        var change = PlacementSpells.Move([open], Event, "c-1", "U4", false, October8, Now).Changes!;

        Assert.Equal(October8, open.EndedOn);
        Assert.Equal(("U4", October8), (change.Opened!.PlacementType, change.Opened.StartedOn));
    }

    [Fact]
    public void A_placement_change_with_no_open_spell_is_counted_from_that_day()
    {
        var change = PlacementSpells.Move([], Event, "c-1", "U4", false, October8, Now).Changes!;

        Assert.Equal(SpellNote.NoOpenPlacement, change.Note);
        Assert.Equal(October8, change.Opened!.StartedOn);
    }

    [Fact]
    public void A_placement_change_before_the_open_spell_started_is_refused() =>
        Assert.NotNull(PlacementSpells.Move([Spell("K2", October8)], Event, "c-1", "U4", false, October8.AddDays(-1), Now).Refused);

    [Fact]
    public void Leaving_care_ends_the_open_spell_and_leaving_before_it_started_is_refused()
    {
        var open = Spell("K2", new DateOnly(2017, 4, 1));

        Assert.Null(PlacementSpells.End([open], Event, "c-1", October8).Refused);
        Assert.Equal((October8, Event), (open.EndedOn, open.EndedBy));
        Assert.NotNull(PlacementSpells.End([Spell("K2", October8)], Event, "c-1", October8.AddDays(-1)).Refused);
        Assert.Equal(SpellNote.NoOpenPlacement, PlacementSpells.End([], Event, "c-1", October8).Changes!.Note);
    }
}
