using System.Diagnostics;

namespace Intervention.Bench;

/// <summary>
/// The same read (licensing's <c>GET /api/licences?at=2015-09-01</c>) called directly on the service and through the gateway,
/// at the same concurrency, in alternating rounds (direct, gateway, direct, gateway ...) so that the machine's drift falls on
/// both: the gateway's cost is the ratio of the throughputs and the latency it adds at p50 and p99.
/// </summary>
public static class GatewayOverhead
{
    private const string Read = "api/licences?at=2015-09-01";

    public static async Task<int> RunAsync(Options options)
    {
        var concurrency = options.Number("concurrency", 16);
        var seconds = options.Number("seconds", 6);
        var rounds = options.Number("rounds", 4);
        var warmUp = options.Number("warmup", 8);
        var report = new Report("gateway-overhead");
        report.Header("Gateway overhead",
            $"`GET /api/licences?at=2015-09-01` on licensing, {concurrency} concurrent clients, {rounds} rounds of {seconds} s each way, " +
            $"alternating direct and gateway, after {warmUp} s of warm-up each way");

        await using var system = await BenchSystem.StartAsync();
        using var direct = system.Client(system.Address("licensing"));
        using var viaGateway = system.Client(new Uri(system.Gateway, "licensing/"));

        // Both paths must answer the same thing before their speed means anything.
        foreach (var client in new[] { direct, viaGateway })
        {
            using var response = await client.GetAsync(Read);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{client.BaseAddress}{Read} answered {(int)response.StatusCode}");
        }
        // Long enough for tiered compilation to settle in all three processes: the first seconds run unoptimised code.
        await LoadAsync(direct, concurrency, TimeSpan.FromSeconds(warmUp));
        await LoadAsync(viaGateway, concurrency, TimeSpan.FromSeconds(warmUp));

        var directRounds = new List<Round>();
        var gatewayRounds = new List<Round>();
        report.Line("| round | direct req/s | gateway req/s | ratio gateway/direct | direct p50 / p99 ms | gateway p50 / p99 ms |");
        report.Line("|---:|---:|---:|---:|---:|---:|");
        for (var i = 1; i <= rounds; i++)
        {
            var a = await LoadAsync(direct, concurrency, TimeSpan.FromSeconds(seconds));
            var b = await LoadAsync(viaGateway, concurrency, TimeSpan.FromSeconds(seconds));
            directRounds.Add(a);
            gatewayRounds.Add(b);
            report.Line($"| {i} | {a.PerSecond:0} | {b.PerSecond:0} | {b.PerSecond / a.PerSecond:0.00} | " +
                        $"{a.P(50):0.0} / {a.P(99):0.0} | {b.P(50):0.0} / {b.P(99):0.0} |");
        }

        var ratio = Stats.Median(directRounds.Zip(gatewayRounds, (a, b) => b.PerSecond / a.PerSecond));
        var all = (Direct: Round.Merge(directRounds), Gateway: Round.Merge(gatewayRounds));
        report.Line();
        report.Line($"Throughput, median of rounds: direct {Stats.Median(directRounds.Select(r => r.PerSecond)):0} req/s, " +
                    $"gateway {Stats.Median(gatewayRounds.Select(r => r.PerSecond)):0} req/s; " +
                    $"gateway/direct ratio (median of pairs) **{ratio:0.00}**");
        // Added latency pair by pair (each gateway round against the direct round just before it), so drift between rounds cancels.
        var addedP50 = Stats.Median(directRounds.Zip(gatewayRounds, (a, b) => b.P(50) - a.P(50)));
        var addedP99 = Stats.Median(directRounds.Zip(gatewayRounds, (a, b) => b.P(99) - a.P(99)));
        report.Line($"Added latency, median of the pairs: **p50 {addedP50:+0.00;-0.00} ms, p99 {addedP99:+0.00;-0.00} ms**");
        report.Line($"Latency over all rounds pooled: direct p50 {all.Direct.P(50):0.00} ms, p99 {all.Direct.P(99):0.00} ms; " +
                    $"gateway p50 {all.Gateway.P(50):0.00} ms, p99 {all.Gateway.P(99):0.00} ms");
        report.Line($"Requests: direct {all.Direct.Count:N0} ({all.Direct.Failures} failed), gateway {all.Gateway.Count:N0} ({all.Gateway.Failures} failed)");
        report.Line();
        report.Line("The load generator runs on the same 2 cores as the service and the gateway: the gateway's own CPU is taken from the service, " +
                    "so the throughput ratio is the cost of the hop on this machine, not on a deployment where the gateway has its own cores.");
        report.Save();
        return 0;
    }

    /// <summary><paramref name="concurrency"/> clients each sending the read again as soon as the last answered, for <paramref name="duration"/>.</summary>
    private static async Task<Round> LoadAsync(HttpClient client, int concurrency, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(50_000);
            var failures = 0;
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                try
                {
                    using var response = await client.GetAsync(Read, HttpCompletionOption.ResponseContentRead);
                    if (!response.IsSuccessStatusCode) failures++;
                }
                catch (HttpRequestException)
                {
                    failures++;
                }
                latencies.Add((clock.Elapsed - started).TotalMilliseconds);
            }
            return (latencies, failures);
        })).ToList();
        var results = await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = results.SelectMany(r => r.latencies).Order().ToList();
        return new Round(all, results.Sum(r => r.failures), all.Count / elapsed);
    }

    private sealed record Round(List<double> SortedLatencies, int Failures, double PerSecond)
    {
        public int Count => SortedLatencies.Count;
        public double P(double p) => Stats.Percentile(SortedLatencies, p);
        public static Round Merge(List<Round> rounds) =>
            new(rounds.SelectMany(r => r.SortedLatencies).Order().ToList(), rounds.Sum(r => r.Failures), rounds.Average(r => r.PerSecond));
    }
}
