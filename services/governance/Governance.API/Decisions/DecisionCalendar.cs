using Intervention.ServiceDefaults;

namespace Governance.API.Decisions;

/// <summary>
/// The days that the law of decisions counts: a decision's day is its <see cref="CouncilTime"/> date (Europe/London), and
/// working days are those of the one <see cref="WorkingCalendar"/> (weekends and the configured England and Wales bank
/// holidays skipped). A Cabinet decision subject to call-in takes effect on the <see cref="CallInWorkingDays"/>th working
/// day after its decision day. Pure: no clock, no configuration reads beyond <see cref="From"/>.
/// </summary>
public sealed class DecisionCalendar
{
    /// <summary>Configuration section: <c>Decisions:CallInWorkingDays</c> (the bank holidays are <c>BankHolidays</c>, every service's).</summary>
    public const string Section = "Decisions";

    public const int DefaultCallInWorkingDays = 9;

    public DecisionCalendar(int callInWorkingDays = DefaultCallInWorkingDays, WorkingCalendar? workingDays = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(callInWorkingDays);
        CallInWorkingDays = callInWorkingDays;
        WorkingDays = workingDays ?? WorkingCalendar.EnglandAndWales;
    }

    public int CallInWorkingDays { get; }

    /// <summary>The working days it counts.</summary>
    public WorkingCalendar WorkingDays { get; }

    /// <summary>The calendar of <c>Decisions:CallInWorkingDays</c> (default 9) and <c>BankHolidays</c> (default the 2015–2019 table).</summary>
    public static DecisionCalendar From(IConfiguration configuration) =>
        new(configuration.GetSection(Section).GetValue("CallInWorkingDays", DefaultCallInWorkingDays), WorkingCalendar.From(configuration));

    /// <summary>When a Cabinet decision subject to call-in, taken at <paramref name="decidedAt"/>, takes effect.</summary>
    public DateOnly CallInEndsOn(DateTimeOffset decidedAt) => WorkingDays.WorkingDaysAfter(CouncilTime.DateOf(decidedAt), CallInWorkingDays);
}
