using Finance.API.Forecast;
using Finance.API.Infrastructure;
using Finance.API.Monitoring;
using Finance.API.Mtfs;
using Intervention.Contracts.Finance;
using Intervention.Contracts.Finance.Http;
using Intervention.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Finance.API.Resilience;

/// <summary>
/// Makes the section 114 test for a year from what is recorded: monitoring's forecast spending, the current MTFS's funding
/// for the year and the usable reserves at the previous year end. The first time a year fails it, writes
/// <see cref="Section114RiskRaised"/> to the outbox in the caller's unit of work.
/// </summary>
public sealed class Section114Watch(FinanceDb db, ChildrenPlacements placements, IOptions<ForecastOptions> forecastOptions, IOptions<RagThresholds> rag,
    IOptions<ReferendumLimits> limits, TimeProvider clock, ILogger<Section114Watch> logger)
{
    private readonly ForecastOptions forecastOptions = forecastOptions.Value;
    private readonly RagThresholds rag = rag.Value;
    private readonly ReferendumLimits limits = limits.Value;
    public async Task<Section114Assessment> AssessAsync(FinancialYear year, CancellationToken ct) =>
        await AssessAsync(year, await ResourcesAsync(year, ct), ct);

    private async Task<Section114Assessment> AssessAsync(FinancialYear year, (decimal? Resources, decimal? Reserves) known, CancellationToken ct)
    {
        var (resources, reserves) = known;
        var monitoring = await MonitoringReports.BuildAsync(db, placements, forecastOptions, rag, year, 12, ct);
        var notices = await db.Set<Section114NoticeRecord>().AsNoTracking().Where(n => n.Year == year.StartYear).OrderBy(n => n.IssuedOn).ToListAsync(ct);
        var raised = await db.Set<Section114Risk>().AsNoTracking().FirstOrDefaultAsync(r => r.Year == year.StartYear, ct);
        var logged = notices.Select(notice => notice.ToResponse()).ToList();

        if (resources is null || reserves is null)
            return new Section114Assessment(year.ToString(), monitoring.ForecastOutturn, resources, reserves, null, false, raised?.RaisedAt, logged,
                resources is null ? $"the current MTFS does not cover {year}" : $"no ledger for {year.Previous()}: usable reserves unknown");
        var headroom = Section114Test.Headroom(monitoring.ForecastOutturn, resources.Value, reserves.Value);
        return new Section114Assessment(year.ToString(), monitoring.ForecastOutturn, MtfsEndpoints.Pounds(resources.Value), reserves,
            MtfsEndpoints.Pounds(headroom),
            headroom < 0, raised?.RaisedAt, logged, null);
    }

    /// <summary>The year's funding in the current MTFS and the usable reserves at the previous year end; null where not recorded.</summary>
    private async Task<(decimal? Resources, decimal? Reserves)> ResourcesAsync(FinancialYear year, CancellationToken ct)
    {
        var current = await MtfsEndpoints.Load(db, "current", ct);
        decimal? resources = null;
        if (current is not null && current.Years().Contains(year))
            resources = MtfsModel.Gap(current.Years(), current.Model(), limits, _ => 0m).Single(y => y.Year == year).Funding;
        var reserves = await db.Set<LedgerYear>().AsNoTracking().Where(l => l.Year == year.StartYear - 1).Select(l => (decimal?)l.UsableReserves)
            .FirstOrDefaultAsync(ct);
        return (resources, reserves);
    }

    /// <summary>Raises the risk for <paramref name="year"/> if it fails the test and was not raised before. Saves nothing itself.</summary>
    public async Task CheckAsync(FinancialYear year, CancellationToken ct)
    {
        // The cheap questions first: this runs on every forecast change, and most years are raised already or cannot be tested.
        if (await db.Set<Section114Risk>().AnyAsync(r => r.Year == year.StartYear, ct)) return;
        var known = await ResourcesAsync(year, ct);
        if (known is not ({ }, { })) return;
        var assessment = await AssessAsync(year, known, ct);
        if (Section114Test.Raise(year, assessment, clock.GetUtcNow()) is not { } raised) return;
        db.Add(raised.Risk);
        db.AddEvent(raised.Event, raised.Risk.RaisedAt);
        logger.LogWarning("Section 114 risk {Year}: forecast spending {Spending:N2} exceeds resources {Resources:N2} plus usable reserves {Reserves:N2}",
            year, assessment.ForecastSpending, assessment.Resources, assessment.UsableReserves);
    }
}
