using Intervention.Contracts;

namespace Intervention.ServiceDefaults.Http;

/// <summary>Instants in query strings follow the same rule as in bodies (<see cref="InstantConverter"/>).</summary>
public static class Instants
{
    public const string Rule = "must be an ISO 8601 instant with an offset, e.g. 2016-06-01T12:00:00Z, on a day from 1900-01-01 to 2100-12-31";

    /// <summary>
    /// Parses <paramref name="value"/>; an absent value means now. False when it is present but malformed or out of
    /// <see cref="Dates"/>' range.
    /// </summary>
    public static bool TryParse(string? value, out DateTimeOffset instant, TimeProvider clock)
    {
        if (string.IsNullOrEmpty(value))
        {
            instant = clock.GetUtcNow();
            return true;
        }
        return InstantConverter.TryParse(value, out instant) && Dates.InRange(instant);
    }

    /// <summary>
    /// Reads a bitemporal query's <c>at</c> (default now) and <c>asKnownAt</c> (default: as known now),
    /// adding each malformed one to <paramref name="errors"/> under its parameter name.
    /// </summary>
    public static (DateTimeOffset At, DateTimeOffset? AsKnownAt) ReadBitemporal(string? at, string? asKnownAt, TimeProvider clock,
        IDictionary<string, string[]> errors)
    {
        if (!TryParse(at, out var instant, clock)) errors["at"] = [Rule];
        DateTimeOffset? knownAt = null;
        if (asKnownAt is not null)
        {
            if (InstantConverter.TryParse(asKnownAt, out var k) && Dates.InRange(k)) knownAt = k;
            else errors["asKnownAt"] = [Rule];
        }
        return (instant, knownAt);
    }
}
