using Intervention.Contracts.Children;
using Intervention.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Finance.API.Forecast;

/// <summary>
/// The children's placement events (queue <c>finance-children-placements</c>: a child came into care, moved placement, or
/// left care), each moving that child's placement spells and so the forecast. A child's spells are made from their
/// events in the order the children's service recorded them, whatever order they arrive in. Each is checked, then written
/// by <see cref="ForecastWriter"/> with the others arriving at the same moment, in one transaction with their inbox rows.
/// A redelivery is a no-op; a placement type finance has no unit cost for, or an event its child's spells refuse, goes to
/// the <c>_error</c> queue rather than being counted at a guess.
/// </summary>
public sealed class ChildrenPlacementsConsumer(ForecastWriter writer, IOptions<UnitCosts> costs, TimeProvider clock,
    ILogger<ChildrenPlacementsConsumer> logger)
    : IConsumer<ChildBecameLookedAfter>, IConsumer<PlacementChanged>, IConsumer<ChildCeasedToBeLookedAfter>
{
    public async Task Consume(ConsumeContext<ChildBecameLookedAfter> context)
    {
        var message = context.Message;
        CheckPlacement(message.EventId, message.ChildRef, message.PlacementType);
        var note = await WriteAsync(context, message.EventId, message.ChildRef, message.OccurredAt, PlacementEventKind.Start, message.StartedOn,
            message.PlacementType, message.Stovewood);
        if (note == SpellNote.AlreadyRecorded)
            logger.LogInformation("Child {ChildRef} is already recorded in {Type} from {StartedOn}: event {EventId} changes nothing",
                message.ChildRef, message.PlacementType, message.StartedOn, message.EventId);
        else if (note == SpellNote.PreviousPeriodEnded)
            logger.LogWarning("Child {ChildRef} starts a new period of care on {StartedOn} while a placement was open: that spell ends there",
                message.ChildRef, message.StartedOn);
    }

    public async Task Consume(ConsumeContext<PlacementChanged> context)
    {
        var message = context.Message;
        CheckPlacement(message.EventId, message.ChildRef, message.PlacementType);
        var note = await WriteAsync(context, message.EventId, message.ChildRef, message.OccurredAt, PlacementEventKind.Move, message.ChangedOn,
            message.PlacementType, message.Stovewood);
        if (note == SpellNote.NoOpenPlacement)
            logger.LogWarning("Child {ChildRef} changed placement on {ChangedOn} but finance had no open placement for them: counted from that day",
                message.ChildRef, message.ChangedOn);
    }

    public async Task Consume(ConsumeContext<ChildCeasedToBeLookedAfter> context)
    {
        var message = context.Message;
        if (string.IsNullOrWhiteSpace(message.ChildRef)) throw new PlacementEventRefusedException(message.EventId, "childRef is empty");
        var note = await WriteAsync(context, message.EventId, message.ChildRef, message.OccurredAt, PlacementEventKind.End, message.CeasedOn,
            null, message.Stovewood);
        if (note == SpellNote.NoOpenPlacement)
            logger.LogWarning("Child {ChildRef} ceased to be looked after on {CeasedOn} but finance had no open placement for them: nothing to end",
                message.ChildRef, message.CeasedOn);
    }

    private void CheckPlacement(Guid eventId, string childRef, string placementType)
    {
        if (string.IsNullOrWhiteSpace(childRef)) throw new PlacementEventRefusedException(eventId, "childRef is empty");
        if (costs.Value.Find(placementType ?? "") is null)
            throw new PlacementEventRefusedException(eventId,
                $"placement type '{placementType}' has no unit cost in finance's configuration (Forecast:UnitCosts)");
    }

    /// <summary>Writes the event with the others of its moment; the note of what it did, or null for a redelivery.</summary>
    private async Task<SpellNote?> WriteAsync<T>(ConsumeContext<T> context, Guid eventId, string childRef, DateTimeOffset occurredAt,
        PlacementEventKind kind, DateOnly on, string? placementType, bool stovewood) where T : class
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(T).Name} arrived without a MessageId, so a redelivery could not be recognised.");
        var consumer = context.ReceiveContext.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Last();
        var fact = new PlacementEventRecord
        {
            // To the microsecond, as PostgreSQL keeps it: an event then orders the same among its child's facts here as when loaded.
            EventId = eventId, ChildRef = childRef, OccurredAt = occurredAt.AddTicks(-(occurredAt.Ticks % TimeSpan.TicksPerMicrosecond)),
            Kind = kind, HappenedOn = on, PlacementType = placementType,
            Stovewood = stovewood, RecordedAt = clock.GetUtcNow(),
        };
        var outcome = await writer.WriteAsync(new PlacementEvent(messageId, consumer, typeof(T).Name, fact), context.CancellationToken);
        if (outcome.Refusal is { } why) throw new PlacementEventRefusedException(eventId, why);
        if (outcome.Kind == PlacementOutcomeKind.AlreadyHandled)
            logger.LogInformation("{Consumer} already handled {MessageType} {MessageId}: redelivery ignored", consumer, typeof(T).Name, messageId);
        return outcome.Kind == PlacementOutcomeKind.Applied ? outcome.Note : null;
    }
}

/// <summary>
/// The queue of the children's events is taken up to 64 messages at a time, so that <see cref="ForecastWriter"/> can write
/// those arriving together in one transaction. Order does not matter: a child's spells are made from their events in the
/// order the children's service recorded them (<see cref="PlacementSpells.Fold"/>), so any number of finance instances
/// may share the queue too.
/// </summary>
public sealed class ChildrenPlacementsConsumerDefinition : ConsumerDefinition<ChildrenPlacementsConsumer>
{
    private const int Concurrency = 64;

    public ChildrenPlacementsConsumerDefinition() => Endpoint(e =>
    {
        e.ConcurrentMessageLimit = Concurrency;
        e.PrefetchCount = Concurrency * 2;
    });
}

/// <summary>A children's event finance cannot apply as it stands: refused to the queue's <c>_error</c> queue, with the reason.</summary>
public sealed class PlacementEventRefusedException(Guid eventId, string why) : MessageRefusedException($"Children's event {eventId} refused: {why}");
