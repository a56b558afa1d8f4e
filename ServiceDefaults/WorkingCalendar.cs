using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Intervention.ServiceDefaults;

/// <summary>
/// Working days in England and Wales: not a weekend, not a bank holiday of the one configured table (<c>BankHolidays</c>,
/// a list of dates; by default <see cref="EnglandAndWales2015To2019"/>). Every service that counts working days (governance's
/// call-in period, children's 45-day assessments) reads this one calendar under this one key.
/// </summary>
public sealed class WorkingCalendar(IEnumerable<DateOnly> bankHolidays)
{
    private readonly HashSet<DateOnly> _bankHolidays = [.. bankHolidays];

    /// <summary>England and Wales bank holidays of the intervention's years, 2015–2019, substitute days included.</summary>
    public static IReadOnlyList<DateOnly> EnglandAndWales2015To2019 { get; } =
    [
        new(2015, 1, 1), new(2015, 4, 3), new(2015, 4, 6), new(2015, 5, 4), new(2015, 5, 25), new(2015, 8, 31), new(2015, 12, 25), new(2015, 12, 28),
        new(2016, 1, 1), new(2016, 3, 25), new(2016, 3, 28), new(2016, 5, 2), new(2016, 5, 30), new(2016, 8, 29), new(2016, 12, 26), new(2016, 12, 27),
        new(2017, 1, 2), new(2017, 4, 14), new(2017, 4, 17), new(2017, 5, 1), new(2017, 5, 29), new(2017, 8, 28), new(2017, 12, 25), new(2017, 12, 26),
        new(2018, 1, 1), new(2018, 3, 30), new(2018, 4, 2), new(2018, 5, 7), new(2018, 5, 28), new(2018, 8, 27), new(2018, 12, 25), new(2018, 12, 26),
        new(2019, 1, 1), new(2019, 4, 19), new(2019, 4, 22), new(2019, 5, 6), new(2019, 5, 27), new(2019, 8, 26), new(2019, 12, 25), new(2019, 12, 26),
    ];

    /// <summary>The calendar of the 2015–2019 table.</summary>
    public static WorkingCalendar EnglandAndWales { get; } = new(EnglandAndWales2015To2019);

    /// <summary>The calendar of a bound <see cref="BankHolidays"/> table, or of the 2015–2019 table when none is configured.</summary>
    public static WorkingCalendar Of(BankHolidays configured) => configured.Count > 0 ? new(configured) : EnglandAndWales;

    /// <summary>Whether <paramref name="day"/> is neither a weekend day nor a bank holiday.</summary>
    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_bankHolidays.Contains(day);

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when the same day).</summary>
    public int Between(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1)) if (IsWorkingDay(day)) count++;
        return count;
    }

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
}

/// <summary>
/// The configured bank-holiday table, bound from <c>BankHolidays</c> (<c>BankHolidays:0</c>, <c>BankHolidays:1</c>, ... ISO
/// dates). Empty by default: a list bound onto a default list would append to it, so the 2015–2019 default is applied by
/// <see cref="WorkingCalendar.Of"/>.
/// </summary>
public sealed class BankHolidays : List<DateOnly>
{
    public const string Section = "BankHolidays";
}

/// <summary>Registers the one <see cref="WorkingCalendar"/>, built from the bound <see cref="BankHolidays"/>.</summary>
public static class WorkingCalendarRegistration
{
    public static IServiceCollection AddWorkingCalendar(this IServiceCollection services)
    {
        services.AddOptions<BankHolidays>().BindConfiguration(BankHolidays.Section);
        services.TryAddSingleton(provider => WorkingCalendar.Of(provider.GetRequiredService<IOptions<BankHolidays>>().Value));
        return services;
    }
}
