using Licensing.API.Infrastructure;
using Licensing.API.Licences;
using Microsoft.EntityFrameworkCore;

namespace Licensing.API.Drivers;

/// <summary>Reads the dated records on drivers' files into what the fitness engine reads.</summary>
public static class DriverFile
{
    /// <summary>One driver's records; <paramref name="decidingGrant"/> is a grant being decided, which must have had its register search too.</summary>
    public static async Task<DriverRecords> ReadAsync(LicensingDb db, Guid driverId, CancellationToken ct, DateOnly? decidingGrant = null)
    {
        var records = (await ReadManyAsync(db, [driverId], ct))[driverId];
        return decidingGrant is { } grant ? records with { Grants = [.. records.Grants, grant] } : records;
    }

    /// <summary>Many drivers' records in three queries (the audit reads every licensed driver at once).</summary>
    public static async Task<Dictionary<Guid, DriverRecords>> ReadManyAsync(LicensingDb db, IReadOnlyCollection<Guid> driverIds, CancellationToken ct)
    {
        var checks = (await db.Set<DriverCheck>().AsNoTracking().Where(c => driverIds.Contains(c.DriverId)).ToListAsync(ct)).ToLookup(c => c.DriverId);
        var convictions = (await db.Set<ConvictionRecord>().AsNoTracking().Where(c => driverIds.Contains(c.DriverId)).ToListAsync(ct)).ToLookup(c => c.DriverId);
        var grants = (await (from g in db.Set<LicenceGrant>().AsNoTracking()
                             join l in db.Set<Licence>().AsNoTracking() on g.LicenceId equals l.Id
                             where l.DriverId != null && driverIds.Contains(l.DriverId.Value)
                             select new { DriverId = l.DriverId!.Value, g.GrantedOn }).ToListAsync(ct)).ToLookup(g => g.DriverId, g => g.GrantedOn);
        return driverIds.Distinct().ToDictionary(id => id, id => ToRecords(checks[id], convictions[id], grants[id]));
    }

    public static DriverRecords ToRecords(IEnumerable<DriverCheck> checks, IEnumerable<ConvictionRecord> convictions, IEnumerable<DateOnly> grants)
    {
        var byKind = checks.ToLookup(c => c.Kind);
        return new DriverRecords
        {
            Grants = grants.Order().ToList(),
            DbsCertificates = byKind[DriverCheckKind.Dbs].Select(c => new DbsCertificate(c.CheckedOn, c.BothBarredLists ?? false, c.OnBarredList ?? false)).ToList(),
            UpdateServiceChecks = byKind[DriverCheckKind.UpdateServiceCheck].Select(c => c.CheckedOn).ToList(),
            // The earliest completion counts: training done once is done.
            SafeguardingTrainingOn = byKind[DriverCheckKind.SafeguardingTraining].Select(c => (DateOnly?)c.CheckedOn).Min(),
            BtecLevel2On = byKind[DriverCheckKind.BtecLevel2].Select(c => (DateOnly?)c.CheckedOn).Min(),
            KnowledgeTests = byKind[DriverCheckKind.KnowledgeTest].Select(c => new KnowledgeTestAttempt(c.CheckedOn, c.Passed ?? false)).ToList(),
            Medicals = byKind[DriverCheckKind.Medical].Select(c => new MedicalExamination(c.CheckedOn, c.Passed ?? false)).ToList(),
            DvlaChecks = byKind[DriverCheckKind.DvlaCheck].Select(c => c.CheckedOn).ToList(),
            RegisterSearches = byKind[DriverCheckKind.RegisterSearch].Select(c => new RegisterSearch(c.CheckedOn, c.RegisterMatch ?? false)).ToList(),
            PoliceIntelligence = byKind[DriverCheckKind.PoliceIntelligence].Select(c => new PoliceIntelligence(c.CheckedOn, c.Summary ?? "")).ToList(),
            SelfReports = byKind[DriverCheckKind.SelfReport].Select(c => new SelfReport(c.HappenedOn ?? c.CheckedOn, c.CheckedOn, c.Summary ?? "")).ToList(),
            Convictions = convictions.Select(c => c.ToConviction()).ToList(),
        };
    }
}
