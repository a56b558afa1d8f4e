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
        var checks = (await db.Set<DriverCheck>().AsNoTracking().Where(check => driverIds.Contains(check.DriverId)).ToListAsync(ct))
            .ToLookup(check => check.DriverId);
        var convictions = (await db.Set<ConvictionRecord>().AsNoTracking().Where(conviction => driverIds.Contains(conviction.DriverId)).ToListAsync(ct))
            .ToLookup(conviction => conviction.DriverId);
        var grants = (await (from grant in db.Set<LicenceGrant>().AsNoTracking()
                             join licence in db.Set<Licence>().AsNoTracking() on grant.LicenceId equals licence.Id
                             where licence.DriverId != null && driverIds.Contains(licence.DriverId.Value)
                             select new { DriverId = licence.DriverId!.Value, grant.GrantedOn }).ToListAsync(ct))
                                 .ToLookup(grant => grant.DriverId, grant => grant.GrantedOn);
        return driverIds.Distinct().ToDictionary(id => id, id => ToRecords(checks[id], convictions[id], grants[id]));
    }

    public static DriverRecords ToRecords(IEnumerable<DriverCheck> checks, IEnumerable<ConvictionRecord> convictions, IEnumerable<DateOnly> grants)
    {
        var byKind = checks.ToLookup(check => check.Kind);
        return new DriverRecords
        {
            Grants = grants.Order().ToList(),
            DbsCertificates = byKind[DriverCheckKind.Dbs]
                .Select(check => new DbsCertificate(check.CheckedOn, check.BothBarredLists ?? false, check.OnBarredList ?? false)).ToList(),
            UpdateServiceChecks = byKind[DriverCheckKind.UpdateServiceCheck].Select(check => check.CheckedOn).ToList(),
            // The earliest completion counts: training done once is done.
            SafeguardingTrainingOn = byKind[DriverCheckKind.SafeguardingTraining].Select(check => (DateOnly?)check.CheckedOn).Min(),
            BtecLevel2On = byKind[DriverCheckKind.BtecLevel2].Select(check => (DateOnly?)check.CheckedOn).Min(),
            KnowledgeTests = byKind[DriverCheckKind.KnowledgeTest].Select(check => new KnowledgeTestAttempt(check.CheckedOn, check.Passed ?? false)).ToList(),
            Medicals = byKind[DriverCheckKind.Medical].Select(check => new MedicalExamination(check.CheckedOn, check.Passed ?? false)).ToList(),
            DvlaChecks = byKind[DriverCheckKind.DvlaCheck].Select(check => check.CheckedOn).ToList(),
            RegisterSearches = byKind[DriverCheckKind.RegisterSearch].Select(check => new RegisterSearch(check.CheckedOn, check.RegisterMatch ?? false))
                .ToList(),
            PoliceIntelligence = byKind[DriverCheckKind.PoliceIntelligence].Select(check => new PoliceIntelligence(check.CheckedOn, check.Summary ?? ""))
                .ToList(),
            SelfReports = byKind[DriverCheckKind.SelfReport]
                .Select(check => new SelfReport(check.HappenedOn ?? check.CheckedOn, check.CheckedOn, check.Summary ?? "")).ToList(),
            Convictions = convictions.Select(conviction => conviction.ToConviction()).ToList(),
        };
    }
}
