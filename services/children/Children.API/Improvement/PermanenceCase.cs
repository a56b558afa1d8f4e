using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Children.API.Improvement;

/// <summary>A child in scope for a move to permanence (Right Child Right Care): from when, the plan, and when it was achieved.</summary>
public sealed class PermanenceCase
{
    public required string Child { get; init; }
    public DateOnly InScopeFrom { get; set; }
    public required string Plan { get; set; }
    public DateOnly? AchievedOn { get; set; }

    /// <summary>The case as the request puts it: a new case, or the child's stored case replaced.</summary>
    public static PermanenceCase Put(PermanenceCase? stored, string child, PermanenceRequest request)
    {
        var permanence = stored ?? new PermanenceCase { Child = child, Plan = request.Plan! };
        permanence.InScopeFrom = request.InScopeFrom!.Value;
        permanence.Plan = request.Plan!;
        permanence.AchievedOn = request.AchievedOn;
        return permanence;
    }

    /// <summary>On a day: the children in scope by then, how many had moved to permanence by then, and how many are in scope by plan.</summary>
    public static PermanenceSummary Summarise(IEnumerable<PermanenceCase> cases, DateOnly day)
    {
        var inScope = cases.Where(permanence => permanence.InScopeFrom <= day).ToList();
        return new PermanenceSummary(day, inScope.Count, inScope.Count(permanence => permanence.AchievedOn <= day),
            inScope.GroupBy(permanence => permanence.Plan).ToDictionary(plan => plan.Key, plan => plan.Count()));
    }
}

internal sealed class PermanenceCaseConfiguration : IEntityTypeConfiguration<PermanenceCase>
{
    public void Configure(EntityTypeBuilder<PermanenceCase> b) => b.ToTable("permanence_cases").HasKey(permanence => permanence.Child);
}
