using Intervention.Contracts.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.API.Progress;

/// <summary>An improvement plan objective, keyed by the caller's code.</summary>
public sealed class PlanObjective
{
    public required string Code { get; init; }
    public required string Phase { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A milestone of an objective; its status is a history of changes, never a single overwritten value.</summary>
public sealed class PlanMilestone
{
    public required string Code { get; init; }
    public required string ObjectiveCode { get; set; }
    public required string Title { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public List<MilestoneStatusRecord> History { get; init; } = [];

    public MilestoneFacts Facts() => new(DueOn, History.Select(h => (h.Status, h.StatusOn, h.RecordedAt)).ToList());

    public ImprovementMilestone ToResponse() => new(Code, ObjectiveCode, Title, DueOn,
        History.OrderBy(h => h.StatusOn).ThenBy(h => h.RecordedAt).Select(h => new MilestoneStatusChange(h.Status, h.StatusOn, h.RecordedAt)).ToList());
}

/// <summary>A milestone took a status on a date.</summary>
public sealed class MilestoneStatusRecord
{
    public Guid Id { get; init; }
    public required string MilestoneCode { get; init; }
    public MilestoneStatus Status { get; init; }
    public DateOnly StatusOn { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>One corporate plan measure in one quarter: the facts the percentages are computed from.</summary>
public sealed class CorporateMeasureRecord
{
    public required string Year { get; init; }
    public int Quarter { get; init; }
    public required string Measure { get; init; }
    public bool? OnTarget { get; set; }
    public DirectionOfTravel? Direction { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>One assessment of one Independent Health Check factor. Never updated: the history is kept.</summary>
public sealed class HealthCheckRecord
{
    public Guid Id { get; init; }
    public int Factor { get; init; }
    public Rag Rag { get; init; }
    public required string Evidence { get; init; }
    public DateOnly AssessedOn { get; init; }
    public string? Assessor { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public HealthCheckAssessment ToResponse() => new(Factor, Rag, Evidence, AssessedOn, Assessor, RecordedAt);
}

/// <summary>Commissioner days for a financial year; what remains is computed, not stored.</summary>
public sealed class CommissionerDaysRecord
{
    public required string Year { get; init; }
    public decimal? AllocatedDays { get; set; }
    public decimal DaysUsed { get; set; }
    public int? Commissioners { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public CommissionerDays ToResponse() => new(Year, AllocatedDays, DaysUsed, CommissionerDayRules.Remaining(AllocatedDays, DaysUsed), Commissioners, Note);
}

internal sealed class PlanObjectiveConfiguration : IEntityTypeConfiguration<PlanObjective>
{
    public void Configure(EntityTypeBuilder<PlanObjective> b)
    {
        b.ToTable("improvement_objectives");
        b.HasKey(o => o.Code);
    }
}

internal sealed class PlanMilestoneConfiguration : IEntityTypeConfiguration<PlanMilestone>
{
    public void Configure(EntityTypeBuilder<PlanMilestone> b)
    {
        b.ToTable("improvement_milestones");
        b.HasKey(m => m.Code);
        b.HasOne<PlanObjective>().WithMany().HasForeignKey(m => m.ObjectiveCode);
        b.HasMany(m => m.History).WithOne().HasForeignKey(h => h.MilestoneCode);
    }
}

internal sealed class MilestoneStatusRecordConfiguration : IEntityTypeConfiguration<MilestoneStatusRecord>
{
    public void Configure(EntityTypeBuilder<MilestoneStatusRecord> b)
    {
        b.ToTable("milestone_status_changes");
        b.HasKey(h => h.Id);
        b.Property(h => h.Status).HasConversion<string>();
    }
}

internal sealed class CorporateMeasureRecordConfiguration : IEntityTypeConfiguration<CorporateMeasureRecord>
{
    public void Configure(EntityTypeBuilder<CorporateMeasureRecord> b)
    {
        b.ToTable("corporate_plan_measures");
        b.HasKey(m => new { m.Year, m.Quarter, m.Measure });
        b.Property(m => m.Direction).HasConversion<string>();
    }
}

internal sealed class HealthCheckRecordConfiguration : IEntityTypeConfiguration<HealthCheckRecord>
{
    public void Configure(EntityTypeBuilder<HealthCheckRecord> b)
    {
        b.ToTable("health_check_assessments");
        b.HasKey(h => h.Id);
        b.Property(h => h.Rag).HasConversion<string>();
    }
}

internal sealed class CommissionerDaysRecordConfiguration : IEntityTypeConfiguration<CommissionerDaysRecord>
{
    public void Configure(EntityTypeBuilder<CommissionerDaysRecord> b)
    {
        b.ToTable("commissioner_days");
        b.HasKey(d => d.Year);
    }
}
