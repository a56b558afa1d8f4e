using System.Diagnostics;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Intervention.Bench;

/// <summary>
/// Events per second with durability (a placement change at the children's API: the episode and its event in one
/// transaction, the outbox relay publishing to RabbitMQ, finance's consumer recording the event id in its inbox with the
/// forecast's change) against the same number of messages of the same size published straight to RabbitMQ and consumed
/// without inbox or database, in the same run on the same broker: the ratio is what the durability costs. A third way,
/// the relay alone: rows already committed in the children's outbox, published to RabbitMQ with confirms and marked.
/// </summary>
public static class EventThroughput
{
    private static readonly string[] CpuParts =
        ["children", "finance", "integrations", "governance", "licensing", "gateway", "postgres", "rabbitmq"];

    public static async Task<int> RunAsync(Options options)
    {
        var events = options.Number("events", 2000);
        var rounds = options.Number("rounds", 2);
        var concurrency = options.Number("concurrency", 8);
        var report = new Report("event-throughput");
        report.Header("Event throughput: outbox and inbox against plain AMQP",
            $"{events} events per round, {rounds} rounds alternating durable and plain, {concurrency} concurrent senders in both, " +
            "children and finance services, one private RabbitMQ");

        // --log-sql: every service logs each SQL command with its time (EF Core's Database.Command at Information), to see
        // where an event's time goes; the figures of such a run are slower than without and are not for the table.
        await using var system = await BenchSystem.StartAsync(options.Text("log-sql", "off") == "on"
            ? new Dictionary<string, string> { ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information" }
            : null);
        using var children = system.Client(system.Address("children"));
        var placements = new Placements(children, system.Run);
        // More children than senders, so that a sender never waits for a child; enough that each moves at most
        // about 200 times (a day apart), so long runs stay within a few years of dates.
        var childrenCount = Math.Max(concurrency * 4, events * rounds / 200);
        await placements.RecordChildrenAsync(childrenCount);
        var baseline = await system.CountAsync("finance", "SELECT count(*) FROM inbox_messages");
        while (baseline < childrenCount)
        {
            await Task.Delay(250);
            baseline = await system.CountAsync("finance", "SELECT count(*) FROM inbox_messages");
        }

        var factory = new ConnectionFactory { Uri = new Uri(await system.BrokerAsync()) };
        await using var connection = await factory.CreateConnectionAsync();
        var sample =
            (string)(await system.RowsAsync("children", "SELECT body::text FROM outbox_messages ORDER BY sequence DESC LIMIT 1"))[0][0];
        var body = Encoding.UTF8.GetBytes(sample);

        report.Line("| round | durable events/s (API answers/s) | durable: last answer / last published / last in finance s | plain events/s | " +
                    "relay alone events/s | durable/plain | relay/plain |");
        report.Line("|---:|---:|---:|---:|---:|---:|---:|");
        var durableRates = new List<double>();
        var plainRates = new List<double>();
        var relayRates = new List<double>();
        var cpuLines = new List<string>();
        var idleLines = new List<string>();
        for (var round = 1; round <= rounds; round++)
        {
            var durable = await DurableAsync(system, placements, events, concurrency);
            var plain = await PlainAsync(connection, body, events, concurrency, $"bench-plain-{system.Run}-{round}");
            var relay = await RelayAloneAsync(system, events);
            durableRates.Add(durable.EventsPerSecond);
            plainRates.Add(plain);
            relayRates.Add(relay);
            cpuLines.Add($"| {round} | " + string.Join(" | ", CpuParts.Select(part => $"{durable.CpuMsPerEvent.GetValueOrDefault(part):0.00}")) +
                         $" | {CpuParts.Sum(part => durable.CpuMsPerEvent.GetValueOrDefault(part)):0.00} | " +
                         $"{durable.CpuMsPerEvent["idle, all parts (ms per second)"]:0} |");
            idleLines.Add($"| {round} | " + string.Join(" | ", CpuParts.Select(part => $"{durable.IdleMsPerSecond.GetValueOrDefault(part):0}")) +
                          $" | {CpuParts.Sum(part => durable.IdleMsPerSecond.GetValueOrDefault(part)):0} |");
            report.Line($"| {round} | {durable.EventsPerSecond:0} ({durable.AnswersPerSecond:0}) | " +
                        $"{durable.Answered:0.0} / {durable.Published:0.0} / {durable.Consumed:0.0} | {plain:0} | {relay:0} | " +
                        $"{durable.EventsPerSecond / plain:0.000} | {relay / plain:0.000} |");
        }
        report.Line();
        report.Line("CPU milliseconds per durable event, by part (from /proc, the round's start to its last event in finance's inbox, idle use " +
                    "included; the last column is what all parts used idle in the 5 s before the round; the bench's own senders not counted):");
        report.Line();
        report.Line("| round | " + string.Join(" | ", CpuParts) + " | all | idle, all parts: ms of CPU per second |");
        report.Line("|---:|" + string.Concat(CpuParts.Select(_ => "---:|")) + "---:|---:|");
        foreach (var line in cpuLines) report.Line(line);
        report.Line();
        report.Line("Idle, by part: milliseconds of CPU per second in the 5 s before each durable round:");
        report.Line();
        report.Line("| round | " + string.Join(" | ", CpuParts) + " | all |");
        report.Line("|---:|" + string.Concat(CpuParts.Select(_ => "---:|")) + "---:|");
        foreach (var line in idleLines) report.Line(line);
        report.Line();
        report.Line($"Median: durable **{Stats.Median(durableRates):0} events/s**, plain **{Stats.Median(plainRates):0} messages/s**, " +
                    $"relay alone **{Stats.Median(relayRates):0} events/s**; " +
                    $"ratio durable/plain **{Stats.Median(durableRates.Zip(plainRates, (d, p) => d / p)):0.000}**, " +
                    $"relay/plain **{Stats.Median(relayRates.Zip(plainRates, (r, p) => r / p)):0.000}**");
        report.Line();
        report.Line($"Durable: from the first change sent to the last event in finance's inbox, {concurrency} senders each sending its next change " +
                    $"when the last is answered. Plain: persistent messages of the same body ({body.Length} bytes) to a durable queue with publisher " +
                    $"confirms, {concurrency} publishers, one consumer acknowledging each, from the first publish to the last delivery. Both share the 2 " +
                    "cores with the bench; the durable path also pays the children's API, its transaction and PostgreSQL. The durable round's three times, " +
                    "from its first change: the last change answered, the last of its events the relay marked published, the last in finance's inbox. " +
                    "Relay alone: as many `KpisPublished` rows committed in the children's outbox in one statement (as a bulk load commits them; " +
                    "integrations' queue takes them), timed from the relay's first batch marked published to its last (the rows of the first batch not " +
                    "counted), so the relay's poll before it does not count.");
        report.Save();
        return 0;
    }

    /// <summary>
    /// The durable path with one instance of each service against two (the AppHost's <c>--replicas</c>): two children's
    /// instances behind one address, two relays taking turns per database, two finance consumers sharing its queue. Each
    /// count of instances gets a system of its own, started afresh, and the same rounds.
    /// </summary>
    public static async Task<int> ReplicasAsync(Options options)
    {
        var events = options.Number("events", 2000);
        var rounds = options.Number("rounds", 2);
        var concurrency = options.Number("concurrency", 8);
        var report = new Report("event-throughput-replicas");
        report.Header("Event throughput: one finance consumer against two",
            $"{events} events per round, {rounds} rounds per system, {concurrency} concurrent senders, " +
            "a system with one instance of each service then one with two");
        var rates = new Dictionary<int, List<double>>();
        var load = new Dictionary<int, string>();
        foreach (var replicas in new[] { 1, 2 })
        {
            await using var system = await BenchSystem.StartAsync(replicas: replicas);
            using var children = system.Client(system.Address("children"));
            var placements = new Placements(children, system.Run);
            var childrenCount = Math.Max(concurrency * 4, events * rounds / 200);
            await placements.RecordChildrenAsync(childrenCount);
            while (await system.CountAsync("finance", "SELECT count(*) FROM inbox_messages") < childrenCount) await Task.Delay(250);
            rates[replicas] = [];
            for (var round = 1; round <= rounds; round++) rates[replicas].Add((await DurableAsync(system, placements, events, concurrency)).EventsPerSecond);
            load[replicas] = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        report.Line("| instances of each service | durable events/s, each round | median | load average (1 min) at the end |");
        report.Line("|---:|---|---:|---:|");
        foreach (var (replicas, measured) in rates)
            report.Line($"| {replicas} | {string.Join(", ", measured.Select(rate => $"{rate:0}"))} | **{Stats.Median(measured):0}** | {load[replicas]} |");
        report.Line();
        report.Line($"Two against one: **{Stats.Median(rates[2]) / Stats.Median(rates[1]):0.00}x**. " +
                    "Durable as in the throughput benchmark: from the first change sent to the " +
                    "children's API to the last event in finance's inbox. Every instance shares the machine's cores with the others and the bench.");
        report.Save();
        return 0;
    }

    private sealed record DurableRound(double EventsPerSecond, double AnswersPerSecond, double Answered, double Published, double Consumed,
        IReadOnlyDictionary<string, double> CpuMsPerEvent, IReadOnlyDictionary<string, double> IdleMsPerSecond);

    private static async Task<DurableRound> DurableAsync(BenchSystem system, Placements placements, int events, int concurrency)
    {
        var before = await system.CountAsync("finance", "SELECT count(*) FROM inbox_messages");
        // What the parts use doing nothing (health checks, polls, telemetry) is taken first and reported beside: it is in
        // each part's figure too, spread over the round's events (subtracting it is not honest on a machine whose other
        // load changes from one second to the next).
        var idleFrom = system.CpuSeconds();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var cpuBefore = system.CpuSeconds();
        var idle = cpuBefore.ToDictionary(part => part.Key, part => (part.Value - idleFrom.GetValueOrDefault(part.Key)) / 5);
        var startedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref sent) <= events)
            {
                var change = await placements.MoveAsync();
                if (change is not { Ok: true }) Interlocked.Increment(ref failed);
            }
        })));
        var answered = clock.Elapsed.TotalSeconds;
        var expected = before + events - failed;
        while (await system.CountAsync("finance", "SELECT count(*) FROM inbox_messages") < expected)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
                throw new TimeoutException(
                    $"finance did not take {events - failed} events in 5 minutes (a refused one waits in finance-children-placements_error)");
            await Task.Delay(50);
        }
        // The last event's own time, not the poll's, ends the count.
        var cpu = system.CpuSeconds().ToDictionary(part => part.Key,
            part => (part.Value - cpuBefore.GetValueOrDefault(part.Key)) * 1000 / (events - failed));
        cpu["idle, all parts (ms per second)"] = idle.Values.Sum() * 1000;
        var last = (DateTime)(await system.RowsAsync("finance", "SELECT max(received_at) FROM inbox_messages"))[0][0];
        var seconds = (last.ToUniversalTime() - startedAt).TotalSeconds;
        var published = (DateTime)(await system.RowsAsync("children",
            "SELECT max(published_at) FROM outbox_messages WHERE message_type LIKE '%PlacementChanged'"))[0][0];
        if (failed > 0) Console.WriteLine($"{failed} changes failed and are not counted");
        return new DurableRound((events - failed) / seconds, (events - failed) / answered, answered,
            (published.ToUniversalTime() - startedAt).TotalSeconds, seconds, cpu,
            idle.ToDictionary(part => part.Key, part => part.Value * 1000));
    }

    /// <summary>
    /// The relay alone: <paramref name="events"/> rows committed in the children's outbox at once, published by its relay.
    /// Events per second from the first batch marked published to the last, not counting the first batch.
    /// </summary>
    private static async Task<double> RelayAloneAsync(BenchSystem system, int events)
    {
        var marker = DateTime.UtcNow.AddYears(-20).ToString("yyyy-MM-dd HH:mm:ss.ffffff+00");
        await system.RowsAsync("children", $"""
            INSERT INTO outbox_messages (id, message_type, body, created_at)
            SELECT id, 'Intervention.Contracts.Children.KpisPublished',
                   jsonb_build_object('eventId', id, 'occurredAt', now(), 'asAt', '2015-09-01', 'kpis', '[]'::jsonb), '{marker}'
            FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, {events})) g
            """);
        var clock = Stopwatch.StartNew();
        while (await system.CountAsync("children", $"SELECT count(*) FROM outbox_messages WHERE created_at = '{marker}' AND published_at IS NULL") > 0)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"the relay did not publish {events} rows in 5 minutes");
            await Task.Delay(50);
        }
        var firstBatch = $"SELECT min(published_at) FROM outbox_messages WHERE created_at = '{marker}'";
        var row = (await system.RowsAsync("children", $"""
            SELECT min(published_at), max(published_at), count(*) FILTER (WHERE published_at = ({firstBatch}))
            FROM outbox_messages WHERE created_at = '{marker}'
            """))[0];
        var seconds = ((DateTime)row[1] - (DateTime)row[0]).TotalSeconds;
        return (events - Convert.ToInt64(row[2])) / seconds;
    }

    private static async Task<double> PlainAsync(IConnection connection, byte[] body, int messages, int concurrency, string queue)
    {
        await using var consuming = await connection.CreateChannelAsync();
        await consuming.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await consuming.BasicQosAsync(0, 16, false);
        var received = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await consuming.BasicAckAsync(delivery.DeliveryTag, false);
            if (Interlocked.Increment(ref received) == messages) all.TrySetResult();
        };
        await consuming.BasicConsumeAsync(queue, autoAck: false, consumer);

        var clock = Stopwatch.StartNew();
        var sent = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            await using var publishing = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
            while (Interlocked.Increment(ref sent) <= messages)
            {
                properties.MessageId = Guid.NewGuid().ToString();
                await publishing.BasicPublishAsync("", queue, mandatory: false, properties, body);
            }
        })));
        await all.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var seconds = clock.Elapsed.TotalSeconds;
        await consuming.QueueDeleteAsync(queue);
        return messages / seconds;
    }
}
