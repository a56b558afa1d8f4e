using Intervention.Contracts.Licensing;
using Licensing.API.Licences;
using Licensing.API.Vehicles;

namespace Licensing.Tests.Vehicles;

/// <summary>Recording vehicle and operator applications: no host, no database.</summary>
public class VehicleApplicationTests
{
    private static readonly DateTimeOffset Now = new(2016, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2016, 1, 10);

    [Fact]
    public void A_vehicle_is_recorded_under_its_registration_in_capitals_without_spaces_with_a_vehicle_licence_applied_for_today()
    {
        var request = new NewVehicle("yt12 abc", new DateOnly(2012, 3, 1), InsuranceWriteOff: false);

        var (vehicle, licence) = Vehicle.Apply(request, licenceNumber: 9, Today, Now);

        Assert.Equal("YT12ABC", vehicle.Registration);
        Assert.Equal(("VE-000009", LicenceType.Vehicle, vehicle.Id, Today), (licence.Reference, licence.Type, licence.VehicleId, licence.AppliedOn));
    }

    [Fact]
    public void Certified_CCTV_must_say_whether_it_records_video_and_audio()
    {
        var problems = VehicleRequests.NewVehicleProblems(new NewVehicle("YT12ABC", new DateOnly(2012, 3, 1), false, CctvCertifiedOn: Today), Today);

        Assert.Equal(["cctvRecordsVideo", "cctvRecordsAudio"], problems.Keys);
    }

    [Fact]
    public void A_registration_of_more_than_eight_letters_and_digits_is_refused()
    {
        var problems = VehicleRequests.NewVehicleProblems(new NewVehicle("ABC 123 DEF", new DateOnly(2012, 3, 1), false), Today);

        Assert.Equal(["registration"], problems.Keys);
    }

    [Fact]
    public void An_operator_is_recorded_with_its_name_trimmed_and_an_operator_licence()
    {
        var licence = Licence.ForOperator(" Fictional Cars Ltd ", appliedOn: null, licenceNumber: 3, Today, Now);

        Assert.Equal(("OP-000003", "Fictional Cars Ltd", Today), (licence.Reference, licence.OperatorName, licence.AppliedOn));
    }
}
