using Finance.API.Infrastructure;
using Finance.API.Monitoring;
using Intervention.Contracts.Finance;
using Intervention.ServiceDefaults;
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
    /// Runs <paramref name="change"/> on one child's spells (tracked: add new ones to the list and the DbContext) and
    /// writes a <see cref="ForecastOutturnChanged"/> to the outbox for each budgeted year from <paramref name="from"/>'s
    /// whose RAG the change moved, saving in the caller's unit of work (the inbox's transaction). Returns the budgeted years
    /// whose forecast the change raised, for the section 114 test (a fall in demand cannot create that risk).
    /// </summary>
    public async Task<IReadOnlyList<FinancialYear>> ChangeAsync(
        string childRef, DateOnly from, string cause, Action<List<PlacementSpellRecord>> change, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // One change at a time: two children's events forecast side by side would each miss the other's effect, and a
        // RAG boundary crossed by the two together would never be announced. Held until the inbox's transaction ends.
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ReforecastLock})", ct);
        var child = await db.PlacementSpells.Where(s => s.ChildRef == childRef).OrderBy(s => s.StartedOn).ToListAsync(ct);
        var firstYear = FinancialYear.Of(from);
        var budgets = (await Budgets.CurrentAsync(db, costCentre: options.PlacementsCostCentre, fromYear: firstYear.StartYear, ct: ct))
            .ToDictionary(b => new FinancialYear(b.Key.Year), b => b.Value);

        // Incremental: each budgeted year's nights are kept by type; the change moves them by what it did to this one
        // child's spells. A year is counted in full from every spell once, the first time an event falls in it while it is
        // budgeted; budgets and virements are never deleted, so a kept year stays budgeted and every later event moves it.
        if (budgets.Count == 0)
        {
            change(child);
            await db.SaveChangesAsync(ct);
            return [];
        }

        var kept = await KeptNightsAsync([.. budgets.Keys], now, ct);
        var spellsBefore = child.Select(s => s.ToSpell()).ToList();
        var before = budgets.Keys.ToDictionary(y => y, y => PlacementNights.ForecastExcludingStovewood(PlacementNights.Of(kept, y.StartYear), costs));
        change(child);
        var spellsAfter = child.Select(s => s.ToSpell()).ToList();
        foreach (var year in budgets.Keys)
            db.AddRange(PlacementNights.Apply(kept, year.StartYear, PlacementNights.Change(spellsBefore, spellsAfter, year)));
        await db.SaveChangesAsync(ct);
        var after = budgets.Keys.ToDictionary(y => y, y => PlacementNights.ForecastExcludingStovewood(PlacementNights.Of(kept, y.StartYear), costs));

        string? directorate = null;
        foreach (var (year, budget) in budgets.OrderBy(b => b.Key))
        {
            var (was, now_) = (rag.Of(budget, before[year]), rag.Of(budget, after[year]));
            if (was == now_) continue;
            directorate ??= await db.CostCentres.Where(c => c.Code == options.PlacementsCostCentre).Select(c => c.Directorate).FirstOrDefaultAsync(ct) ?? "";
            db.AddEvent(new ForecastOutturnChanged
            {
                EventId = Guid.CreateVersion7(now),
                OccurredAt = now,
                Year = year.ToString(),
                CostCentre = options.PlacementsCostCentre,
                Directorate = directorate,
                Budget = budget,
                PreviousForecastOutturn = Math.Round(before[year], 2),
                ForecastOutturn = Math.Round(after[year], 2),
                Variance = Math.Round(after[year] - budget, 2),
                PreviousRag = was,
                Rag = now_,
                Cause = cause,
            }, now);
            logger.LogInformation("Children's placements {Year}: forecast {Before:0.00} -> {After:0.00} against {Budget:0.00}, RAG {Was} -> {Now} ({Cause})",
                year, before[year], after[year], budget, was, now_, cause);
        }
        return budgets.Keys.Where(y => after[y] > before[y]).Order().ToList();
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
