using Intervention.Contracts.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Licensing.API.Licences;

/// <summary>A licence, from application on: a driver's, a vehicle's or an operator's. Renewals keep the reference.</summary>
public sealed class Licence
{
    public Guid Id { get; init; }
    public required string Reference { get; init; }
    public LicenceType Type { get; init; }
    public Guid? DriverId { get; init; }
    public Guid? VehicleId { get; init; }
    public string? OperatorName { get; init; }
    public DateOnly AppliedOn { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public List<LicenceGrant> Grants { get; init; } = [];
    public List<LicenceStatusChange> StatusChanges { get; init; } = [];

    public LicenceKind Kind => Type switch
    {
        LicenceType.Vehicle => LicenceKind.Vehicle,
        LicenceType.Operator => LicenceKind.Operator,
        _ => LicenceKind.Driver,
    };

    /// <summary>A new reference from the licence number sequence: <c>PH-000123</c>, <c>HC-</c>, <c>VE-</c>, <c>OP-</c>.</summary>
    public static string ReferenceFor(LicenceType type, long number) => type switch
    {
        LicenceType.HackneyCarriage => "HC",
        LicenceType.PrivateHire => "PH",
        LicenceType.Vehicle => "VE",
        _ => "OP",
    } + $"-{number:D6}";
}

/// <summary>A grant or renewal for a term; a term shorter than the standard one carries its reason.</summary>
public sealed class LicenceGrant
{
    public Guid Id { get; init; }
    public Guid LicenceId { get; init; }
    public DateOnly GrantedOn { get; init; }
    public int TermMonths { get; init; }
    public DateOnly ExpiresOn { get; init; }
    public string? ShorterTermReason { get; init; }
    public string? ExceptionalCondition { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A decided status from a day; the day is unknown (null) while an appeal is pending, and the change is set aside when an appeal is upheld.</summary>
public sealed class LicenceStatusChange
{
    public Guid Id { get; init; }
    public Guid LicenceId { get; init; }
    public DecidedStatus Status { get; init; }
    public DateOnly? EffectiveOn { get; set; }
    public Guid? DecisionId { get; init; }
    public required string Reason { get; set; }
    public DateTimeOffset RecordedAt { get; init; }
}

internal sealed class LicenceConfiguration : IEntityTypeConfiguration<Licence>
{
    public void Configure(EntityTypeBuilder<Licence> b)
    {
        b.ToTable("licences");
        b.HasOne<Drivers.Driver>().WithMany().HasForeignKey(l => l.DriverId);
        b.HasOne<Vehicles.Vehicle>().WithMany().HasForeignKey(l => l.VehicleId);
        b.Property(l => l.Type).HasConversion<string>();
        b.HasMany(l => l.Grants).WithOne().HasForeignKey(g => g.LicenceId);
        b.HasMany(l => l.StatusChanges).WithOne().HasForeignKey(c => c.LicenceId);
        b.Ignore(l => l.Kind);
    }
}

internal sealed class LicenceGrantConfiguration : IEntityTypeConfiguration<LicenceGrant>
{
    public void Configure(EntityTypeBuilder<LicenceGrant> b) => b.ToTable("licence_grants");
}

internal sealed class LicenceStatusChangeConfiguration : IEntityTypeConfiguration<LicenceStatusChange>
{
    public void Configure(EntityTypeBuilder<LicenceStatusChange> b)
    {
        b.ToTable("licence_status_changes");
        b.Property(c => c.Status).HasConversion<string>();
    }
}
