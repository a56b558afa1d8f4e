using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Licensing.API.Drivers;

/// <summary>A driver's personal details: held here only; events and other services see a licence reference.</summary>
public sealed class Driver
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public string? Address { get; set; }
    public string? NiNumber { get; set; }
    public string? DrivingLicenceNumber { get; set; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>One dated check on a driver's file.</summary>
public sealed class DriverCheck
{
    public Guid Id { get; init; }
    public Guid DriverId { get; init; }
    public DriverCheckKind Kind { get; init; }
    public DateOnly CheckedOn { get; init; }
    public bool? Passed { get; init; }
    public bool? BothBarredLists { get; init; }
    public bool? OnBarredList { get; init; }
    public bool? RegisterMatch { get; init; }
    public DateOnly? HappenedOn { get; init; }
    public string? Summary { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A conviction on a driver's file.</summary>
public sealed class ConvictionRecord
{
    public Guid Id { get; init; }
    public Guid DriverId { get; init; }
    public OffenceCategory Category { get; init; }
    public DateOnly ConvictedOn { get; init; }
    public DateOnly? SentenceEndsOn { get; init; }
    public DateOnly? BanEndsOn { get; init; }
    public string? Offence { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public Conviction ToConviction() => new(Category, ConvictedOn, SentenceEndsOn, BanEndsOn);
}

internal sealed class DriverConfiguration : IEntityTypeConfiguration<Driver>
{
    public void Configure(EntityTypeBuilder<Driver> b) => b.ToTable("drivers");
}

internal sealed class DriverCheckConfiguration : IEntityTypeConfiguration<DriverCheck>
{
    public void Configure(EntityTypeBuilder<DriverCheck> b)
    {
        b.ToTable("driver_checks");
        // Declared so that EF inserts the driver before the records that name it.
        b.HasOne<Driver>().WithMany().HasForeignKey(c => c.DriverId);
        b.Property(c => c.Kind).HasConversion<string>();
    }
}

internal sealed class ConvictionRecordConfiguration : IEntityTypeConfiguration<ConvictionRecord>
{
    public void Configure(EntityTypeBuilder<ConvictionRecord> b)
    {
        b.ToTable("convictions");
        b.HasOne<Driver>().WithMany().HasForeignKey(c => c.DriverId);
        b.Property(c => c.Category).HasConversion<string>();
    }
}
