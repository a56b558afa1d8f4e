using Intervention.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Intervention.Messaging;

/// <summary>
/// A message type whose consumer keeps the inbox itself, in transactions of its own making (for example several messages
/// to one transaction): the <see cref="InboxFilter{T}"/> lets it through untouched. Registered as a singleton per type.
/// </summary>
public sealed record InboxKeptByConsumer(Type MessageType);

/// <summary>
/// Runs every consumer inside one database transaction that first records the message id for the
/// consumer's queue. A redelivered message finds its id already there and has no second effect; a
/// failed attempt rolls back both the effect and the record, so the retry starts clean.
/// </summary>
public sealed class InboxFilter<T>(ServiceDb db, TimeProvider clock, IEnumerable<InboxKeptByConsumer> keptByConsumer, ILogger<InboxFilter<T>> logger)
    : IFilter<ConsumeContext<T>> where T : class
{
    private static readonly Type Type = typeof(T);

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (keptByConsumer.Any(kept => kept.MessageType == Type))
        {
            await next.Send(context);
            return;
        }
        var ct = context.CancellationToken;
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(T).Name} arrived without a MessageId, so a redelivery could not be recognised.");
        var consumer = context.ReceiveContext.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "unknown";

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var first = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, received_at) VALUES ({messageId}, {consumer}, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING", ct);
        if (first == 0)
        {
            logger.LogInformation("{Consumer} already handled {MessageType} {MessageId}: redelivery ignored", consumer, typeof(T).Name, messageId);
            return; // the transaction rolls back on dispose; the message is acknowledged
        }
        try
        {
            await next.Send(context);
            AuditTrail.RecordConsumed(db, consumer, typeof(T).Name, messageId, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            PlatformMetrics.EventsConsumed.Add(1, new("event.type", typeof(T).Name), new("messaging.destination", consumer));
        }
        catch
        {
            PlatformMetrics.EventsFailed.Add(1, new("event.type", typeof(T).Name), new("messaging.destination", consumer));
            db.ChangeTracker.Clear(); // the next attempt must not save this attempt's half-made changes
            throw;
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("inbox");
}
