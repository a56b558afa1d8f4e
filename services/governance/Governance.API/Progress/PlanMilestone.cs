using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.API.Progress;

/// <summary>A milestone of an objective; its status is a history of changes, never a single overwritten value.</summary>
public sealed class PlanMilestone
{
    public required string Code { get; init; }
    public required string ObjectiveCode { get; set; }
    public required string Title { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public List<MilestoneStatusRecord> History { get; init; } = [];

    /// <summary>The milestone under <paramref name="code"/> as the request words it: <paramref name="existing"/> amended, or a new one.</summary>
    public static PlanMilestone Amend(PlanMilestone? existing, string code, ImprovementMilestoneRequest request, DateTimeOffset now)
    {
        var milestone = existing ?? new PlanMilestone { Code = code, ObjectiveCode = "", Title = "" };
        milestone.ObjectiveCode = request.Objective!;
        milestone.Title = request.Title!.Trim();
        milestone.DueOn = request.DueOn!.Value;
        milestone.RecordedAt = now;
        return milestone;
    }

    /// <summary>
    /// The milestone took a status on a date: a new entry in its history, or null when the history already holds that status
    /// on that date (a seed run twice adds nothing).
    /// </summary>
    public MilestoneStatusRecord? RecordStatus(MilestoneStatusRequest request, DateTimeOffset now)
    {
        if (History.Any(h => h.Status == request.Status && h.StatusOn == request.On)) return null;
        var change = new MilestoneStatusRecord
        {
            Id = Guid.CreateVersion7(now),
            MilestoneCode = Code,
            Status = request.Status!.Value,
            StatusOn = request.On!.Value,
            RecordedAt = now,
        };
        History.Add(change);
        return change;
    }

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
