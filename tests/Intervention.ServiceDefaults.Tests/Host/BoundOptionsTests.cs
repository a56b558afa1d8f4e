using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Intervention.ServiceDefaults.Tests.Host;

/// <summary>Settings every service reads through the options it binds: the bank holidays and where tokens come from.</summary>
public sealed class BoundOptionsTests
{
    [Fact]
    public void Working_days_skip_the_configured_BankHolidays_table_rather_than_the_default()
    {
        var calendar = CalendarOf(new() { ["BankHolidays:0"] = "2020-05-08" });

        Assert.False(calendar.IsWorkingDay(new DateOnly(2020, 5, 8)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2018, 8, 27))); // a 2015-2019 bank holiday, not in the configured table
    }

    [Fact]
    public void Without_a_BankHolidays_table_working_days_skip_the_2015_to_2019_holidays()
    {
        var calendar = CalendarOf([]);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2018, 8, 27)));
        Assert.Equal(WorkingCalendar.EnglandAndWales2015To2019.Count, WorkingCalendar.EnglandAndWales2015To2019.Count(day => !calendar.IsWorkingDay(day)));
    }

    [Fact]
    public async Task A_service_with_neither_a_token_authority_nor_a_signing_key_refuses_to_start_rather_than_run_open()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.AddServiceDefaults("unconfigured");
            await using var app = builder.Build();
            await app.StartAsync();
            await app.StopAsync();
        });

        Assert.Contains("unconfigured: no token issuer is configured", failure.Message);
    }

    private static WorkingCalendar CalendarOf(Dictionary<string, string?> settings) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .AddWorkingCalendar()
        .BuildServiceProvider()
        .GetRequiredService<WorkingCalendar>();
}
