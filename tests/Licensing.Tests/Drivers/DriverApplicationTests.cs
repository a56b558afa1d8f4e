using Intervention.Contracts.Licensing;
using Licensing.API.Drivers;

namespace Licensing.Tests.Drivers;

/// <summary>Recording a driver's application, decided over what is already on file: no host, no database.</summary>
public class DriverApplicationTests
{
    private static readonly DateTimeOffset Now = new(2017, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2017, 1, 10);

    private static NewDriver Application(string? niNumber = "qq 12 34 56 c", ExistingGrant? existing = null) =>
        new("Repeat Applicant", new DateOnly(1979, 5, 5), LicenceType.PrivateHire, NiNumber: niNumber, ExistingLicence: existing);

    [Fact]
    public void A_second_application_under_the_same_NI_number_for_the_same_licence_type_is_refused_naming_the_driver_who_applied()
    {
        var earlier = new EarlierApplication(Guid.NewGuid(), "PH-000001");

        var refused = Driver.Apply(Application(), earlier, licenceNumber: 2, Today, Now).Refused!;

        Assert.Equal((409, "one-application-per-ni-number-and-licence-type"), (refused.Status, refused.Rule));
        Assert.Equal((earlier.DriverId, "PH-000001"), ((Guid)refused.Extensions!["driverId"]!, (string)refused.Extensions["licenceReference"]!));
    }

    [Fact]
    public void An_application_is_recorded_under_its_NI_number_written_without_spaces_or_case_and_the_next_licence_number()
    {
        var applied = Driver.Apply(Application(), earlier: null, licenceNumber: 123, Today, Now).Changes!;

        Assert.Equal("QQ123456C", applied.Driver.NiNumber);
        Assert.Equal(("PH-000123", Today), (applied.Licence.Reference, applied.Licence.AppliedOn));
        Assert.Equal(("QQ123456C", LicenceType.PrivateHire, applied.Licence.Id), (applied.Application!.NiNumber, applied.Application.LicenceType, applied.Application.LicenceId));
        Assert.Empty(applied.Licence.Grants);
    }

    [Fact]
    public void Without_an_NI_number_no_application_is_kept_to_compare_with()
    {
        Assert.Null(Driver.Apply(Application(niNumber: " "), earlier: null, licenceNumber: 1, Today, Now).Changes!.Application);
    }

    [Fact]
    public void A_licence_carried_over_from_earlier_records_for_less_than_three_years_says_why_its_term_is_shorter()
    {
        var existing = new ExistingGrant(new DateOnly(2016, 7, 1), TermMonths: 12);

        var licence = Driver.Apply(Application(existing: existing), earlier: null, licenceNumber: 5, Today, Now).Changes!.Licence;

        var grant = Assert.Single(licence.Grants);
        Assert.Equal(new DateOnly(2016, 7, 1), licence.AppliedOn);
        Assert.Equal((new DateOnly(2017, 6, 30), "Carried over from the council's previous licensing records"), (grant.ExpiresOn, grant.ShorterTermReason));
    }
}
