using Intervention.Contracts.Licensing;
using Licensing.API.Licences;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Licensing.API.Drivers;

/// <summary>
/// A person's application for a driver's licence of one type, by NI number: there is one per NI number and licence type,
/// so an application made twice (a retry, a second form) cannot give the same person a second licence reference.
/// </summary>
public sealed class LicenceApplication
{
    public required string NiNumber { get; init; }
    public LicenceType LicenceType { get; init; }
    public Guid DriverId { get; init; }
    public Guid LicenceId { get; init; }
}

internal sealed class LicenceApplicationConfiguration : IEntityTypeConfiguration<LicenceApplication>
{
    public void Configure(EntityTypeBuilder<LicenceApplication> b)
    {
        b.ToTable("licence_applications");
        b.HasKey(application => new { application.NiNumber, application.LicenceType });
        b.Property(application => application.LicenceType).HasConversion<string>();
        // Declared so that EF inserts the driver and the licence before the application that names them.
        b.HasOne<Driver>().WithMany().HasForeignKey(application => application.DriverId);
        b.HasOne<Licence>().WithMany().HasForeignKey(application => application.LicenceId);
    }
}
