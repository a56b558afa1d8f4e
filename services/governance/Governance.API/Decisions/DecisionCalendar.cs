using Intervention.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Governance.API.Decisions;

/// <summary>
/// The days that the law of decisions counts: a decision's day is its <see cref="CouncilTime"/> date (Europe/London), and
/// working days are those of the one <see cref="WorkingCalendar"/> (weekends and the configured England and Wales bank
/// holidays skipped). A Cabinet decision subject to call-in takes effect on the <see cref="CallInWorkingDays"/>th working
/// day after its decision day. Pure: no clock and no configuration; <see cref="DecisionCalendarRegistration.AddDecisionCalendar"/> builds it from the
/// bound <see cref="DecisionOptions"/> and the one <see cref="WorkingCalendar"/>.
/// </summary>
public sealed class DecisionCalendar
{
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

    /// <summary>When a Cabinet decision subject to call-in, taken at <paramref name="decidedAt"/>, takes effect.</summary>
    public DateOnly CallInEndsOn(DateTimeOffset decidedAt) => WorkingDays.WorkingDaysAfter(CouncilTime.DateOf(decidedAt), CallInWorkingDays);
}

/// <summary>The law of decisions as the council configures it, bound from <c>Decisions</c>.</summary>
public sealed class DecisionOptions
{
    public const string Section = "Decisions";

    /// <summary>Working days a Cabinet decision subject to call-in waits before it takes effect (DOMAIN.md: 9).</summary>
    public int CallInWorkingDays { get; set; } = DecisionCalendar.DefaultCallInWorkingDays;
}

public static class DecisionCalendarRegistration
{
    /// <summary>
    /// Registers the calendar of <c>Decisions:CallInWorkingDays</c> (default 9) and <c>BankHolidays</c> (default the 2015–2019
    /// table); a negative period stops the service at start.
    /// </summary>
    public static IServiceCollection AddDecisionCalendar(this IServiceCollection services)
    {
        services.AddOptions<DecisionOptions>().BindConfiguration(DecisionOptions.Section)
            .Validate(options => options.CallInWorkingDays >= 0, "Decisions:CallInWorkingDays must not be negative").ValidateOnStart();
        services.AddWorkingCalendar();
        services.AddSingleton(provider => new DecisionCalendar(
            provider.GetRequiredService<IOptions<DecisionOptions>>().Value.CallInWorkingDays, provider.GetRequiredService<WorkingCalendar>()));
        return services;
    }
}
