namespace Licensing.API.Licences;

/// <summary>
/// A licence's status on a day, from its grants and its decided changes: the latest event on or before the day wins (a
/// grant or renewal, or a suspension, revocation or refusal in force); an active term that has ended is expired.
/// A change whose effective day is not yet known (an appeal pending) does not count yet.
/// </summary>
public static class LicenceStatusRule
{
    public static LicenceStatus At(IEnumerable<(DateOnly GrantedOn, DateOnly ExpiresOn)> grants,
        IEnumerable<(DecidedStatus Status, DateOnly? EffectiveOn)> changes, DateOnly on)
    {
        var lastGrant = grants.Where(grant => grant.GrantedOn <= on).OrderBy(grant => grant.GrantedOn).LastOrDefault();
        var lastChange = changes.Where(change => change.EffectiveOn <= on).OrderBy(change => change.EffectiveOn).LastOrDefault();
        var granted = lastGrant != default;
        var changed = lastChange.EffectiveOn is not null;

        // A change on the day of a grant follows it: a same-day refusal or revocation stands.
        if (changed && (!granted || lastChange.EffectiveOn >= lastGrant.GrantedOn))
            return lastChange.Status switch
            {
                DecidedStatus.Suspended => granted && on > lastGrant.ExpiresOn ? LicenceStatus.Expired : LicenceStatus.Suspended,
                DecidedStatus.Revoked => LicenceStatus.Revoked,
                _ => LicenceStatus.Refused,
            };
        if (!granted) return LicenceStatus.Applied;
        return on > lastGrant.ExpiresOn ? LicenceStatus.Expired : LicenceStatus.Active;
    }
}
