using Licensing.API.Vehicles;

namespace Licensing.Tests.Vehicles;

public class VehiclePolicyTests
{
    private static readonly VehiclePolicy Policy = new();

    private static DateOnly Day(int y, int m, int d) => new(y, m, d);

    /// <summary>First registered 1 June 2010, with certified CCTV recording video and audio.</summary>
    private static VehicleApplication Vehicle(bool renewal, string? exceptional = null) =>
        new(Day(2010, 6, 1), renewal, exceptional, CctvCertifiedOn: Day(2015, 1, 5), CctvRecordsVideo: true, CctvRecordsAudio: true);

    private static string[] Codes(VehicleVerdict verdict) => [.. verdict.Reasons.Select(r => r.Code)];

    [Fact]
    public void Vehicle_first_registered_2010_06_01_may_have_its_first_licence_on_2015_05_31()
    {
        var verdict = Policy.Assess(Vehicle(renewal: false), Day(2015, 5, 31));

        Assert.True(verdict.MayLicence);
        Assert.Empty(verdict.Reasons);
    }

    [Fact]
    public void Vehicle_first_registered_2010_06_01_is_too_old_for_a_first_licence_on_2015_06_01()
    {
        var verdict = Policy.Assess(Vehicle(renewal: false), Day(2015, 6, 1));

        Assert.False(verdict.MayLicence);
        Assert.Equal(["over-age"], Codes(verdict));
    }

    [Fact]
    public void The_same_vehicle_may_be_renewed_on_2015_06_01()
    {
        Assert.True(Policy.Assess(Vehicle(renewal: true), Day(2015, 6, 1)).MayLicence);
    }

    [Fact]
    public void Vehicle_first_registered_2010_06_01_may_be_renewed_on_2020_05_31_but_not_on_2020_06_01()
    {
        Assert.True(Policy.Assess(Vehicle(renewal: true), Day(2020, 5, 31)).MayLicence);
        Assert.Equal(["over-age"], Codes(Policy.Assess(Vehicle(renewal: true), Day(2020, 6, 1))));
    }

    [Fact]
    public void Over_age_vehicle_with_a_recorded_exceptional_condition_may_be_licensed_and_the_override_is_listed()
    {
        var verdict = Policy.Assess(Vehicle(renewal: false, exceptional: "Low mileage, inspected 2015-06-01, showroom condition"), Day(2015, 6, 1));

        Assert.True(verdict.MayLicence);
        var reason = Assert.Single(verdict.Reasons);
        Assert.Equal("over-age-exceptional-condition", reason.Code);
        Assert.False(reason.Blocks);
        Assert.Contains("showroom condition", reason.Sentence);
    }

    [Fact]
    public void Over_age_vehicle_at_renewal_with_a_recorded_exceptional_condition_may_be_renewed()
    {
        Assert.True(Policy.Assess(Vehicle(renewal: true, exceptional: "Exceptional condition on inspection"), Day(2021, 1, 1)).MayLicence);
    }

    [Fact]
    public void A_blank_override_is_no_override()
    {
        Assert.False(Policy.Assess(Vehicle(renewal: false, exceptional: "  "), Day(2015, 6, 1)).MayLicence);
    }

    [Fact]
    public void Insurance_write_off_is_refused_even_with_an_exceptional_condition_override()
    {
        var verdict = Policy.Assess(Vehicle(renewal: false, exceptional: "Exceptional condition") with { InsuranceWriteOff = true }, Day(2015, 6, 1));

        Assert.False(verdict.MayLicence);
        Assert.Equal(["over-age-exceptional-condition", "insurance-write-off"], Codes(verdict));
    }

    [Fact]
    public void Vehicle_without_certified_CCTV_is_refused()
    {
        Assert.Equal(["cctv-not-certified"], Codes(Policy.Assess(Vehicle(renewal: false) with { CctvCertifiedOn = null }, Day(2015, 3, 1))));
    }

    [Fact]
    public void CCTV_certified_after_the_day_of_licensing_does_not_count()
    {
        Assert.Equal(["cctv-not-certified"], Codes(Policy.Assess(Vehicle(renewal: false), Day(2015, 1, 4))));
    }

    [Fact]
    public void CCTV_without_audio_is_refused()
    {
        var verdict = Policy.Assess(Vehicle(renewal: false) with { CctvRecordsAudio = false }, Day(2015, 3, 1));

        Assert.False(verdict.MayLicence);
        Assert.Equal(["cctv-no-audio"], Codes(verdict));
    }

    [Fact]
    public void CCTV_without_video_is_refused()
    {
        Assert.Equal(["cctv-no-video"], Codes(Policy.Assess(Vehicle(renewal: false) with { CctvRecordsVideo = false }, Day(2015, 3, 1))));
    }

    [Fact]
    public void Age_limits_come_from_the_options()
    {
        var policy = new VehiclePolicy(new VehiclePolicyOptions { MaxAgeYearsAtFirstLicence = 3 });

        Assert.Equal(Day(2013, 6, 1), policy.TooOldFrom(Vehicle(renewal: false)));
        Assert.Equal(Day(2020, 6, 1), policy.TooOldFrom(Vehicle(renewal: true)));
    }
}
