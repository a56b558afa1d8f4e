namespace Governance.API.Restoration;

public static class RestorationModule
{
    /// <summary>The quarterly reviews: their dates from <c>Reviews</c> (defaults 11 May, 11 Aug, 11 Nov 2017 and each quarter after) and the announcer.</summary>
    public static IHostApplicationBuilder AddRestoration(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Reviews");
        // Read by hand: binding a list onto defaults appends to them instead of replacing them.
        var dates = section.GetSection("Dates").Get<DateOnly[]>();
        var defaults = new ReviewOptions();
        var options = new ReviewOptions
        {
            Dates = dates is { Length: > 0 } ? dates : ReviewOptions.DefaultDates,
            Until = section.GetValue("Until", defaults.Until),
            CheckEvery = section.GetValue("CheckEvery", defaults.CheckEvery),
            CatchUpDays = section.GetValue("CatchUpDays", defaults.CatchUpDays),
        };
        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<ReviewAnnouncer>();
        return builder;
    }
}
