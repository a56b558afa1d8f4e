using Xunit;

namespace Intervention.FunctionalTests;

/// <summary>
/// The system with two instances of every service (the AppHost's <c>--replicas 2</c>): each service's two processes share
/// its database and its queues, and the gateway reaches both through the one address service discovery names. The gateway's
/// rate limit is lifted (as the gateway benchmark lifts it) so that thousands of placement changes can pass, and it waits
/// two minutes for an answer. The reliability tests run here as well as on their usual systems; no test here records the
/// Directions of February 2015, so none may rely on when the intervention began. <c>[Collection(TwoReplicasSystem.Name)]</c>.
/// </summary>
public sealed class TwoReplicasSystem : IAsyncLifetime
{
    public const string Name = "the system with two of every service";
    public const int Replicas = 2;

    public AspireSystem System { get; private set; } = null!;

    /// <summary>Today in Europe/London, a review date of this system's governance.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);

    public async Task InitializeAsync() => System = await AspireSystem.StartAsync(replicas: Replicas, portal: false, telemetry: false,
        perResource: new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            // Both governance instances look every half second for a review date that has arrived: today's has.
            ["governance"] = new Dictionary<string, string> { ["Reviews__Dates__0"] = Today.ToString("yyyy-MM-dd"), ["Reviews__CheckEvery"] = "00:00:00.500" },
            ["gateway"] = new Dictionary<string, string> { ["Gateway__Limits__PermitsPerWindow"] = "10000000", ["Gateway__Timeout"] = "00:02:00" },
        });

    public async Task DisposeAsync() => await System.DisposeAsync();
}

[CollectionDefinition(TwoReplicasSystem.Name)]
public sealed class TwoReplicasSystemCollection : ICollectionFixture<TwoReplicasSystem>;
