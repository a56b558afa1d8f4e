using Children.API.Casework;
using Children.API.Infrastructure;
using Children.API.Returns903;
using Microsoft.EntityFrameworkCore;

namespace Children.API.Kpis;

/// <summary>Reads what the KPIs need: the 903 rows through the 903 feature, the casework and postcodes through EF Core.</summary>
public static class KpiData
{
    public static async Task<KpiInputs> LoadAsync(ChildrenDb db, CancellationToken ct)
    {
        var care = await ReturnStore.CareAsync(db, ct);
        var postcodes = await db.Set<PostcodeCentroid>().AsNoTracking().ToListAsync(ct);
        return new KpiInputs
        {
            DatesOfBirth = care.DatesOfBirth, Episodes = care.Episodes, Missing = care.Missing,
            Postcodes = postcodes.ToDictionary(centroid => centroid.Postcode, centroid => (centroid.Latitude, centroid.Longitude)),
            Visits = await db.Set<Visit>().AsNoTracking().ToListAsync(ct),
            Assessments = await db.Set<Assessment>().AsNoTracking().ToListAsync(ct),
            Plans = await db.Set<Plan>().AsNoTracking().ToListAsync(ct),
            HealthAssessments = await db.Set<HealthAssessment>().AsNoTracking().ToListAsync(ct),
            ReturnInterviews = await db.Set<ReturnInterview>().AsNoTracking().ToListAsync(ct),
            SocialWorkers = await db.Set<SocialWorker>().AsNoTracking().ToListAsync(ct),
            Allocations = await db.Set<Allocation>().AsNoTracking().ToListAsync(ct),
        };
    }
}
