using Intervention.Contracts.Governance;
using Intervention.Contracts.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Licensing.API.Hearings;

/// <summary>
/// A case hearing for a driver who may be in breach. The decision-maker is whoever held the licensing function on the day
/// of the hearing, read from this service's copy of the Directions when it was scheduled.
/// </summary>
public sealed class CaseHearing
{
    public Guid Id { get; init; }
    public Guid DriverId { get; init; }
    public Guid LicenceId { get; init; }
    public DateOnly HeldOn { get; init; }
    public required string Grounds { get; init; }
    public Authority DecisionMakerAuthority { get; set; }
    public Oversight DecisionMakerOversight { get; set; }
    public required string DecisionMakerName { get; set; }
    public Guid DirectionsId { get; set; }
    public DateTimeOffset RecordedAt { get; init; }

    public List<HearingMember> Members { get; init; } = [];
    public List<HearingRecordEntry> Record { get; init; } = [];
    public HearingDecisionRecord? Decision { get; set; }
}

/// <summary>A member of the panel. One who has declared an interest takes no part.</summary>
public sealed class HearingMember
{
    public Guid HearingId { get; init; }
    public required string Name { get; init; }
    public MemberRole Role { get; init; }
    public string? Interest { get; set; }

    public bool TakesPart => Interest is null;
}

/// <summary>One entry of the hearing's record, in order.</summary>
public sealed class HearingRecordEntry
{
    public Guid Id { get; init; }
    public Guid HearingId { get; init; }
    public int Seq { get; init; }
    public RecordKind Kind { get; init; }
    public required string Speaker { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>The hearing's decision with its written reasons and when it takes effect. Its id is its id in governance's decision register.</summary>
public sealed class HearingDecisionRecord
{
    public Guid Id { get; init; }
    public Guid HearingId { get; init; }
    public HearingOutcome Outcome { get; init; }
    public DecisionGrounds Grounds { get; init; }
    public required string Reasons { get; init; }
    public bool Immediate { get; init; }
    public string? ImmediateReasons { get; init; }
    public DateOnly NoticeGivenOn { get; init; }
    public DateOnly? EffectiveOn { get; set; }
    public required string EffectRule { get; set; }
    public DateTimeOffset RecordedAt { get; init; }

    public HearingDecision ToHearingDecision() => new(Outcome, NoticeGivenOn, Immediate, ImmediateReasons);
}

internal sealed class CaseHearingConfiguration : IEntityTypeConfiguration<CaseHearing>
{
    public void Configure(EntityTypeBuilder<CaseHearing> b)
    {
        b.ToTable("hearings");
        b.HasOne<Drivers.Driver>().WithMany().HasForeignKey(h => h.DriverId);
        b.HasOne<Licences.Licence>().WithMany().HasForeignKey(h => h.LicenceId);
        b.Property(h => h.DecisionMakerAuthority).HasConversion<string>();
        b.Property(h => h.DecisionMakerOversight).HasConversion<string>();
        b.HasMany(h => h.Members).WithOne().HasForeignKey(m => m.HearingId);
        b.HasMany(h => h.Record).WithOne().HasForeignKey(r => r.HearingId);
        b.HasOne(h => h.Decision).WithOne().HasForeignKey<HearingDecisionRecord>(d => d.HearingId);
    }
}

internal sealed class HearingMemberConfiguration : IEntityTypeConfiguration<HearingMember>
{
    public void Configure(EntityTypeBuilder<HearingMember> b)
    {
        b.ToTable("hearing_members");
        b.HasKey(m => new { m.HearingId, m.Name });
        b.Property(m => m.Role).HasConversion<string>();
        b.Ignore(m => m.TakesPart);
    }
}

internal sealed class HearingRecordEntryConfiguration : IEntityTypeConfiguration<HearingRecordEntry>
{
    public void Configure(EntityTypeBuilder<HearingRecordEntry> b)
    {
        b.ToTable("hearing_record");
        b.Property(r => r.Kind).HasConversion<string>();
    }
}

internal sealed class HearingDecisionRecordConfiguration : IEntityTypeConfiguration<HearingDecisionRecord>
{
    public void Configure(EntityTypeBuilder<HearingDecisionRecord> b)
    {
        b.ToTable("hearing_decisions");
        b.Property(d => d.Outcome).HasConversion<string>();
        b.Property(d => d.Grounds).HasConversion<string>();
    }
}
