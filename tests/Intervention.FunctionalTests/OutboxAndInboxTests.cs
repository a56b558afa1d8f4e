using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Intervention.Contracts;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Npgsql;
using RabbitMQ.Client;
using Xunit;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests;

/// <summary>Nothing lost, nothing twice: the outbox across a broker outage, the inbox across redelivery.</summary>
public sealed class OutboxAndInboxTests
{
    [Fact]
    public async Task Directions_recorded_while_the_broker_is_down_are_delivered_once_each_when_it_returns()
    {
        await using var system = await RunningSystem.StartAsync("governance", "licensing");

        await system.Broker.StopAsync();
        var recorded = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            // The business change commits with the broker gone: the event waits in the outbox.
            using var response = await system["governance"].Http.PostAsJsonAsync("api/directions", Directions(i), ContractJson.Options);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            recorded.Add((await response.Content.ReadFromJsonAsync<DirectionsRecorded>(ContractJson.Options))!.Id);
        }
        Assert.Equal(5, await system.CountAsync("governance", "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL"));
        Assert.Equal(0, await system.CountAsync("licensing", "SELECT count(*) FROM authority_assignments"));

        await system.Broker.StartAsync();
        await WaitUntilAsync(async () => await system.CountAsync("licensing", "SELECT count(*) FROM authority_assignments") == 5,
            TimeSpan.FromSeconds(60), () => $"licensing did not receive all 5 Directions after the broker returned.\n{system["governance"].Tail(15)}\n{system["licensing"].Tail(15)}");

        // Each event published once and had one effect.
        Assert.Equal(0, await system.CountAsync("governance", "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL"));
        Assert.Equal(5, await system.CountAsync("governance", "SELECT count(*) FROM outbox_messages"));
        Assert.Equal(5, await system.CountAsync("licensing", "SELECT count(*) FROM inbox_messages"));
        var copied = await DirectionsReachEveryServiceTests.AuthorityAsync(system["licensing"], null);
        Assert.Equal(recorded.Last(), copied.Single().DirectionsId); // the latest effective Directions holds licensing
    }

    [Fact]
    public async Task The_same_message_delivered_twice_has_one_effect()
    {
        await using var system = await RunningSystem.StartAsync("licensing");

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

        var factory = new ConnectionFactory { Uri = new Uri(system.Broker.ConnectionString) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = messageId.ToString() };
            for (var i = 0; i < 2; i++)
                await channel.BasicPublishAsync("Intervention.Contracts.Governance:DirectionsIssued", "", mandatory: true, properties, envelope);
        }

        await WaitUntilAsync(async () => system["licensing"].Output.Any(l => l.Contains("redelivery ignored") && l.Contains(messageId.ToString())),
            TimeSpan.FromSeconds(20), () => $"licensing never reported the second delivery.\n{system["licensing"].Tail()}");

        Assert.Equal(1, await system.CountAsync("licensing", $"SELECT count(*) FROM authority_assignments WHERE directions_id = '{directionsId}'"));
        Assert.Equal(1, await system.CountAsync("licensing", $"SELECT count(*) FROM inbox_messages WHERE message_id = '{messageId}'"));
        var inForce = await DirectionsReachEveryServiceTests.AuthorityAsync(system["licensing"], null);
        Assert.Equal(new AuthorityInForce("licensing", Authority.Council, Oversight.Advice, DateTimeOffset.Parse("2016-12-01T00:00:00Z"), directionsId), inForce.Single());
        // Neither delivery faulted: no fault logged, nothing in the error queue (MassTransit creates it on the first fault).
        Assert.DoesNotContain(system["licensing"].Output, l => l.Contains("R-FAULT"));
        Assert.Equal(0u, await system.MessagesInQueueAsync("licensing-directions-issued_error"));
    }

    private static IssueDirectionsRequest Directions(int day) => new()
    {
        IssuedOn = new DateOnly(2016, 2, 1 + day),
        IssuedBy = ["DCLG"],
        EffectiveFrom = new DateTimeOffset(2016, 2, 1 + day, 0, 0, 0, TimeSpan.Zero),
        Assignments = [new() { Function = "licensing", Authority = day % 2 == 0 ? Authority.Commissioners : Authority.Council, Oversight = Oversight.None }],
    };
}
