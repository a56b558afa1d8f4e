using Intervention.Contracts.Licensing;
using Licensing.API.Drivers;
using Licensing.API.Licences;
using Licensing.API.Vehicles;

namespace Licensing.Tests.Licences;

/// <summary>Granting a licence over the loaded licence, the driver's records or the vehicle: no host, no database.</summary>
public class LicenceGrantTests
{
    private static readonly DateTimeOffset Now = new(2017, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2017, 6, 1);

    private static Licence Applied(LicenceType type, DateOnly appliedOn, Guid? driverId = null, Guid? vehicleId = null) => new()
    {
        Id = Guid.NewGuid(), Reference = Licence.ReferenceFor(type, 7), Type = type, AppliedOn = appliedOn, RecordedAt = Now,
        DriverId = type is LicenceType.PrivateHire or LicenceType.HackneyCarriage ? driverId ?? Guid.NewGuid() : null,
        VehicleId = type == LicenceType.Vehicle ? vehicleId ?? Guid.NewGuid() : null,
        OperatorName = type == LicenceType.Operator ? "Fictional Cars Ltd" : null,
    };

    private static GrantingContext Context(DriverRecords? driver = null, Vehicle? vehicle = null) =>
        new(Today, driver, vehicle, new FitnessPolicy(), new VehiclePolicy(), new LicenceTerms());

    /// <summary>First registered 1 May 2010: over five years old at its first licence in January 2016; CCTV certified.</summary>
    private static readonly Vehicle OverAge = new()
    {
        Id = Guid.NewGuid(), Registration = "YT12ABC", FirstRegisteredOn = new DateOnly(2010, 5, 1), CctvCertifiedOn = new DateOnly(2016, 1, 5),
        CctvRecordsVideo = true, CctvRecordsAudio = true, RecordedAt = Now,
    };

    [Fact]
    public void A_negative_term_is_refused_naming_termMonths()
    {
        var licence = Applied(LicenceType.PrivateHire, new DateOnly(2016, 12, 1));

        var refused = licence.Grant(new GrantRequest(new DateOnly(2017, 1, 1), TermMonths: -12), Context(new DriverRecords()), Now).Refused!;

        Assert.Equal((400, "The licence cannot be granted"), (refused.Status, refused.Title));
        Assert.Equal(["termMonths"], refused.Fields!.Keys);
    }

    [Fact]
    public void An_officer_cannot_grant_to_a_driver_with_a_sexual_offence_conviction_and_the_refusal_gives_the_outcome_and_every_reason()
    {
        var licence = Applied(LicenceType.PrivateHire, new DateOnly(2016, 12, 1));
        var records = new DriverRecords { Convictions = [new Conviction(OffenceCategory.SexualOffence, new DateOnly(2001, 3, 1))] };

        var refused = licence.Grant(new GrantRequest(new DateOnly(2017, 1, 1)), Context(records), Now).Refused!;

        Assert.Equal((409, "officer-cannot-grant"), (refused.Status, refused.Rule));
        Assert.Equal("NeedsHearing", refused.Extensions!["outcome"]);
        Assert.Contains("conviction-never-period", ((IReadOnlyList<FitnessReason>)refused.Extensions["reasons"]!).Select(reason => reason.Code));
        Assert.Empty(licence.Grants);
    }

    [Fact]
    public void An_over_age_vehicle_is_licensed_only_with_its_exceptional_condition_recorded_for_one_year()
    {
        var licence = Applied(LicenceType.Vehicle, new DateOnly(2016, 1, 10), vehicleId: OverAge.Id);

        var refused = licence.Grant(new GrantRequest(new DateOnly(2016, 1, 20)), Context(vehicle: OverAge), Now).Refused!;
        Assert.Equal("vehicle-not-licensable", refused.Rule);
        Assert.Equal(["over-age"], ((IReadOnlyList<VehicleReason>)refused.Extensions!["reasons"]!).Select(reason => reason.Code));

        var request = new GrantRequest(new DateOnly(2016, 1, 20), ExceptionalConditionReason: " Inspected: as new, 30,000 miles ");
        var grant = licence.Grant(request, Context(vehicle: OverAge), Now).Changes!;

        Assert.Equal(("Inspected: as new, 30,000 miles", new DateOnly(2017, 1, 19)), (grant.ExceptionalCondition, grant.ExpiresOn));
        Assert.Equal(LicenceStatus.Active, licence.StatusOn(new DateOnly(2016, 1, 20)));
    }

    [Fact]
    public void An_operator_is_licensed_for_five_years_and_a_shorter_term_needs_its_reason()
    {
        var licence = Applied(LicenceType.Operator, new DateOnly(2016, 2, 1));

        var grant = licence.Grant(new GrantRequest(new DateOnly(2016, 2, 15)), Context(), Now).Changes!;
        Assert.Equal((60, new DateOnly(2021, 2, 14)), (grant.TermMonths, grant.ExpiresOn));

        var shorter = Applied(LicenceType.Operator, new DateOnly(2016, 2, 1)).Grant(new GrantRequest(new DateOnly(2016, 2, 15), TermMonths: 6), Context(), Now);
        Assert.Equal(["shorterTermReason"], shorter.Refused!.Fields!.Keys);
    }

    [Fact]
    public void A_grant_is_not_dated_before_the_application_in_the_future_or_before_an_earlier_grant()
    {
        var licence = Applied(LicenceType.Operator, new DateOnly(2016, 2, 1));

        Assert.Equal(["must not be before the application of 2016-02-01"], licence.Grant(new GrantRequest(new DateOnly(2016, 1, 31)), Context(), Now).Refused!.Fields!["grantedOn"]);
        Assert.Equal(["must not be in the future"], licence.Grant(new GrantRequest(Today.AddDays(1)), Context(), Now).Refused!.Fields!["grantedOn"]);
        licence.Grant(new GrantRequest(new DateOnly(2016, 3, 1)), Context(), Now);
        Assert.Equal("grant-out-of-order", licence.Grant(new GrantRequest(new DateOnly(2016, 3, 1)), Context(), Now).Refused!.Rule);
    }

    [Fact]
    public void A_revoked_licence_is_not_renewed()
    {
        var licence = Applied(LicenceType.Operator, new DateOnly(2016, 2, 1));
        licence.Grant(new GrantRequest(new DateOnly(2016, 2, 15)), Context(), Now);
        licence.StatusChanges.Add(new LicenceStatusChange { Status = DecidedStatus.Revoked, EffectiveOn = new DateOnly(2016, 6, 1), Reason = "Revocation" });

        var refused = licence.Grant(new GrantRequest(new DateOnly(2017, 2, 15)), Context(), Now).Refused!;

        Assert.Equal("licence-revoked-or-refused", refused.Rule);
    }
}
