using Intervention.ServiceDefaults.Http;

namespace Finance.API.Forecast;

/// <summary>What a children's event changed in a child's spells, beyond the spell it closed in place.</summary>
/// <param name="Opened">The spell to add; null when nothing new opens.</param>
/// <param name="Note">What the consumer logs about it.</param>
public sealed record SpellChange(PlacementSpellRecord? Opened, SpellNote Note);

/// <summary>What is worth a line in the log about a change to a child's spells.</summary>
public enum SpellNote
{
    /// <summary>Nothing unusual.</summary>
    None,
    /// <summary>The same fact reported again under another event id (a replay from the children's service).</summary>
    AlreadyRecorded,
    /// <summary>A new period of care began while the previous one was still open: it ends there.</summary>
    PreviousPeriodEnded,
    /// <summary>Finance had no open placement for the child.</summary>
    NoOpenPlacement,
}

/// <summary>
/// The rules of a child's placement spells as the children's events change them. Pure: the child's spells as loaded (the
/// open one is ended in place) and the event's facts in; the spell to add, or the rule the event breaks, out.
/// </summary>
public static class PlacementSpells
{
    /// <summary>A child came into care on <paramref name="on"/> in <paramref name="placementType"/>.</summary>
    public static Decision<SpellChange> Start(IReadOnlyList<PlacementSpellRecord> spells, Guid eventId, string childRef, string placementType,
        bool stovewood, DateOnly on, DateTimeOffset now)
    {
        var open = spells.SingleOrDefault(spell => spell.EndedOn is null);
        if (open is not null && open.StartedOn == on && open.PlacementType == Normalised(placementType))
            return new SpellChange(null, SpellNote.AlreadyRecorded);
        if (open is not null && open.StartedOn >= on)
            return Refusal.ByRule("child-already-in-a-later-placement",
                $"child {childRef} is already recorded in {open.PlacementType} from {open.StartedOn:yyyy-MM-dd}, not before {on:yyyy-MM-dd}");
        if (open is not null) (open.EndedOn, open.EndedBy) = (on, eventId);
        return new SpellChange(Open(eventId, childRef, placementType, stovewood, on, now), open is null ? SpellNote.None : SpellNote.PreviousPeriodEnded);
    }

    /// <summary>A looked-after child moved to <paramref name="placementType"/> on <paramref name="on"/>.</summary>
    public static Decision<SpellChange> Move(IReadOnlyList<PlacementSpellRecord> spells, Guid eventId, string childRef, string placementType,
        bool stovewood, DateOnly on, DateTimeOffset now)
    {
        var open = spells.SingleOrDefault(spell => spell.EndedOn is null);
        if (open is not null && on < open.StartedOn)
            return Refusal.ByRule("placement-change-before-placement",
                $"child {childRef}'s placement {open.PlacementType} started {open.StartedOn:yyyy-MM-dd}, after the change on {on:yyyy-MM-dd}");
        if (open is not null) (open.EndedOn, open.EndedBy) = (on, eventId);
        return new SpellChange(Open(eventId, childRef, placementType, stovewood, on, now), open is null ? SpellNote.NoOpenPlacement : SpellNote.None);
    }

    /// <summary>A child ceased to be looked after on <paramref name="on"/>: the open spell ends.</summary>
    public static Decision<SpellChange> End(IReadOnlyList<PlacementSpellRecord> spells, Guid eventId, string childRef, DateOnly on)
    {
        var open = spells.SingleOrDefault(spell => spell.EndedOn is null);
        if (open is null) return new SpellChange(null, SpellNote.NoOpenPlacement);
        if (on < open.StartedOn)
            return Refusal.ByRule("care-ended-before-placement",
                $"child {childRef}'s placement started {open.StartedOn:yyyy-MM-dd}, after they ceased to be looked after on {on:yyyy-MM-dd}");
        (open.EndedOn, open.EndedBy) = (on, eventId);
        return new SpellChange(null, SpellNote.None);
    }

    private static string Normalised(string placementType) => placementType.Trim().ToUpperInvariant();

    private static PlacementSpellRecord Open(Guid eventId, string childRef, string placementType, bool stovewood, DateOnly from, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        ChildRef = childRef,
        PlacementType = Normalised(placementType),
        Stovewood = stovewood,
        StartedOn = from,
        StartedBy = eventId,
        RecordedAt = now,
    };
}
