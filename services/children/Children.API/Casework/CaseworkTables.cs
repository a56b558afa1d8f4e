using Children.API.Kpis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Children.API.Casework;

/// <summary>A postcode's centroid, as the distance KPI reads it (stored normalised: <c>S60 2TH</c>, or a 903 sector <c>S60 2</c>).</summary>
public sealed record PostcodeCentroid(string Postcode, double Latitude, double Longitude);

/// <summary>
/// The casework tables (migration 0002) hold the records the KPIs read, row for row: each record type is its own table,
/// keyed by its natural key, so loading a record again is an update.
/// </summary>
internal sealed class CaseworkTables :
    IEntityTypeConfiguration<Visit>, IEntityTypeConfiguration<Assessment>, IEntityTypeConfiguration<Plan>,
    IEntityTypeConfiguration<HealthAssessment>, IEntityTypeConfiguration<ReturnInterview>, IEntityTypeConfiguration<SocialWorker>,
    IEntityTypeConfiguration<Allocation>, IEntityTypeConfiguration<PostcodeCentroid>
{
    public void Configure(EntityTypeBuilder<Visit> b) => b.ToTable("statutory_visits").HasKey(visit => new { visit.Child, visit.DueOn });
    public void Configure(EntityTypeBuilder<Assessment> b) => b.ToTable("assessments").HasKey(assessment => new { assessment.Child, assessment.StartedOn });
    public void Configure(EntityTypeBuilder<Plan> b) => b.ToTable("plans").HasKey(plan => new { plan.Child, plan.StartedOn });
    public void Configure(EntityTypeBuilder<HealthAssessment> b) =>
        b.ToTable("health_assessments").HasKey(assessment => new { assessment.Child, assessment.Kind, assessment.DueOn });
    public void Configure(EntityTypeBuilder<ReturnInterview> b) =>
        b.ToTable("return_interviews").HasKey(interview => new { interview.Child, interview.ReturnedOn });
    public void Configure(EntityTypeBuilder<SocialWorker> b) => b.ToTable("social_workers").HasKey(worker => worker.Id);
    public void Configure(EntityTypeBuilder<Allocation> b) =>
        b.ToTable("allocations").HasKey(allocation => new { allocation.Child, allocation.SocialWorker, allocation.FromOn });
    public void Configure(EntityTypeBuilder<PostcodeCentroid> b) => b.ToTable("postcodes").HasKey(centroid => centroid.Postcode);
}
