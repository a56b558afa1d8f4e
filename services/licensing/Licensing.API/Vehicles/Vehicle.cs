using Intervention.Contracts.Licensing;
using Intervention.ServiceDefaults.Http;
using Licensing.API.Licences;
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

    /// <summary>A registration mark as compared: letters and digits only, upper case (<c>yt12 abc</c> is <c>YT12ABC</c>).</summary>
    public static string? Normalise(string? registration) =>
        registration is null ? null : new string(registration.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();

    /// <summary>
    /// Records a vehicle's application: the vehicle as presented and a new vehicle licence under the next number of the
    /// register, applied for on the day given or today. A registration is recorded once (the database's unique index
    /// refuses the second: <see cref="AlreadyRecorded"/>).
    /// </summary>
    /// <param name="request">The application, valid by <see cref="VehicleRequests.NewVehicleProblems"/>.</param>
    /// <param name="licenceNumber">The next number of the licence register.</param>
    /// <param name="today">The council's day now.</param>
    /// <param name="now">The instant it is recorded.</param>
    public static (Vehicle Vehicle, Licence Licence) Apply(NewVehicle request, long licenceNumber, DateOnly today, DateTimeOffset now)
    {
        var vehicle = new Vehicle
        {
            Id = Guid.CreateVersion7(now), Registration = Normalise(request.Registration)!, FirstRegisteredOn = request.FirstRegisteredOn!.Value,
            InsuranceWriteOff = request.InsuranceWriteOff!.Value, CctvCertifiedOn = request.CctvCertifiedOn,
            CctvRecordsVideo = request.CctvRecordsVideo ?? false, CctvRecordsAudio = request.CctvRecordsAudio ?? false, RecordedAt = now,
        };
        var licence = new Licence
        {
            Id = Guid.CreateVersion7(now), Reference = Licence.ReferenceFor(LicenceType.Vehicle, licenceNumber), Type = LicenceType.Vehicle,
            VehicleId = vehicle.Id, AppliedOn = request.AppliedOn ?? today, RecordedAt = now,
        };
        return (vehicle, licence);
    }

    /// <summary>The 409 for a registration already recorded.</summary>
    public static Refusal AlreadyRecorded(string registration) =>
        Refusal.ByRule("vehicle-already-recorded", $"A vehicle registered {registration} is already recorded.");
}

internal sealed class VehicleConfiguration : IEntityTypeConfiguration<Vehicle>
{
    public void Configure(EntityTypeBuilder<Vehicle> b) => b.ToTable("vehicles");
}
