namespace Children.API.Kpis;

/// <summary>Working days: not weekends, not the configured England and Wales bank holidays (<c>Children:BankHolidays</c>).</summary>
public sealed class WorkingDays(IEnumerable<DateOnly> bankHolidays)
{
    private readonly HashSet<DateOnly> _holidays = [.. bankHolidays];

    /// <summary>England and Wales bank holidays 2015–2019, substitute days included.</summary>
    public static IReadOnlyList<DateOnly> EnglandAndWales2015To2019 { get; } =
    [
        new(2015, 1, 1), new(2015, 4, 3), new(2015, 4, 6), new(2015, 5, 4), new(2015, 5, 25), new(2015, 8, 31), new(2015, 12, 25), new(2015, 12, 28),
        new(2016, 1, 1), new(2016, 3, 25), new(2016, 3, 28), new(2016, 5, 2), new(2016, 5, 30), new(2016, 8, 29), new(2016, 12, 26), new(2016, 12, 27),
        new(2017, 1, 2), new(2017, 4, 14), new(2017, 4, 17), new(2017, 5, 1), new(2017, 5, 29), new(2017, 8, 28), new(2017, 12, 25), new(2017, 12, 26),
        new(2018, 1, 1), new(2018, 3, 30), new(2018, 4, 2), new(2018, 5, 7), new(2018, 5, 28), new(2018, 8, 27), new(2018, 12, 25), new(2018, 12, 26),
        new(2019, 1, 1), new(2019, 4, 19), new(2019, 4, 22), new(2019, 5, 6), new(2019, 5, 27), new(2019, 8, 26), new(2019, 12, 25), new(2019, 12, 26),
    ];

    public static WorkingDays From(IConfiguration configuration) =>
        new(configuration.GetSection("Children:BankHolidays").Get<DateOnly[]>() is { Length: > 0 } days ? days : EnglandAndWales2015To2019);

    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when the same day).</summary>
    public int Between(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1)) if (IsWorkingDay(d)) count++;
        return count;
    }
}
