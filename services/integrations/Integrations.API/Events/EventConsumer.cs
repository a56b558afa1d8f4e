using System.Diagnostics;
using System.Text.Json;
using Integrations.API.Deliveries;
using Integrations.API.Infrastructure;
using Intervention.Contracts;
using Intervention.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Integrations.API.Events;

/// <summary>
/// Takes one event contract from its own queue (<c>integrations-&lt;event&gt;</c>), stores it once and queues a delivery for
/// every subscription that asked for its type and whose owner may receive it, in the inbox's transaction: the publishing service only ever waits for the
/// broker, never for a subscriber. One closed type per contract is registered by reflection (<see cref="EventContracts"/>).
/// </summary>
public sealed class EventConsumer<T>(IntegrationsDb db, TimeProvider clock, DeliverySignal signal) : IConsumer<T> where T : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<T> context)
    {
        var ct = context.CancellationToken;
        var message = context.Message;
        var (eventId, occurredAt) = (message.EventId, message.OccurredAt);
        var type = typeof(T).FullName!;
        var source = EventContracts.SourceOf(message);
        var data = JsonSerializer.Serialize(message, ContractJson.Options);
        var traceparent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;
        var now = clock.GetUtcNow();

        // The inbox already drops a redelivered message; the event id also guards against the same event sent twice.
        var stored = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO events (event_id, type, source, occurred_at, data, traceparent, received_at)
            VALUES ({eventId}, {type}, {source}, {occurredAt}, {data}::json, {traceparent}, {now})
            ON CONFLICT (event_id) DO NOTHING
            """, ct);
        if (stored == 0) return;

        // Only to the subscriptions whose owner may receive it (a restricted event: the audience was in their token).
        var asked = await db.Subscriptions.AsNoTracking().Where(subscription => subscription.EventTypes.Contains(type))
            .Select(subscription => new { subscription.Id, subscription.Audiences }).ToListAsync(ct);
        var allowed = asked.Where(subscription => EventAudiences.MayReceive(typeof(T), subscription.Audiences.ToHashSet()))
            .Select(subscription => subscription.Id).ToArray();
        if (allowed.Length == 0) return; // stored for replays; no subscriber to queue a delivery for
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO deliveries (id, subscription_id, event_id, status, replay, created_at, attempts, next_attempt_at)
            SELECT gen_random_uuid(), s.id, {eventId}, 'Pending', false, {now}, 0, {now}
            FROM subscriptions s WHERE s.id = ANY ({allowed})
            """, ct);
        db.NotifyOnCommit(signal); // with the inbox's transaction: the worker finds the deliveries when it wakes
    }
}

/// <summary>Puts each <see cref="EventConsumer{T}"/> on its own queue, <c>integrations-&lt;event&gt;</c>.</summary>
public sealed class EventConsumerDefinition<T> : ConsumerDefinition<EventConsumer<T>> where T : class, IIntegrationEvent
{
    public EventConsumerDefinition() => EndpointName = EventContracts.QueueName(typeof(T));
}
