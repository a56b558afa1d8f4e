namespace Governance.API.Decisions;

/// <summary>
/// The days that the law of decisions counts: a decision's day is its <see cref="Intervention.ServiceDefaults.CouncilTime"/>
/// date (Europe/London), and working days skip weekends and the England
/// and Wales bank holidays of a configured table. A Cabinet decision subject to call-in takes effect on the
/// <see cref="CallInWorkingDays"/>th working day after its decision day. Pure: no clock, no configuration
/// reads beyond <see cref="From"/>.
/// </summary>
public sealed class DecisionCalendar
{
    /// <summary>Configuration section: <c>Decisions:CallInWorkingDays</c>, <c>Decisions:BankHolidays</c>.</summary>
    public const string Section = "Decisions";

    public const int DefaultCallInWorkingDays = 9;

    /// <summary>The England and Wales bank holidays of the intervention's years, substitute days included.</summary>
    public static IReadOnlyList<DateOnly> EnglandAndWales2015To2019 { get; } =
    [
        new(2015, 1, 1), new(2015, 4, 3), new(2015, 4, 6), new(2015, 5, 4), new(2015, 5, 25), new(2015, 8, 31), new(2015, 12, 25), new(2015, 12, 28),
        new(2016, 1, 1), new(2016, 3, 25), new(2016, 3, 28), new(2016, 5, 2), new(2016, 5, 30), new(2016, 8, 29), new(2016, 12, 26), new(2016, 12, 27),
        new(2017, 1, 2), new(2017, 4, 14), new(2017, 4, 17), new(2017, 5, 1), new(2017, 5, 29), new(2017, 8, 28), new(2017, 12, 25), new(2017, 12, 26),
        new(2018, 1, 1), new(2018, 3, 30), new(2018, 4, 2), new(2018, 5, 7), new(2018, 5, 28), new(2018, 8, 27), new(2018, 12, 25), new(2018, 12, 26),
        new(2019, 1, 1), new(2019, 4, 19), new(2019, 4, 22), new(2019, 5, 6), new(2019, 5, 27), new(2019, 8, 26), new(2019, 12, 25), new(2019, 12, 26),
    ];

    private readonly HashSet<DateOnly> _bankHolidays;

    public DecisionCalendar(int callInWorkingDays = DefaultCallInWorkingDays, IEnumerable<DateOnly>? bankHolidays = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(callInWorkingDays);
        CallInWorkingDays = callInWorkingDays;
        _bankHolidays = [.. bankHolidays ?? EnglandAndWales2015To2019];
    }

    public int CallInWorkingDays { get; }

    /// <summary>The calendar of <c>Decisions:CallInWorkingDays</c> (default 9) and <c>Decisions:BankHolidays</c> (default the 2015–2019 table).</summary>
    public static DecisionCalendar From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var holidays = section.GetSection("BankHolidays").Get<DateOnly[]>();
        return new DecisionCalendar(section.GetValue("CallInWorkingDays", DefaultCallInWorkingDays), holidays is { Length: > 0 } ? holidays : null);
    }

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_bankHolidays.Contains(day);

    /// <summary>The <paramref name="count"/>th working day after <paramref name="day"/> (the day itself does not count); the day itself for 0.</summary>
    public DateOnly WorkingDaysAfter(DateOnly day, int count)
    {
        var current = day;
        for (var counted = 0; counted < count;)
        {
            current = current.AddDays(1);
            if (IsWorkingDay(current)) counted++;
        }
        return current;
    }

    /// <summary>When a Cabinet decision subject to call-in, taken at <paramref name="decidedAt"/>, takes effect.</summary>
    public DateOnly CallInEndsOn(DateTimeOffset decidedAt) => WorkingDaysAfter(Intervention.ServiceDefaults.CouncilTime.DateOf(decidedAt), CallInWorkingDays);
}
