using Finance.API.Infrastructure;
using Finance.API.Monitoring;
using Intervention.Contracts.Finance;
using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Data;
using Intervention.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Finance.API.Forecast;

/// <summary>
/// The children's placement forecast over the recorded placement spells: read for a year, and re-made when a
/// children's event changes a child's spells, publishing <see cref="ForecastOutturnChanged"/> for every budgeted year
/// whose variance crosses a RAG boundary.
/// </summary>
public sealed class ChildrenPlacements(FinanceDb db, IOptions<UnitCosts> costs, IOptions<ForecastOptions> options, IOptions<RagThresholds> rag,
    TimeProvider clock, ILogger<ChildrenPlacements> logger)
{
    private readonly UnitCosts costs = costs.Value;
    private readonly ForecastOptions options = options.Value;
    private readonly RagThresholds rag = rag.Value;
    private const long ReforecastLock = 0x_F1A_0C57; // finance's placement reforecast; any constant not used elsewhere in this database

    public DateOnly Today => CouncilTime.DateOf(clock.GetUtcNow());

    public async Task<YearForecast> ForecastAsync(FinancialYear year, CancellationToken ct)
    {
        var spells = await SpellsAsync(year, year, null, ct);
        return PlacementForecast.For(year, spells, costs, Today);
    }

    /// <summary>Each year's forecast excluding Stovewood (what falls on the council's budget).</summary>
    public async Task<Dictionary<FinancialYear, decimal>> ForecastsExcludingStovewoodAsync(IReadOnlyList<FinancialYear> years, CancellationToken ct)
    {
        if (years.Count == 0) return [];
        var spells = await SpellsAsync(years.Min(), years.Max(), null, ct);
        return years.ToDictionary(y => y, y => PlacementForecast.For(y, spells, costs, Today).ForecastExcludingStovewood);
    }

    public async Task<decimal?> BudgetAsync(FinancialYear year, CancellationToken ct) =>
        (await Budgets.CurrentAsync(db, year: year.StartYear, costCentre: options.PlacementsCostCentre, ct: ct))
            .TryGetValue((year.StartYear, options.PlacementsCostCentre), out var budget) ? budget : null;

    /// <summary>
    /// Writes a group of children's events, in the order given, in the caller's transaction: each event's decision runs on
    /// its child's spells as the events before it left them, exactly as if each had its own transaction. For each budgeted
    /// year whose RAG an event moved, a <see cref="ForecastOutturnChanged"/> goes to the outbox. An event already in the
    /// inbox of <paramref name="consumer"/> changes nothing; a refused one changes nothing and is not put in the inbox, so
    /// that it can be replayed once its cause is put right. Saves; returns each event's outcome and the budgeted years
    /// whose forecast the group raised, for the section 114 test (a fall in demand cannot create that risk).
    /// </summary>
    public async Task<(IReadOnlyList<PlacementOutcome> Outcomes, IReadOnlyList<FinancialYear> Raised)> WriteAsync(
        IReadOnlyList<PlacementEvent> events, string consumer, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // One group at a time: two forecasting side by side would each miss the other's effect, and a RAG boundary crossed by
        // the two together would never be announced. Held until the caller's transaction ends.
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ReforecastLock})", ct);
        var ids = events.Select(e => e.MessageId).Distinct().ToList();
        var handled = (await db.Database.SqlQuery<Guid>(
                $"SELECT message_id AS \"Value\" FROM inbox_messages WHERE consumer = {consumer} AND message_id = ANY({ids.ToArray()})")
            .ToListAsync(ct)).ToHashSet();
        var fresh = events.Where(e => !handled.Contains(e.MessageId)).ToList();
        var childRefs = fresh.Select(e => e.Fact.ChildRef).Distinct().ToList();
        var spellsOf = (await db.PlacementSpells.Where(s => childRefs.Contains(s.ChildRef)).OrderBy(s => s.StartedOn).ToListAsync(ct))
            .GroupBy(s => s.ChildRef).ToDictionary(g => g.Key, g => g.ToList());
        var factsOf = (await db.Set<PlacementEventRecord>().AsNoTracking().Where(f => childRefs.Contains(f.ChildRef)).ToListAsync(ct))
            .GroupBy(f => f.ChildRef).ToDictionary(g => g.Key, g => g.ToList());
        var budgets = fresh.Count == 0 ? [] : (await Budgets.CurrentAsync(db, costCentre: options.PlacementsCostCentre,
                fromYear: fresh.Min(e => FinancialYear.Of(e.Fact.HappenedOn)).StartYear, ct: ct))
            .ToDictionary(b => new FinancialYear(b.Key.Year), b => b.Value);
        // Incremental: each budgeted year's nights are kept by type; an event moves them by what it did to its one child's
        // spells. A year is counted in full from every spell once, the first time an event falls in it while it is budgeted;
        // budgets and virements are never deleted, so a kept year stays budgeted and every later event moves it.
        var kept = budgets.Count == 0 ? [] : await KeptNightsAsync([.. budgets.Keys], now, ct);
        var forecast = budgets.Keys.ToDictionary(y => y, y => PlacementNights.ForecastExcludingStovewood(PlacementNights.Of(kept, y.StartYear), costs));

        var outcomes = new List<PlacementOutcome>(events.Count);
        var raised = new HashSet<FinancialYear>();
        var written = new HashSet<Guid>();
        string? directorate = null;
        foreach (var e in events)
        {
            if (handled.Contains(e.MessageId) || !written.Add(e.MessageId))
            {
                outcomes.Add(PlacementOutcome.AlreadyHandled);
                continue;
            }
            var spells = spellsOf.TryGetValue(e.Fact.ChildRef, out var loaded) ? loaded : spellsOf[e.Fact.ChildRef] = [];
            var facts = factsOf.TryGetValue(e.Fact.ChildRef, out var known) ? known : factsOf[e.Fact.ChildRef] = [];
            if (PlacementSpells.AlreadyKnown(facts, e.Fact))
            {
                outcomes.Add(PlacementOutcome.Applied(SpellNote.AlreadyRecorded)); // under another message id, or another event id
                continue;
            }
            var folded = PlacementSpells.Fold([.. facts, e.Fact], e.Fact.EventId, now);
            if (folded.Refused is { } broken)
            {
                written.Remove(e.MessageId);
                outcomes.Add(PlacementOutcome.Refused(broken.Detail ?? broken.Rule ?? "refused"));
                continue;
            }
            var spellsBefore = spells.Select(s => s.ToSpell()).ToList();
            var (added, removed) = PlacementSpells.Reconcile(spells, folded.Changes!.Spells);
            db.PlacementSpells.RemoveRange(removed);
            db.PlacementSpells.AddRange(added);
            facts.Add(e.Fact);
            db.Add(e.Fact);
            outcomes.Add(PlacementOutcome.Applied(folded.Changes.Note));
            var spellsAfter = spells.Select(s => s.ToSpell()).ToList();
            foreach (var (year, budget) in budgets.OrderBy(b => b.Key))
            {
                var moved = PlacementNights.Change(spellsBefore, spellsAfter, year);
                if (moved.Types.Count == 0) continue;
                db.AddRange(PlacementNights.Apply(kept, year.StartYear, moved));
                var (before, after) = (forecast[year], PlacementNights.ForecastExcludingStovewood(PlacementNights.Of(kept, year.StartYear), costs));
                forecast[year] = after;
                if (after > before) raised.Add(year);
                var (was, now_) = (rag.Of(budget, before), rag.Of(budget, after));
                if (was == now_) continue;
                directorate ??= await db.CostCentres.Where(c => c.Code == options.PlacementsCostCentre).Select(c => c.Directorate)
                    .FirstOrDefaultAsync(ct) ?? "";
                db.AddEvent(new ForecastOutturnChanged
                {
                    EventId = Guid.CreateVersion7(now),
                    OccurredAt = now,
                    Year = year.ToString(),
                    CostCentre = options.PlacementsCostCentre,
                    Directorate = directorate,
                    Budget = budget,
                    PreviousForecastOutturn = Math.Round(before, 2),
                    ForecastOutturn = Math.Round(after, 2),
                    Variance = Math.Round(after - budget, 2),
                    PreviousRag = was,
                    Rag = now_,
                    Cause = e.Cause,
                }, now);
                logger.LogInformation(
                    "Children's placements {Year}: forecast {Before:0.00} -> {After:0.00} against {Budget:0.00}, RAG {Was} -> {Now} ({Cause})",
                    year, before, after, budget, was, now_, e.Cause);
            }
        }

        // The inbox: one statement for the group's new message ids, written with their effects.
        if (written.Count > 0)
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO inbox_messages (message_id, consumer, received_at) SELECT unnest({written.ToArray()}), {consumer}, {now}", ct);
            foreach (var e in events.Where(e => written.Contains(e.MessageId)).DistinctBy(e => e.MessageId))
                AuditTrail.RecordConsumed(db, consumer, e.Cause, e.MessageId, now);
        }
        await db.SaveChangesAsync(ct);
        return (outcomes, raised.Order().ToList());
    }

    /// <summary>
    /// The kept nights of <paramref name="years"/> (tracked, so that the change is saved with the event), each year
    /// counted in full from every spell the first time it is needed: the full re-forecast, once per year.
    /// </summary>
    private async Task<List<PlacementNightsRecord>> KeptNightsAsync(IReadOnlyList<FinancialYear> years, DateTimeOffset now, CancellationToken ct)
    {
        var starts = years.Select(y => y.StartYear).ToList();
        var counted = await db.Set<PlacementNightsYear>().Where(y => starts.Contains(y.Year)).Select(y => y.Year).ToListAsync(ct);
        foreach (var year in years.Where(y => !counted.Contains(y.StartYear)))
            await RecountAsync(year, now, ct);
        return await db.Set<PlacementNightsRecord>().Where(n => starts.Contains(n.Year)).ToListAsync(ct);
    }

    /// <summary>Counts <paramref name="year"/>'s nights again from every spell and keeps them (the full re-forecast).</summary>
    public async Task RecountAsync(FinancialYear year, DateTimeOffset now, CancellationToken ct)
    {
        var nights = PlacementNights.Of(await SpellsAsync(year, year, null, ct), year);
        await db.Set<PlacementNightsRecord>().Where(n => n.Year == year.StartYear).ExecuteDeleteAsync(ct);
        await db.Set<PlacementNightsYear>().Where(y => y.Year == year.StartYear).ExecuteDeleteAsync(ct);
        db.Add(new PlacementNightsYear { Year = year.StartYear, CountedAt = now });
        db.AddRange(nights.Types.Select(t => new PlacementNightsRecord
        {
            Year = year.StartYear, PlacementType = t.Key, Nights = t.Value.Nights, StovewoodNights = t.Value.Stovewood,
        }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Spells that overlap <paramref name="first"/> to <paramref name="last"/>, without <paramref name="exceptChild"/>'s.</summary>
    private async Task<List<Spell>> SpellsAsync(FinancialYear first, FinancialYear last, string? exceptChild, CancellationToken ct)
    {
        var (start, end) = (first.Start, last.EndExclusive);
        var query = db.PlacementSpells.AsNoTracking().Where(s => s.StartedOn < end && (s.EndedOn == null || s.EndedOn > start));
        if (exceptChild is not null) query = query.Where(s => s.ChildRef != exceptChild);
        return (await query.ToListAsync(ct)).Select(s => s.ToSpell()).ToList();
    }
}
