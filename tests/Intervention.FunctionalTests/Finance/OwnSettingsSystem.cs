using Xunit;

namespace Intervention.FunctionalTests;

/// <summary>
/// A second system, shared by the tests that cannot run on <see cref="SharedSystem"/>: webhook deliveries retried for
/// seconds rather than hours, so a failing subscriber's deliveries park while a test watches; and room for tests about
/// whole-council figures (the placement forecast, the section 114 assessment, the KPIs of a 903 year), which give a
/// service an empty database (<see cref="AspireSystem.ResetDatabaseAsync"/>) or deploy a fix
/// (<see cref="AspireSystem.RedeployAsync"/>) on it, where no other portfolio's tests see it. Its governance has a quarterly
/// review due today (and one in 90 days), checked every half second; no test here records Directions, so the review
/// announced at start names no function. The gateway tests that need a low rate limit or a short timeout deploy them to the
/// gateway for the test and take them back (a gateway restart costs seconds; a system of their own cost a minute of start
/// and stop, issue 19). <c>[Collection(OwnSettingsSystem.Name)]</c>.
/// </summary>
public sealed class OwnSettingsSystem : IAsyncLifetime
{
    public const string Name = "the system with its own settings";

    /// <summary>How long integrations retries a failing subscriber before it parks the delivery.</summary>
    public static readonly TimeSpan WebhookRetryFor = TimeSpan.FromSeconds(5);

    public AspireSystem System { get; private set; } = null!;

    /// <summary>The review date that had arrived when the system started (Europe/London), and the one still to come.</summary>
    public DateOnly Today { get; private set; }
    public DateOnly Later => Today.AddDays(90);

    public async Task InitializeAsync()
    {
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        System = await AspireSystem.StartAsync(portal: false, perResource: new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["integrations"] = new Dictionary<string, string>
            {
                ["Integrations__Delivery__FirstRetryAfter"] = "00:00:00.250",
                ["Integrations__Delivery__MaxRetryInterval"] = "00:00:01",
                ["Integrations__Delivery__RetryFor"] = WebhookRetryFor.ToString(),
                ["Integrations__Delivery__PollInterval"] = "00:00:00.100",
            },
            // Today's review arrived at midnight, before the service started; the other is still to come.
            ["governance"] = new Dictionary<string, string>
            {
                ["Reviews__Dates__0"] = Today.ToString("yyyy-MM-dd"),
                ["Reviews__Dates__1"] = Later.ToString("yyyy-MM-dd"),
                ["Reviews__CheckEvery"] = "00:00:00.500",
            },
            // A 200 MB 903 upload through the gateway on a busy machine takes longer than its default 30 s.
            ["gateway"] = new Dictionary<string, string> { ["Gateway__Timeout"] = "00:02:00" },
        });
    }

    public async Task DisposeAsync() => await System.DisposeAsync();
}

[CollectionDefinition(OwnSettingsSystem.Name)]
public sealed class OwnSettingsSystemCollection : ICollectionFixture<OwnSettingsSystem>;
