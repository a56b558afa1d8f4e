using Governance.API.Restoration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Tests.Restoration;

/// <summary>The review dates as configured: bound once, the one way every option is (no host started, no database).</summary>
public class ReviewOptionsTests
{
    private static ReviewOptions Bound(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddRestoration();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<ReviewOptions>>().Value;
    }

    [Fact]
    public void Configured_review_dates_replace_the_defaults_rather_than_adding_to_them()
    {
        var options = Bound(new() { ["Reviews:Dates:0"] = "2018-02-11", ["Reviews:CatchUpDays"] = "3" });

        Assert.Equal([new DateOnly(2018, 2, 11)], options.Dates);
        Assert.Equal(3, options.CatchUpDays);
    }

    [Fact]
    public void Without_configured_dates_the_seeds_review_dates_apply()
    {
        var options = Bound([]);

        Assert.Equal(ReviewOptions.DefaultDates, options.Dates);
        Assert.Equal(new DateOnly(2019, 3, 31), options.Until);
    }
}
