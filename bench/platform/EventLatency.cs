using System.Diagnostics;

namespace Intervention.Bench;

/// <summary>
/// From the children's API answering a placement change (<c>POST /api/children/{id}/episodes</c>, reason P) to finance
/// having taken its event: the outbox relays <c>PlacementChanged</c> to RabbitMQ, finance's consumer records the event id
/// in its inbox and re-makes the forecast in the same transaction. Changes are offered at a steady rate (open loop: a
/// slow answer does not delay the next change), and the report says what rate the machine actually sustained.
/// </summary>
public static class EventLatency
{
    public static async Task<int> RunAsync(Options options)
    {
        var rates = options.Numbers("rates", "50,200");
        var seconds = options.Number("seconds", 15);
        var childrenCount = options.Number("children", 400);
        var report = new Report("event-latency");
        report.Header("Event latency: placement change to finance",
            $"rates {string.Join(" and ", rates)} changes/s, {seconds} s each, {childrenCount} children moved in turn, children and finance services");

        await using var system = await BenchSystem.StartAsync();
        using var children = system.Client(system.Address("children"));
        var placements = new Placements(children, system.Run);
        var setup = Stopwatch.StartNew();
        await placements.RecordChildrenAsync(childrenCount);
        Console.WriteLine($"{childrenCount} children recorded and in care in {setup.Elapsed.TotalSeconds:0.0} s");
        await WaitForFinanceAsync(system, childrenCount, TimeSpan.FromSeconds(120));

        report.Line("| offered changes/s | answered changes/s | changes (failed, skipped: no free child) | API answer p50 / p99 ms | " +
                    "answer -> finance inbox p50 ms | p99 ms | max ms | of which answer -> published by the outbox p50 / p99 ms | " +
                    "published -> inbox p50 / p99 ms | not consumed after 60 s |");
        report.Line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var rate in rates)
        {
            var total = rate * seconds;
            var changes = new List<Task<(Placements.Change? Change, double Ms)>>(total);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / rate);
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
                changes.Add(TimedMoveAsync(placements));
            }
            var offeredFor = clock.Elapsed.TotalSeconds;
            var done = await Task.WhenAll(changes);
            var answeredFor = clock.Elapsed.TotalSeconds;
            var answered = done.Where(d => d.Change is { Ok: true }).ToList();
            var failed = done.Count(d => d.Change is { Ok: false });
            var skipped = done.Count(d => d.Change is null);

            // Wait until finance has taken every answered change (or 60 s), then read both databases once.
            var waited = Stopwatch.StartNew();
            Dictionary<(string, string), (DateTime? Published, DateTime? Consumed)> times;
            while (true)
            {
                times = await Placements.TimesAsync(system);
                if (answered.All(a => times.TryGetValue((a.Change!.ChildRef, a.Change.ChangedOn), out var t) && t.Consumed is not null) ||
                    waited.Elapsed > TimeSpan.FromSeconds(60)) break;
                await Task.Delay(500);
            }
            var traced = answered.Select(a => (a.Change!, Times: times.GetValueOrDefault((a.Change!.ChildRef, a.Change.ChangedOn)))).ToList();
            var latencies = traced.Where(t => t.Times.Consumed is not null)
                .Select(t => (t.Times.Consumed!.Value - t.Item1.AnsweredAt).TotalMilliseconds).Order().ToList();
            var relayed = traced.Where(t => t.Times.Published is not null)
                .Select(t => (t.Times.Published!.Value - t.Item1.AnsweredAt).TotalMilliseconds).Order().ToList();
            var delivered = traced.Where(t => t.Times is { Published: not null, Consumed: not null })
                .Select(t => (t.Times.Consumed!.Value - t.Times.Published!.Value).TotalMilliseconds).Order().ToList();
            var api = answered.Select(a => a.Ms).Order().ToList();
            report.Line($"| {total / offeredFor:0} | {answered.Count / answeredFor:0} | {answered.Count} ({failed}, {skipped}) | " +
                        $"{Stats.Percentile(api, 50):0} / {Stats.Percentile(api, 99):0} | " +
                        $"**{Stats.Percentile(latencies, 50):0}** | **{Stats.Percentile(latencies, 99):0}** | {latencies.LastOrDefault():0} | " +
                        $"{Stats.Percentile(relayed, 50):0} / {Stats.Percentile(relayed, 99):0} | " +
                        $"{Stats.Percentile(delivered, 50):0} / {Stats.Percentile(delivered, 99):0} | {answered.Count - latencies.Count} |");
        }
        report.Line();
        report.Line("Latency: finance's `inbox_messages.received_at` (the consumer's transaction that re-makes the forecast starts) minus the moment " +
                    "the bench had the 201; the same clock (one machine). Split at the outbox row's `published_at` (the relay had RabbitMQ's confirm). " +
                    "Negative values would mean the event overtook the answer on its way back. " +
                    "Answered changes/s below the offered rate means the machine could not keep it: the changes queued up in the children's service.");
        report.Save();
        return 0;
    }

    private static async Task<(Placements.Change?, double)> TimedMoveAsync(Placements placements)
    {
        await Task.Yield(); // the schedule loop goes on at once
        var clock = Stopwatch.StartNew();
        var change = await placements.MoveAsync();
        return (change, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Finance must have taken every child's coming into care before changes are timed, or the backlog is measured too.</summary>
    private static async Task WaitForFinanceAsync(BenchSystem system, int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (await system.CountAsync("finance", "SELECT count(*) FROM inbox_messages") < count)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"finance took fewer than {count} events in {timeout.TotalSeconds:0} s");
            await Task.Delay(250);
        }
    }
}
