using Intervention.Contracts.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Licensing.API.Register;

/// <summary>
/// An entry this council made in the national register of refusals and revocations (NR3): the fields the register holds,
/// kept 11 years. Another authority that finds it may only ever treat it as a reason for a hearing, never as the sole
/// ground of a refusal.
/// </summary>
public sealed class RegisterEntry
{
    public Guid Id { get; init; }
    public Guid DecisionId { get; init; }
    public required string Name { get; init; }
    public DateOnly DateOfBirth { get; init; }
    public string? Address { get; init; }
    public string? NiNumber { get; init; }
    public string? DrivingLicenceNumber { get; init; }
    public HearingOutcome Decision { get; init; }
    public DateOnly DecisionOn { get; init; }
    public DateOnly? EffectiveOn { get; set; }
    public DateOnly KeepUntil { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

internal sealed class RegisterEntryConfiguration : IEntityTypeConfiguration<RegisterEntry>
{
    public void Configure(EntityTypeBuilder<RegisterEntry> b)
    {
        b.ToTable("register_entries");
        b.HasOne<Hearings.HearingDecisionRecord>().WithMany().HasForeignKey(entry => entry.DecisionId);
        b.Property(entry => entry.Decision).HasConversion<string>();
    }
}
