using Finance.API.Infrastructure;
using Finance.API.Resilience;
using Intervention.Contracts.Children;
using Intervention.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Finance.API.Forecast;

/// <summary>
/// A child came into care (queue <c>finance-child-became-looked-after</c>): a placement spell opens and the forecast
/// moves. The inbox makes a redelivery a no-op; a placement type finance has no unit cost for is refused to the
/// <c>_error</c> queue rather than counted at a guessed cost.
/// </summary>
public sealed class ChildBecameLookedAfterConsumer(FinanceDb db, ChildrenPlacements placements, Section114Watch section114, IOptions<UnitCosts> costs, TimeProvider clock,
    ILogger<ChildBecameLookedAfterConsumer> logger) : IConsumer<ChildBecameLookedAfter>
{
    public async Task Consume(ConsumeContext<ChildBecameLookedAfter> context)
    {
        var m = context.Message;
        PlacementEvents.Check(m.EventId, m.ChildRef, m.PlacementType, costs.Value);
        var years = await placements.ChangeAsync(m.ChildRef, m.StartedOn, nameof(ChildBecameLookedAfter), spells =>
        {
            var open = spells.SingleOrDefault(s => s.EndedOn is null);
            if (open is not null && open.StartedOn == m.StartedOn && open.PlacementType == m.PlacementType.Trim().ToUpperInvariant())
            {
                // The same fact reported again under another event id (a replay from the children's service): nothing new.
                logger.LogInformation("Child {ChildRef} is already recorded in {Type} from {StartedOn}: event {EventId} changes nothing",
                    m.ChildRef, open.PlacementType, open.StartedOn, m.EventId);
                return;
            }
            if (open is not null)
            {
                if (open.StartedOn >= m.StartedOn)
                    throw new PlacementEventRefusedException(m.EventId,
                        $"child {m.ChildRef} is already recorded in {open.PlacementType} from {open.StartedOn:yyyy-MM-dd}, not before {m.StartedOn:yyyy-MM-dd}");
                // A new period of care means the previous one ended, though its end was never reported.
                logger.LogWarning("Child {ChildRef} starts a new period of care on {StartedOn} while recorded in {Type} since {Since}: that spell ends there",
                    m.ChildRef, m.StartedOn, open.PlacementType, open.StartedOn);
                open.EndedOn = m.StartedOn;
                open.EndedBy = m.EventId;
            }
            spells.Add(PlacementEvents.Open(db, m.EventId, m.ChildRef, m.PlacementType, m.Stovewood, m.StartedOn, clock));
        }, context.CancellationToken);
        await PlacementEvents.CheckSection114Async(section114, years, context.CancellationToken);
    }
}

/// <summary>A looked-after child moved placement (queue <c>finance-placement-changed</c>): one spell ends and another opens.</summary>
public sealed class PlacementChangedConsumer(FinanceDb db, ChildrenPlacements placements, Section114Watch section114, IOptions<UnitCosts> costs, TimeProvider clock,
    ILogger<PlacementChangedConsumer> logger) : IConsumer<PlacementChanged>
{
    public async Task Consume(ConsumeContext<PlacementChanged> context)
    {
        var m = context.Message;
        PlacementEvents.Check(m.EventId, m.ChildRef, m.PlacementType, costs.Value);
        var years = await placements.ChangeAsync(m.ChildRef, m.ChangedOn, nameof(PlacementChanged), spells =>
        {
            var open = spells.SingleOrDefault(s => s.EndedOn is null);
            if (open is null)
                logger.LogWarning("Child {ChildRef} changed placement on {ChangedOn} but finance had no open placement for them: counted from that day",
                    m.ChildRef, m.ChangedOn);
            else if (m.ChangedOn < open.StartedOn)
                throw new PlacementEventRefusedException(m.EventId,
                    $"child {m.ChildRef}'s placement {open.PlacementType} started {open.StartedOn:yyyy-MM-dd}, after the change on {m.ChangedOn:yyyy-MM-dd}");
            else
            {
                open.EndedOn = m.ChangedOn;
                open.EndedBy = m.EventId;
            }
            spells.Add(PlacementEvents.Open(db, m.EventId, m.ChildRef, m.PlacementType, m.Stovewood, m.ChangedOn, clock));
        }, context.CancellationToken);
        await PlacementEvents.CheckSection114Async(section114, years, context.CancellationToken);
    }
}

/// <summary>A child left care (queue <c>finance-child-ceased-to-be-looked-after</c>): the open spell ends.</summary>
public sealed class ChildCeasedToBeLookedAfterConsumer(ChildrenPlacements placements, Section114Watch section114, ILogger<ChildCeasedToBeLookedAfterConsumer> logger)
    : IConsumer<ChildCeasedToBeLookedAfter>
{
    public async Task Consume(ConsumeContext<ChildCeasedToBeLookedAfter> context)
    {
        var m = context.Message;
        if (string.IsNullOrWhiteSpace(m.ChildRef)) throw new PlacementEventRefusedException(m.EventId, "childRef is empty");
        var years = await placements.ChangeAsync(m.ChildRef, m.CeasedOn, nameof(ChildCeasedToBeLookedAfter), spells =>
        {
            var open = spells.SingleOrDefault(s => s.EndedOn is null);
            if (open is null)
            {
                logger.LogWarning("Child {ChildRef} ceased to be looked after on {CeasedOn} but finance had no open placement for them: nothing to end",
                    m.ChildRef, m.CeasedOn);
                return;
            }
            if (m.CeasedOn < open.StartedOn)
                throw new PlacementEventRefusedException(m.EventId,
                    $"child {m.ChildRef}'s placement started {open.StartedOn:yyyy-MM-dd}, after they ceased to be looked after on {m.CeasedOn:yyyy-MM-dd}");
            open.EndedOn = m.CeasedOn;
            open.EndedBy = m.EventId;
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
            throw new PlacementEventRefusedException(eventId, $"placement type '{placementType}' has no unit cost in finance's configuration (Forecast:UnitCosts)");
    }

    public static PlacementSpellRecord Open(FinanceDb db, Guid eventId, string childRef, string placementType, bool stovewood, DateOnly from, TimeProvider clock)
    {
        var spell = new PlacementSpellRecord
        {
            Id = Guid.CreateVersion7(),
            ChildRef = childRef,
            PlacementType = placementType.Trim().ToUpperInvariant(),
            Stovewood = stovewood,
            StartedOn = from,
            StartedBy = eventId,
            RecordedAt = clock.GetUtcNow(),
        };
        db.PlacementSpells.Add(spell);
        return spell;
    }
}

/// <summary>A children's event finance cannot apply as it stands: refused to the queue's <c>_error</c> queue, with the reason.</summary>
public sealed class PlacementEventRefusedException(Guid eventId, string why) : MessageRefusedException($"Children's event {eventId} refused: {why}");
