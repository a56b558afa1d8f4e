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

    /// <summary>The objective under <paramref name="code"/> as the request words it: <paramref name="existing"/> amended, or a new one.</summary>
    public static PlanObjective Amend(PlanObjective? existing, string code, ImprovementObjectiveRequest request, DateTimeOffset now)
    {
        var objective = existing ?? new PlanObjective { Code = code, Phase = "", Title = "" };
        objective.Phase = request.Phase!.Trim();
        objective.Title = request.Title!.Trim();
        objective.RecordedAt = now;
        return objective;
    }

    public ImprovementObjective ToResponse() => new(Code, Phase, Title);
}

internal sealed class PlanObjectiveConfiguration : IEntityTypeConfiguration<PlanObjective>
{
    public void Configure(EntityTypeBuilder<PlanObjective> b)
    {
        b.ToTable("improvement_objectives");
        b.HasKey(o => o.Code);
    }
}
