using System.Text.Json;
using Intervention.Contracts;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Licensing.Http;
using RabbitMQ.Client;
using Xunit;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests;

/// <summary>
/// Nothing lost, nothing twice: the outbox across a broker outage (RabbitMQ stopped and started as ops would, with
/// Aspire's resource commands), the inbox across redelivery. On the shared system: each test counts its own rows.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class OutboxAndInboxTests(SharedSystem shared) : OutboxAndInboxCases(shared.System);

/// <summary>The same with two of every service: two relays per database, two consumers per queue.</summary>
[Collection(TwoReplicasSystem.Name)]
public sealed class OutboxAndInboxWithTwoReplicasTests(TwoReplicasSystem two) : OutboxAndInboxCases(two.System);

/// <summary>The tests of <see cref="OutboxAndInboxTests"/>, run on each system that derives a class from it.</summary>
public abstract class OutboxAndInboxCases(AspireSystem system)
{
    private AspireSystem System => system;

    [Fact]
    public async Task Directions_recorded_while_the_broker_is_down_are_delivered_once_each_when_it_returns()
    {
        var governance = System.Api<IGovernanceApi>();
        await WaitUntilAsync(async () => await System.CountAsync("governance", "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL") == 0,
            TimeSpan.FromSeconds(30), () => "governance's outbox never emptied before the test");

        var recorded = new List<Guid>();
        try
        {
            // Inside the try: a stop that fails part-way still leaves RabbitMQ to be started again.
            await System.StopResourceAsync("rabbitmq");
            for (var i = 0; i < 5; i++)
            {
                // The business change commits with the broker gone: the event waits in the outbox.
                recorded.Add((await governance.IssueDirectionsAsync(Directions(i))).Id);
            }
            // Its Directions wait in the outbox (other events may wait beside them and name them: governance re-checks earlier decisions).
            Assert.Equal(5, await System.CountAsync("governance", $"SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.DirectionsIssued' AND published_at IS NULL AND body->>'directionsId' IN ({Ids(recorded)})"));
            Assert.Equal(0, await System.CountAsync("licensing", $"SELECT count(*) FROM authority_assignments WHERE directions_id IN ({Ids(recorded)})"));
        }
        finally
        {
            await System.StartResourceAsync("rabbitmq");
        }

        await WaitUntilAsync(async () => await System.CountAsync("licensing", $"SELECT count(*) FROM authority_assignments WHERE directions_id IN ({Ids(recorded)})") == 5,
            TimeSpan.FromSeconds(60), () => $"licensing did not receive all 5 Directions after the broker returned.\n{System.Logs("governance", 15)}\n{System.Logs("licensing", 15)}");

        // Each event published once and had one effect. The relay marks a batch after the broker confirms it, so licensing
        // may record an event before its row is marked: wait for the mark rather than read it once.
        await WaitUntilAsync(async () => await System.CountAsync("governance", $"SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.DirectionsIssued' AND published_at IS NULL AND body->>'directionsId' IN ({Ids(recorded)})") == 0,
            TimeSpan.FromSeconds(30), () => $"governance's relay never marked its Directions published.\n{System.Logs("governance", 15)}");
        Assert.Equal(5, await System.CountAsync("governance", $"SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.DirectionsIssued' AND body->>'directionsId' IN ({Ids(recorded)})"));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(5, await System.CountAsync("licensing", $"SELECT count(*) FROM authority_assignments WHERE directions_id IN ({Ids(recorded)})"));
        // The latest effective of these Directions holds licensing from its day.
        var copied = await System.Api<ILicensingApi>().ListAuthorityAsync(DateTimeOffset.Parse("2016-02-05T12:00:00Z"));
        Assert.Equal(recorded.Last(), copied.Single().DirectionsId);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_has_one_effect()
    {
        // Published the way any AMQP client would (MassTransit's JSON envelope on the contract's
        // exchange), twice with the same message id, as a broker redelivery or a relay retry would.
        var messageId = Guid.NewGuid();
        var directionsId = Guid.NewGuid();
        var envelope = JsonSerializer.SerializeToUtf8Bytes(new
        {
            messageId,
            messageType = new[] { "urn:message:Intervention.Contracts.Governance:DirectionsIssued" },
            sentTime = DateTimeOffset.UtcNow,
            message = new DirectionsIssued
            {
                EventId = messageId,
                OccurredAt = DateTimeOffset.UtcNow,
                DirectionsId = directionsId,
                IssuedOn = new DateOnly(2016, 12, 1),
                IssuedBy = ["DCLG"],
                EffectiveFrom = DateTimeOffset.Parse("2016-12-01T00:00:00Z"),
                RecordedAt = DateTimeOffset.UtcNow,
                Assignments = [new() { Function = "licensing", Authority = Authority.Council, Oversight = Oversight.Advice }],
            },
        }, ContractJson.Options);

        var factory = new ConnectionFactory { Uri = new Uri(await System.ConnectionStringAsync("messaging")) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = messageId.ToString() };
            for (var i = 0; i < 2; i++)
                await channel.BasicPublishAsync("Intervention.Contracts.Governance:DirectionsIssued", "", mandatory: true, properties, envelope);
        }

        await WaitUntilAsync(() => System.Logs("licensing", 400).Split('\n').Any(l => l.Contains("redelivery ignored") && l.Contains(messageId.ToString())),
            TimeSpan.FromSeconds(20), () => $"licensing never reported the second delivery.\n{System.Logs("licensing")}");

        Assert.Equal(1, await System.CountAsync("licensing", $"SELECT count(*) FROM authority_assignments WHERE directions_id = '{directionsId}'"));
        Assert.Equal(1, await System.CountAsync("licensing", $"SELECT count(*) FROM inbox_messages WHERE message_id = '{messageId}'"));
        var inForce = await System.Api<ILicensingApi>().ListAuthorityAsync(DateTimeOffset.Parse("2016-12-01T00:00:00Z"));
        Assert.Equal(directionsId, inForce.Single().DirectionsId);
        // Neither delivery faulted: no fault logged, nothing in the error queue (MassTransit creates it on the first fault).
        Assert.DoesNotContain(System.Logs("licensing", 400).Split('\n'), l => l.Contains("R-FAULT") && l.Contains(messageId.ToString()));
        Assert.Equal(0u, await System.MessagesInQueueAsync("licensing-directions-issued_error"));
    }

