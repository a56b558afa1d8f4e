using Intervention.ServiceDefaults;
using Governance.API.Decisions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Tests.Decisions;

public class DecisionCalendarTests
{
    private static readonly DecisionCalendar Calendar = new();

    [Fact]
    public void Cabinet_decision_on_Friday_23_December_2016_takes_effect_on_Tuesday_10_January_2017()
    {
        // Working days after Friday 23 Dec 2016: Sat 24, Sun 25 weekend; Mon 26 (Boxing Day) and Tue 27
        // (substitute for Christmas Day, a Sunday) bank holidays; Wed 28 = 1, Thu 29 = 2, Fri 30 = 3;
        // Sat 31, Sun 1 Jan weekend; Mon 2 Jan (substitute for New Year's Day) bank holiday;
        // Tue 3 = 4, Wed 4 = 5, Thu 5 = 6, Fri 6 = 7; weekend; Mon 9 = 8, Tue 10 = 9.
        Assert.Equal(new DateOnly(2017, 1, 10), Calendar.CallInEndsOn(DateTimeOffset.Parse("2016-12-23T14:00:00Z")));
    }

    [Fact]
    public void Cabinet_decision_on_Friday_26_May_2017_before_the_late_May_bank_holiday_takes_effect_on_Friday_9_June()
    {
        // After Fri 26 May 2017: Sat 27, Sun 28 weekend; Mon 29 spring bank holiday; Tue 30 = 1, Wed 31 = 2,
        // Thu 1 Jun = 3, Fri 2 = 4; weekend; Mon 5 = 5, Tue 6 = 6, Wed 7 = 7, Thu 8 = 8, Fri 9 = 9.
        Assert.Equal(new DateOnly(2017, 6, 9), Calendar.CallInEndsOn(DateTimeOffset.Parse("2017-05-26T10:00:00+01:00")));
    }

    [Fact]
    public void Without_the_bank_holidays_the_same_Friday_would_count_the_Monday()
    {
        var noHolidays = new DecisionCalendar(9, new WorkingCalendar([new DateOnly(2000, 1, 3)]));
        // Mon 29 May = 1 ... Thu 8 Jun = 9: the table is what moves the date to Fri 9 Jun.
        Assert.Equal(new DateOnly(2017, 6, 8), noHolidays.CallInEndsOn(DateTimeOffset.Parse("2017-05-26T10:00:00Z")));
    }

    [Fact]
    public void Decision_at_23_30_UTC_in_summer_belongs_to_the_next_London_day()
    {
        // 23:30 UTC on Thu 1 Jun 2017 is 00:30 BST on Fri 2 Jun.
        var decidedAt = DateTimeOffset.Parse("2017-06-01T23:30:00Z");
        Assert.Equal(new DateOnly(2017, 6, 2), CouncilTime.DateOf(decidedAt));
        // From Fri 2 Jun: Mon 5 = 1, Tue 6 = 2, Wed 7 = 3, Thu 8 = 4, Fri 9 = 5, Mon 12 = 6, Tue 13 = 7,
        // Wed 14 = 8, Thu 15 = 9 (counting from Thu 1 Jun would give Wed 14).
        Assert.Equal(new DateOnly(2017, 6, 15), Calendar.CallInEndsOn(decidedAt));
    }

    [Fact]
    public void Decision_at_23_30_UTC_in_winter_stays_on_its_own_London_day()
    {
        Assert.Equal(new DateOnly(2017, 1, 12), CouncilTime.DateOf(DateTimeOffset.Parse("2017-01-12T23:30:00Z")));
    }

    [Fact]
    public void Call_in_period_and_bank_holidays_come_from_configuration()
    {
        var calendar = Configured(new()
        {
            ["Decisions:CallInWorkingDays"] = "5",
            ["BankHolidays:0"] = "2017-05-29",
            ["BankHolidays:1"] = "2017-05-31",
        });

        // After Fri 26 May 2017 with holidays 29 and 31 May: Tue 30 = 1, Thu 1 = 2, Fri 2 = 3, Mon 5 = 4, Tue 6 = 5.
        Assert.Equal(5, calendar.CallInWorkingDays);
        Assert.Equal(new DateOnly(2017, 6, 6), calendar.CallInEndsOn(DateTimeOffset.Parse("2017-05-26T10:00:00Z")));
    }

    [Fact]
    public void Without_configuration_the_call_in_period_is_nine_working_days_with_the_2015_to_2019_holidays()
    {
        var calendar = Configured([]);

        Assert.Equal(9, calendar.CallInWorkingDays);
        Assert.False(calendar.WorkingDays.IsWorkingDay(new DateOnly(2018, 8, 27)));
        Assert.True(calendar.WorkingDays.IsWorkingDay(new DateOnly(2018, 8, 28)));
        Assert.Equal(40, WorkingCalendar.EnglandAndWales2015To2019.Count);
        Assert.All(WorkingCalendar.EnglandAndWales2015To2019, d => Assert.True(d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{d} is a weekend day"));
    }

    [Fact]
    public void A_negative_call_in_period_stops_governance_at_start()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Configured(new() { ["Decisions:CallInWorkingDays"] = "-1" }));

        Assert.Contains("Decisions:CallInWorkingDays must not be negative", failure.Message);
    }

    /// <summary>The calendar as governance registers it, over <paramref name="settings"/>.</summary>
    private static DecisionCalendar Configured(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddDecisionCalendar()
            .BuildServiceProvider();
        // What ValidateOnStart runs when the host starts.
        services.GetRequiredService<IStartupValidator>().Validate();
        return services.GetRequiredService<DecisionCalendar>();
    }
}
