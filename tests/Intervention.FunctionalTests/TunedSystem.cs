using Xunit;

namespace Intervention.FunctionalTests;

/// <summary>
/// One system with the settings a few tests need and the shared system must not have, none of which gets in another's way:
/// a quarterly review due today (and one in 90 days) checked every half second by governance, and a gateway that allows
/// 5 requests a minute per client and route and gives up on a service after 10 seconds (short, yet long enough for a
/// service's first answer on a busy machine). <c>[Collection(TunedSystem.Name)]</c>.
/// No test here records Directions, so the review announced at start names no function.
/// </summary>
public sealed class TunedSystem : IAsyncLifetime
{
    public const string Name = "the tuned system";
    public const int PermitsPerWindow = 5;

    public AspireSystem System { get; private set; } = null!;

    /// <summary>The review date that had arrived when the system started (Europe/London), and the one still to come.</summary>
    public DateOnly Today { get; private set; }
    public DateOnly Later => Today.AddDays(90);

    public async Task InitializeAsync()
    {
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        System = await AspireSystem.StartAsync(portal: false, perResource: new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            // Today's review arrived at midnight, before the service started; the other is still to come.
            ["governance"] = new Dictionary<string, string>
            {
                ["Reviews__Dates__0"] = Today.ToString("yyyy-MM-dd"),
                ["Reviews__Dates__1"] = Later.ToString("yyyy-MM-dd"),
                ["Reviews__CheckEvery"] = "00:00:00.500",
            },
            ["gateway"] = new Dictionary<string, string>
            {
                ["Gateway__Limits__PermitsPerWindow"] = PermitsPerWindow.ToString(),
                ["Gateway__Limits__Window"] = "00:01:00",
                ["Gateway__Timeout"] = "00:00:10",
            },
        });
    }

    public async Task DisposeAsync() => await System.DisposeAsync();
}

[CollectionDefinition(TunedSystem.Name)]
public sealed class TunedSystemCollection : ICollectionFixture<TunedSystem>;
