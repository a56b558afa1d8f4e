namespace Intervention.Directions;

/// <summary>
/// Who holds a function at an instant, read from the Directions in force then. Bitemporal: as
/// known now, or as it was known at an earlier recorded instant. A Directions that does not name a
/// function leaves it with the authority it had, so the answer is the assignment of that function
/// with the latest effective instant not after <c>at</c>; between two with the same effective instant,
/// the later recorded one (a correction) wins.
/// </summary>
public static class DirectionsInForce
{
    public static AuthorityAssignment? HolderOf(IEnumerable<AuthorityAssignment> assignments, string function, DateTimeOffset at,
        DateTimeOffset? asKnownAt = null) =>
        assignments
            .Where(a => a.Function == function && a.EffectiveFrom <= at && (asKnownAt is null || a.RecordedAt <= asKnownAt))
            .OrderByDescending(a => a.EffectiveFrom)
            .ThenByDescending(a => a.RecordedAt)
            .FirstOrDefault();
}
