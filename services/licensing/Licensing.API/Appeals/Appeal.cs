using Intervention.Contracts.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Licensing.API.Appeals;

/// <summary>An appeal to the magistrates' court against a hearing's decision, lodged within 21 days of notice.</summary>
public sealed class LicensingAppeal
{
    public Guid Id { get; init; }
    public Guid DecisionId { get; init; }
    public DateOnly LodgedOn { get; init; }
    public DateOnly? DecidedOn { get; set; }
    public AppealOutcome? Outcome { get; set; }
    public string? VariedTerms { get; set; }
    public DateTimeOffset RecordedAt { get; init; }

    public Hearings.Appeal ToAppeal() => new(LodgedOn, DecidedOn, Outcome);
}

internal sealed class LicensingAppealConfiguration : IEntityTypeConfiguration<LicensingAppeal>
{
    public void Configure(EntityTypeBuilder<LicensingAppeal> b)
    {
        b.ToTable("appeals");
        b.HasOne<Hearings.HearingDecisionRecord>().WithMany().HasForeignKey(a => a.DecisionId);
        b.Property(a => a.Outcome).HasConversion<string>();
    }
}

/// <summary>The share of appeals determined in a period in which the council's decision stood.</summary>
public static class DefendedRate
{
    /// <summary>Defended: dismissed (the decision stood). Varied appeals are counted apart: the court changed the terms.</summary>
    public static (int Determined, int Dismissed, int Varied, int Upheld, decimal? Rate) Of(IEnumerable<AppealOutcome> outcomes)
    {
        var list = outcomes.ToList();
        var dismissed = list.Count(o => o == AppealOutcome.Dismissed);
        var varied = list.Count(o => o == AppealOutcome.Varied);
        var upheld = list.Count(o => o == AppealOutcome.Upheld);
        return (list.Count, dismissed, varied, upheld, list.Count == 0 ? null : Math.Round(100m * dismissed / list.Count, 1));
    }
}
