using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Licensing.API.Vehicles;

/// <summary>A vehicle presented for licensing, with the facts the vehicle policy reads.</summary>
public sealed class Vehicle
{
    public Guid Id { get; init; }
    public required string Registration { get; init; }
    public DateOnly FirstRegisteredOn { get; init; }
    public bool InsuranceWriteOff { get; set; }
    public DateOnly? CctvCertifiedOn { get; set; }
    public bool CctvRecordsVideo { get; set; }
    public bool CctvRecordsAudio { get; set; }
    public DateTimeOffset RecordedAt { get; init; }

    public VehicleApplication ToApplication(bool isRenewal, string? exceptionalCondition) =>
        new(FirstRegisteredOn, isRenewal, exceptionalCondition, InsuranceWriteOff, CctvCertifiedOn, CctvRecordsVideo, CctvRecordsAudio);
}

internal sealed class VehicleConfiguration : IEntityTypeConfiguration<Vehicle>
{
    public void Configure(EntityTypeBuilder<Vehicle> b) => b.ToTable("vehicles");
}
