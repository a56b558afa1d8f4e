using System.Globalization;
using Intervention.ServiceDefaults;

namespace Intervention.Portal.Overview;

/// <summary>
/// The day a person asks about, from GOV.UK's date input (day, month and year boxes): none given is today; a part missing or
/// not a real date is an error naming the box to correct, in the Design System's words.
/// </summary>
public sealed record ChosenDay(DateOnly? Day, string? Error, string? Field)
{
    /// <summary>The instant the page reads "on that day": noon in London, away from either midnight a Directions may take effect at.</summary>
    public DateTimeOffset Instant
    {
        get
        {
            var noon = Day!.Value.ToDateTime(new TimeOnly(12, 0));
            return new DateTimeOffset(noon, CouncilTime.Zone.GetUtcOffset(noon));
        }
    }

    public static ChosenDay Read(string? day, string? month, string? year, DateOnly today)
    {
        if (Blank(day) && Blank(month) && Blank(year)) return new(today, null, null);
        if (Blank(day)) return new(null, "The date must include a day", "day");
        if (Blank(month)) return new(null, "The date must include a month", "month");
        if (Blank(year)) return new(null, "The date must include a year", "year");
        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)) return new(null, "The date must be a real date", "day");
        if (!int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m is < 1 or > 12)
            return new(null, "The date must be a real date", "month");
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || year!.Trim().Length != 4)
            return new(null, "The year must include 4 numbers", "year");
        if (y is < 1900 or > 2100 || d < 1 || d > DateTime.DaysInMonth(y, m))
            return new(null, "The date must be a real date", d < 1 || y is >= 1900 and <= 2100 ? "day" : "year");
        return new(new DateOnly(y, m, d), null, null);
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
