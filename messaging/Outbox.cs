using System.Diagnostics;
using System.Text.Json;
using Intervention.Contracts;
using Intervention.ServiceDefaults.Data;

namespace Intervention.Messaging;

/// <summary>The one way to publish an event: add it to the unit of work of the change it reports.</summary>
public static class Outbox
{
    /// <summary>
    /// Writes <paramref name="event"/> to the outbox in this DbContext's unit of work. It is published
    /// after <c>SaveChanges</c> commits (or the surrounding transaction does), and never if it rolls back.
    /// The event's type must be a contract in Intervention.Contracts.
    /// </summary>
    public static void AddEvent<T>(this ServiceDb db, T @event, DateTimeOffset createdAt) where T : class, IIntegrationEvent
    {
        if (typeof(T).Assembly != typeof(ContractJson).Assembly)
            throw new ArgumentException($"{typeof(T).FullName} is not a contract in Intervention.Contracts.", nameof(@event));
        db.OutboxMessages.Add(new OutboxMessage
        {
            // The event's own id is the message id, so a subscriber sees one id for the event and the envelope.
            Id = @event.EventId != Guid.Empty ? @event.EventId : Guid.CreateVersion7(createdAt),
            MessageType = typeof(T).FullName!,
            Body = JsonSerializer.Serialize(@event, ContractJson.Options),
            Traceparent = Activity.Current?.Id is { } id && Activity.Current.IdFormat == ActivityIdFormat.W3C ? id : null,
            CreatedAt = createdAt,
        });
    }


    /// <summary>The contract type an outbox row names, or null when no contract has that name.</summary>
    internal static Type? ContractType(string messageType) => typeof(ContractJson).Assembly.GetType(messageType, throwOnError: false);
}
