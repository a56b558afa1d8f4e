using Intervention.ServiceDefaults.Http;

namespace Finance.API.Forecast;

/// <summary>What a children's event changed in a child's spells, beyond the spell it closed in place.</summary>
/// <param name="Opened">The spell to add; null when nothing new opens.</param>
/// <param name="Note">What the consumer logs about it.</param>
public sealed record SpellChange(PlacementSpellRecord? Opened, SpellNote Note);

/// <summary>A child's spells made from their events, with the note on the one event being written.</summary>
public sealed record FoldedSpells(List<PlacementSpellRecord> Spells, SpellNote Note);

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

    /// <summary>
    /// Whether <paramref name="fact"/> is already among the child's <paramref name="facts"/>: the same event, or the same fact
    /// (child, kind, day, placement type, Stovewood, and the instant the children's service recorded it) replayed under another
    /// event id. Such a replay changes nothing, whichever of the two ids sorts first in <see cref="Fold"/>.
    /// </summary>
    public static bool AlreadyKnown(IEnumerable<PlacementEventRecord> facts, PlacementEventRecord fact) =>
        facts.Any(f => f.EventId == fact.EventId || (f.ChildRef == fact.ChildRef && f.OccurredAt == fact.OccurredAt && f.Kind == fact.Kind
            && f.HappenedOn == fact.HappenedOn && f.PlacementType == fact.PlacementType && f.Stovewood == fact.Stovewood));

    /// <summary>
    /// A child's spells made from their events in the order the children's service recorded them, whatever order they
    /// arrived in: each event's rule (<see cref="Start"/>, <see cref="Move"/>, <see cref="End"/>) on the spells the ones
    /// before it left. The first event a rule refuses refuses the whole (its events do not make a history). The note is
    /// <paramref name="noteOf"/>'s.
    /// </summary>
    public static Decision<FoldedSpells> Fold(IEnumerable<PlacementEventRecord> events, Guid noteOf, DateTimeOffset now)
    {
        var spells = new List<PlacementSpellRecord>();
        var note = SpellNote.None;
        foreach (var e in events.OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId))
        {
            var decided = e.Kind switch
            {
                PlacementEventKind.Start => Start(spells, e.EventId, e.ChildRef, e.PlacementType!, e.Stovewood, e.HappenedOn, now),
                PlacementEventKind.Move => Move(spells, e.EventId, e.ChildRef, e.PlacementType!, e.Stovewood, e.HappenedOn, now),
                _ => End(spells, e.EventId, e.ChildRef, e.HappenedOn),
            };
            if (decided.Refused is { } broken)
                return e.EventId == noteOf ? broken : Refusal.ByRule(broken.Rule ?? "placement-history-inconsistent",
                    $"with event {noteOf} in its place, the child's later event {e.EventId} would break a rule: {broken.Detail}");
            if (decided.Changes!.Opened is { } opened) spells.Add(opened);
            if (e.EventId == noteOf) note = decided.Changes.Note;
        }
        return new FoldedSpells(spells, note);
    }

    /// <summary>
    /// Makes <paramref name="stored"/> (a child's spells as saved) the <paramref name="folded"/> ones: a spell opened by the
    /// same event is kept and its end moved if the fold moved it; the others are added or taken away. Returns which.
    /// </summary>
    public static (List<PlacementSpellRecord> Added, List<PlacementSpellRecord> Removed) Reconcile(List<PlacementSpellRecord> stored,
        IReadOnlyList<PlacementSpellRecord> folded)
    {
        var byOpening = stored.ToDictionary(s => s.StartedBy);
        var added = new List<PlacementSpellRecord>();
        foreach (var spell in folded)
        {
            if (byOpening.Remove(spell.StartedBy, out var kept))
                (kept.EndedOn, kept.EndedBy) = (spell.EndedOn, spell.EndedBy);
            else
                added.Add(spell);
        }
        var removed = byOpening.Values.ToList();
        stored.RemoveAll(removed.Contains);
        stored.AddRange(added);
        stored.Sort((a, b) => a.StartedOn.CompareTo(b.StartedOn));
        return (added, removed);
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
