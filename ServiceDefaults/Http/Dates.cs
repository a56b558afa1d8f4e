using System.Globalization;

namespace Intervention.ServiceDefaults.Http;

/// <summary>Dates in query strings follow the same rule as in bodies: <c>yyyy-MM-dd</c>, nothing else.</summary>
public static class Dates
{
    public const string Rule = "must be a date, yyyy-MM-dd";

    /// <summary>Parses <paramref name="value"/>; an absent value means <paramref name="otherwise"/>. False when it is present but malformed.</summary>
    public static bool TryParse(string? value, DateOnly otherwise, out DateOnly date)
    {
        if (string.IsNullOrEmpty(value))
        {
            date = otherwise;
            return true;
        }
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