    [Fact]
    public async Task Events_committed_together_reach_the_broker_in_the_order_they_were_recorded()
    {
        // The relay publishes a batch with its confirms outstanding together; the broker must still receive the rows in
        // their outbox order, or a child's later event could overtake an earlier one. A bulk load commits many at once:
        // 600 children's KPI events in one statement, so that the relay takes them in several full batches.
        var factory = new ConnectionFactory { Uri = new Uri(await System.ConnectionStringAsync("messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync($"test-order-{Guid.NewGuid():N}", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, "Intervention.Contracts.Children:KpisPublished", "");

        const int events = 600;
        var tag = $"order-{Guid.NewGuid():N}";
        Assert.Equal(events, await System.CountAsync("children", $"""
            WITH recorded AS (
                INSERT INTO outbox_messages (id, message_type, body, created_at)
                SELECT id, 'Intervention.Contracts.Children.KpisPublished',
                       jsonb_build_object('eventId', id, 'occurredAt', now(), 'asAt', '2015-09-01',
                                          'kpis', jsonb_build_array(jsonb_build_object('name', '{tag}', 'numerator', n, 'denominator', {events}))),
                       now()
                FROM (SELECT n, gen_random_uuid() AS id FROM generate_series(1, {events}) n) g
                RETURNING 1)
            SELECT count(*) FROM recorded
            """));

        var received = new List<Guid>();
        await WaitUntilAsync(async () =>
        {
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery) received.Add(Guid.Parse(delivery.BasicProperties.MessageId!));
            return received.Count >= events;
        }, TimeSpan.FromSeconds(60), () => $"the broker had {received.Count} of {events} events.\n{System.Logs("children", 20)}");

        // The KPI's numerator numbers the rows as recorded; the outbox holds them in that order (sequence) ...
        var inOrder = await System.CountAsync("children", $"""
            SELECT count(*) FROM (
                SELECT sequence, (body->'kpis'->0->>'numerator')::int AS n, row_number() OVER (ORDER BY sequence) AS position
                FROM outbox_messages WHERE body->'kpis'->0->>'name' = '{tag}') r
            WHERE n = position
            """);
        Assert.Equal(events, inOrder);
        // ... and the broker delivered each at its own position.
        var order = string.Join(",", received.Select(id => $"'{id}'"));
        Assert.Equal(events, received.Distinct().Count());
        Assert.Equal(events, await System.CountAsync("children", $"""
            SELECT count(*) FROM (
                SELECT (body->'kpis'->0->>'numerator')::int AS n, array_position(ARRAY[{order}]::uuid[], id) AS position
                FROM outbox_messages WHERE body->'kpis'->0->>'name' = '{tag}') r
            WHERE n = position
            """));
    }

    private static string Ids(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(id => $"'{id}'"));

    private static IssueDirectionsRequest Directions(int day) => new()
    {
        IssuedOn = new DateOnly(2016, 2, 1 + day),
        IssuedBy = ["DCLG"],
        EffectiveFrom = new DateTimeOffset(2016, 2, 1 + day, 0, 0, 0, TimeSpan.Zero),
        Assignments = [new() { Function = "licensing", Authority = day % 2 == 0 ? Authority.Commissioners : Authority.Council, Oversight = Oversight.None }],
    };
}
