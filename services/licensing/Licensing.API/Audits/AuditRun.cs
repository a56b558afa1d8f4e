using System.Text.Json;
using System.Threading.Channels;
using Intervention.Contracts.Licensing;
using Licensing.API.Drivers;
using Licensing.API.Infrastructure;
using Licensing.API.Licences;
using Microsoft.EntityFrameworkCore;
using Intervention.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Licensing.API.Audits;

/// <summary>Audits waiting to run; the endpoint answers at once and the run goes on in the background.</summary>
public sealed class AuditQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>();
    public void Enqueue(Guid auditId) => _channel.Writer.TryWrite(auditId);
    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

/// <summary>How audit runs are shared between the service's replicas (section <c>Licensing:Audits</c>).</summary>
public sealed class AuditRunOptions
{
    public const string Section = "Licensing:Audits";

    /// <summary>How long a replica's claim on a running audit lasts without renewal (it renews with each batch of drivers).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How often a replica looks for running audits no one holds (a crashed replica's, one another replica accepted).</summary>
    public TimeSpan LookEvery { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Runs audits one at a time in batches, writing findings and progress as it goes. With several replicas each audit is
/// run by one: the runner claims it (<see cref="DriverAudit.Claim"/>) in the transaction of each batch, under the audit's
/// row lock, so two replicas never write one audit's findings. An audit whose runner stopped (crashed, stopped, a replica
/// gone) is taken over by any replica once the claim lapses, and carries on from the drivers it had not reached.
/// </summary>
public sealed class AuditRun(IServiceScopeFactory scopes, AuditQueue queue, FitnessPolicy policy, IOptions<AuditRunOptions> options, TimeProvider clock,
    ILogger<AuditRun> logger) : BackgroundService
{
    private const int BatchSize = 200;
    private readonly AuditRunOptions options = options.Value;
    /// <summary>This instance's name in a claim: a replica's process, new at each start.</summary>
    private readonly string runner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var looking = LookForUnclaimedAsync(stoppingToken);
        await foreach (var id in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(id, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break; // Left Running: its claim lapses and a replica (or this one, started again) takes it over.
            }
            catch (Exception e)
            {
                logger.LogError(e, "Audit {AuditId} failed", id);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LicensingDb>();
                await db.Set<DriverAudit>().Where(audit => audit.Id == id && audit.ClaimedBy == runner).ExecuteUpdateAsync(update => update
                    .SetProperty(audit => audit.Status, AuditStatus.Failed).SetProperty(audit => audit.Failure, e.Message)
                        .SetProperty(audit => audit.FinishedAt, clock.GetUtcNow()), CancellationToken.None);
            }
        }
        await looking;
    }

    /// <summary>Queues running audits whose claim has lapsed or was never made: at start, then every <see cref="AuditRunOptions.LookEvery"/>.</summary>
    private Task LookForUnclaimedAsync(CancellationToken stoppingToken) =>
        Repeating.EveryAsync(options.LookEvery, clock, logger, "Could not look for audits no replica runs; will look again", async ct =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LicensingDb>();
            var now = clock.GetUtcNow();
            foreach (var id in await db.Set<DriverAudit>()
                .Where(audit => audit.Status == AuditStatus.Running && (audit.ClaimedUntil == null || audit.ClaimedUntil <= now))
                .Select(audit => audit.Id).ToListAsync(ct))
                queue.Enqueue(id);
        }, stoppingToken);

    private async Task RunAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LicensingDb>();
        if (await ClaimAsync(db, id, ct) is not { } audit) return;
        var licensed = await LicensedDriversAsync(db, audit.AsAt, ct);
        var done = (await db.Set<AuditFinding>().Where(finding => finding.AuditId == id).Select(finding => finding.DriverId).ToListAsync(ct)).ToHashSet();
        logger.LogInformation("Audit {AuditId} as at {AsAt:yyyy-MM-dd}: {Total} licensed drivers, {Done} already checked", id, audit.AsAt, licensed.Count,
            done.Count);

        // Each batch is written in a transaction that first renews the claim under the audit's row lock: a runner that has
        // lost its claim (paused past the lease while another took over) writes nothing more.
        foreach (var batch in licensed.Where(driver => !done.Contains(driver.DriverId)).Chunk(BatchSize).Append([]))
        {
            var records = batch.Length == 0 ? null : await DriverFile.ReadManyAsync(db, batch.Select(driver => driver.DriverId).ToList(), ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.ChangeTracker.Clear();
            if (await ClaimAsync(db, id, ct) is not { } claimed) return;
            claimed.DriversTotal = licensed.Count;
            foreach (var (driverId, reference) in batch)
            {
                var verdict = policy.Assess(records![driverId], claimed.AsAt);
                db.Add(new AuditFinding
                {
                    AuditId = id, DriverId = driverId, LicenceReference = reference, Outcome = verdict.Outcome,
                    Reasons = JsonSerializer.Serialize(verdict.Reasons, JsonSerializerOptions.Web),
                });
            }
            done.UnionWith(batch.Select(driver => driver.DriverId));
            claimed.DriversChecked = done.Count;
            if (batch.Length == 0) (claimed.Status, claimed.FinishedAt) = (AuditStatus.Completed, clock.GetUtcNow()); // the last, empty batch ends it
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            if (batch.Length == 0)
                logger.LogInformation("Audit {AuditId} completed: {Total} drivers in {Seconds:0.0} s", id, claimed.DriversTotal,
                    (claimed.FinishedAt!.Value - claimed.StartedAt).TotalSeconds);
        }
    }

    /// <summary>The audit, claimed (or its claim renewed) for this runner and saved; null when another runner holds it or it has finished.</summary>
    private async Task<DriverAudit?> ClaimAsync(LicensingDb db, Guid id, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var audit = await db.Set<DriverAudit>().FromSql($"SELECT * FROM audits WHERE id = {id} FOR UPDATE").SingleAsync(ct);
        if (audit.Claim(runner, clock.GetUtcNow(), options.Lease) is { } refused)
        {
            logger.LogInformation("Audit {AuditId} not run here: {Reason}", id, refused.Detail);
            if (own is not null) await own.DisposeAsync();
            return null;
        }
        await db.SaveChangesAsync(ct);
        if (own is not null)
        {
            await own.CommitAsync(ct);
            await own.DisposeAsync();
        }
        return audit;
    }

    /// <summary>Every driver with a licence in force on the day (granted, not expired, not revoked or refused; a suspended licence is still held).</summary>
    public static async Task<List<(Guid DriverId, string Reference)>> LicensedDriversAsync(LicensingDb db, DateOnly on, CancellationToken ct)
    {
        var licences = await db.Set<Licence>().AsNoTracking()
            .Where(licence => (licence.Type == LicenceType.HackneyCarriage || licence.Type == LicenceType.PrivateHire) && licence.DriverId != null
                && licence.Grants.Any(grant => grant.GrantedOn <= on && grant.ExpiresOn >= on))
            .Include(licence => licence.Grants).Include(licence => licence.StatusChanges).AsSplitQuery()
            .ToListAsync(ct);
        return licences
            .Where(licence => LicencesEndpoints.StatusOf(licence, on) is LicenceStatus.Active or LicenceStatus.Suspended)
            .OrderBy(licence => licence.Reference)
            .Select(licence => (licence.DriverId!.Value, licence.Reference))
            .DistinctBy(licence => licence.Item1)
            .ToList();
    }
}
