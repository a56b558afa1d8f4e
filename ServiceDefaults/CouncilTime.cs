namespace Intervention.ServiceDefaults;

/// <summary>
/// The council's clock face: midnights and the days the law counts (decision days, review dates, "as at"
/// dates) are those of Europe/London, whatever zone a server runs in. A decision at 23:30 UTC in summer
/// belongs to the next London day.
/// </summary>
public static class CouncilTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The Europe/London date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
}
