using Finance.API.Infrastructure;
using Finance.API.Resilience;
using Intervention.Contracts.Children;
using Intervention.Messaging;
using Intervention.ServiceDefaults.Http;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Finance.API.Forecast;

/// <summary>
/// A child came into care (queue <c>finance-child-became-looked-after</c>): a placement spell opens and the forecast
/// moves. The inbox makes a redelivery a no-op; a placement type finance has no unit cost for is refused to the
/// <c>_error</c> queue rather than counted at a guessed cost.
/// </summary>
public sealed class ChildBecameLookedAfterConsumer(FinanceDb db, ChildrenPlacements placements, Section114Watch section114,
    IOptions<UnitCosts> costs, TimeProvider clock, ILogger<ChildBecameLookedAfterConsumer> logger) : IConsumer<ChildBecameLookedAfter>
{
    public async Task Consume(ConsumeContext<ChildBecameLookedAfter> context)
    {
        var message = context.Message;
        PlacementEvents.Check(message.EventId, message.ChildRef, message.PlacementType, costs.Value);
        var years = await placements.ChangeAsync(message.ChildRef, message.StartedOn, nameof(ChildBecameLookedAfter), spells =>
        {
            var change = PlacementEvents.Apply(db, spells, message.EventId, PlacementSpells.Start(spells, message.EventId, message.ChildRef,
                message.PlacementType, message.Stovewood, message.StartedOn, clock.GetUtcNow()));
            if (change.Note == SpellNote.AlreadyRecorded)
                logger.LogInformation("Child {ChildRef} is already recorded in {Type} from {StartedOn}: event {EventId} changes nothing",
                    message.ChildRef, message.PlacementType, message.StartedOn, message.EventId);
            else if (change.Note == SpellNote.PreviousPeriodEnded)
                logger.LogWarning("Child {ChildRef} starts a new period of care on {StartedOn} while a placement was open: that spell ends there",
                    message.ChildRef, message.StartedOn);
        }, context.CancellationToken);
        await PlacementEvents.CheckSection114Async(section114, years, context.CancellationToken);
    }
}

/// <summary>A looked-after child moved placement (queue <c>finance-placement-changed</c>): one spell ends and another opens.</summary>
public sealed class PlacementChangedConsumer(FinanceDb db, ChildrenPlacements placements, Section114Watch section114,
    IOptions<UnitCosts> costs, TimeProvider clock, ILogger<PlacementChangedConsumer> logger) : IConsumer<PlacementChanged>
{
    public async Task Consume(ConsumeContext<PlacementChanged> context)
    {
        var message = context.Message;
        PlacementEvents.Check(message.EventId, message.ChildRef, message.PlacementType, costs.Value);
        var years = await placements.ChangeAsync(message.ChildRef, message.ChangedOn, nameof(PlacementChanged), spells =>
        {
            var change = PlacementEvents.Apply(db, spells, message.EventId, PlacementSpells.Move(spells, message.EventId, message.ChildRef,
                message.PlacementType, message.Stovewood, message.ChangedOn, clock.GetUtcNow()));
            if (change.Note == SpellNote.NoOpenPlacement)
                logger.LogWarning("Child {ChildRef} changed placement on {ChangedOn} but finance had no open placement for them: counted from that day",
                    message.ChildRef, message.ChangedOn);
        }, context.CancellationToken);
        await PlacementEvents.CheckSection114Async(section114, years, context.CancellationToken);
    }
}

/// <summary>A child left care (queue <c>finance-child-ceased-to-be-looked-after</c>): the open spell ends.</summary>
public sealed class ChildCeasedToBeLookedAfterConsumer(FinanceDb db, ChildrenPlacements placements, Section114Watch section114,
    ILogger<ChildCeasedToBeLookedAfterConsumer> logger) : IConsumer<ChildCeasedToBeLookedAfter>
{
    public async Task Consume(ConsumeContext<ChildCeasedToBeLookedAfter> context)
    {
        var message = context.Message;
        if (string.IsNullOrWhiteSpace(message.ChildRef)) throw new PlacementEventRefusedException(message.EventId, "childRef is empty");
        var years = await placements.ChangeAsync(message.ChildRef, message.CeasedOn, nameof(ChildCeasedToBeLookedAfter), spells =>
        {
            var change = PlacementEvents.Apply(db, spells, message.EventId, PlacementSpells.End(spells, message.EventId, message.ChildRef, message.CeasedOn));
            if (change.Note == SpellNote.NoOpenPlacement)
                logger.LogWarning("Child {ChildRef} ceased to be looked after on {CeasedOn} but finance had no open placement for them: nothing to end",
                    message.ChildRef, message.CeasedOn);
        }, context.CancellationToken);
        await PlacementEvents.CheckSection114Async(section114, years, context.CancellationToken);
    }
}

/// <summary>
/// Each children's event queue is taken one message at a time, in the order the broker holds it (the outbox relay's
/// order, which is the order the children's service recorded them): a child's placement change ends the spell the one
/// before it opened, so two of one child's changes handled side by side could be applied the wrong way round and the
/// later refused. Finance loses no speed by it: every change forecasts under one lock anyway
/// (<see cref="ChildrenPlacements.ChangeAsync"/>). The prefetch keeps the next messages at hand while one is handled.
/// </summary>
public sealed class ChildrenEventConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    public ChildrenEventConsumerDefinition() => Endpoint(e =>
    {
        e.ConcurrentMessageLimit = 1;
        e.PrefetchCount = 32;
    });
}

internal static class PlacementEvents
{
    /// <summary>Demand raised the forecast of these years: make the section 114 test again for each.</summary>
    public static async Task CheckSection114Async(Section114Watch watch, IReadOnlyList<FinancialYear> years, CancellationToken ct)
    {
        foreach (var year in years) await watch.CheckAsync(year, ct);
    }

    public static void Check(Guid eventId, string childRef, string placementType, UnitCosts costs)
    {
        if (string.IsNullOrWhiteSpace(childRef)) throw new PlacementEventRefusedException(eventId, "childRef is empty");
        if (costs.Find(placementType ?? "") is null)
            throw new PlacementEventRefusedException(eventId,
                $"placement type '{placementType}' has no unit cost in finance's configuration (Forecast:UnitCosts)");
    }

    /// <summary>Saves what <paramref name="decided"/> opened with the child's spells, or refuses the event by the rule it broke.</summary>
    public static SpellChange Apply(FinanceDb db, List<PlacementSpellRecord> spells, Guid eventId, Decision<SpellChange> decided)
    {
        if (decided.Refused is { } broken) throw new PlacementEventRefusedException(eventId, broken.Detail ?? broken.Rule ?? "refused");
        if (decided.Changes!.Opened is { } opened)
        {
            db.PlacementSpells.Add(opened);
            spells.Add(opened);
        }
        return decided.Changes;
    }
}

/// <summary>A children's event finance cannot apply as it stands: refused to the queue's <c>_error</c> queue, with the reason.</summary>
public sealed class PlacementEventRefusedException(Guid eventId, string why) : MessageRefusedException($"Children's event {eventId} refused: {why}");
