namespace Governance.API.Restoration;

public static class RestorationModule
{
    /// <summary>
    /// The quarterly reviews: their dates from <c>Reviews</c> (defaults 11 May, 11 Aug, 11 Nov 2017 and each quarter after) and the announcer.
    /// </summary>
    public static IHostApplicationBuilder AddRestoration(this IHostApplicationBuilder builder)
    {
        // Dates has no default to bind onto (binding a list appends to it): the seeds' dates apply when none are configured.
        builder.Services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.Section)
            .PostConfigure(options => options.Dates = options.Dates.Count > 0 ? options.Dates : ReviewOptions.DefaultDates);
        builder.Services.AddHostedService<ReviewAnnouncer>();
        return builder;
    }
}
