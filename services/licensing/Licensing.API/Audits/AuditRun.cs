using System.Text.Json;
using System.Threading.Channels;
using Intervention.Contracts.Licensing;
using Licensing.API.Drivers;
using Licensing.API.Infrastructure;
using Licensing.API.Licences;
using Microsoft.EntityFrameworkCore;

namespace Licensing.API.Audits;

/// <summary>Audits waiting to run; the endpoint answers at once and the run goes on in the background.</summary>
public sealed class AuditQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>();
    public void Enqueue(Guid auditId) => _channel.Writer.TryWrite(auditId);
    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

/// <summary>
/// Runs audits one at a time in batches, writing findings and progress as it goes. An audit left running by a stopped
/// process is picked up again at start and carries on from the drivers it had not reached.
/// </summary>
public sealed class AuditRun(IServiceScopeFactory scopes, AuditQueue queue, FitnessPolicy policy, ILogger<AuditRun> logger) : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<LicensingDb>();
                foreach (var id in await db.Set<DriverAudit>().Where(audit => audit.Status == AuditStatus.Running).Select(audit => audit.Id)
                    .ToListAsync(stoppingToken))
                    queue.Enqueue(id);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not look for interrupted audits; new ones will still run");
        }

        await foreach (var id in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(id, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // Left Running: picked up at the next start.
            }
            catch (Exception e)
            {
                logger.LogError(e, "Audit {AuditId} failed", id);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LicensingDb>();
                await db.Set<DriverAudit>().Where(audit => audit.Id == id).ExecuteUpdateAsync(update => update
                    .SetProperty(audit => audit.Status, AuditStatus.Failed).SetProperty(audit => audit.Failure, e.Message)
                        .SetProperty(audit => audit.FinishedAt, DateTimeOffset.UtcNow), CancellationToken.None);
            }
        }
    }

    private async Task RunAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LicensingDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var audit = await db.Set<DriverAudit>().SingleAsync(audit => audit.Id == id, ct);
        var licensed = await LicensedDriversAsync(db, audit.AsAt, ct);
        var done = (await db.Set<AuditFinding>().Where(finding => finding.AuditId == id).Select(finding => finding.DriverId).ToListAsync(ct)).ToHashSet();
        audit.DriversTotal = licensed.Count;
        audit.DriversChecked = done.Count;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Audit {AuditId} as at {AsAt:yyyy-MM-dd}: {Total} licensed drivers, {Done} already checked", id, audit.AsAt, licensed.Count,
            done.Count);

        foreach (var batch in licensed.Where(driver => !done.Contains(driver.DriverId)).Chunk(BatchSize))
        {
            var records = await DriverFile.ReadManyAsync(db, batch.Select(driver => driver.DriverId).ToList(), ct);
            foreach (var (driverId, reference) in batch)
            {
                var verdict = policy.Assess(records[driverId], audit.AsAt);
                db.Add(new AuditFinding
                {
                    AuditId = id, DriverId = driverId, LicenceReference = reference, Outcome = verdict.Outcome,
                    Reasons = JsonSerializer.Serialize(verdict.Reasons, JsonSerializerOptions.Web),
                });
            }
            audit.DriversChecked += batch.Length;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            db.Attach(audit);
        }
        audit.Status = AuditStatus.Completed;
        audit.FinishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Audit {AuditId} completed: {Total} drivers in {Seconds:0.0} s", id, audit.DriversTotal,
            (audit.FinishedAt.Value - audit.StartedAt).TotalSeconds);
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
