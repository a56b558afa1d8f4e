using Licensing.API.Licences;

namespace Licensing.Tests.Licences;

public class LicenceTermsTests
{
    private static readonly LicenceTerms Terms = new();

    private static DateOnly Day(int y, int m, int d) => new(y, m, d);

    [Theory]
    [InlineData(LicenceKind.Driver, 36)]
    [InlineData(LicenceKind.Vehicle, 12)]
    [InlineData(LicenceKind.Operator, 60)]
    public void Standard_terms_are_drivers_3_years_vehicles_1_operators_5(LicenceKind kind, int months)
    {
        Assert.Equal(months, Terms.StandardMonths(kind));
        Assert.Empty(Terms.Validate(kind, months, null));
    }

    [Fact]
    public void Standard_term_needs_no_term_at_all()
    {
        Assert.Empty(Terms.Validate(LicenceKind.Driver, null, null));
    }

    [Fact]
    public void Driver_licence_for_one_year_without_a_reason_is_refused_naming_the_reason_field()
    {
        var errors = Terms.Validate(LicenceKind.Driver, 12, "  ");

        Assert.Equal(["shorterTermReason"], errors.Keys);
    }

    [Fact]
    public void Driver_licence_for_one_year_with_a_recorded_reason_is_accepted()
    {
        Assert.Empty(Terms.Validate(LicenceKind.Driver, 12, "Probationary year after a warning at hearing"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-12)]
    public void Zero_or_negative_term_is_a_field_error(int months)
    {
        var errors = Terms.Validate(LicenceKind.Vehicle, months, "any reason");

        Assert.Equal(["must be a positive number of months"], errors["termMonths"]);
    }

    [Fact]
    public void Vehicle_licence_longer_than_one_year_is_refused()
    {
        Assert.Contains("12 months", Assert.Single(Terms.Validate(LicenceKind.Vehicle, 13, null)["termMonths"]));
    }

    [Fact]
    public void Driver_licence_granted_2015_07_01_is_in_force_through_2018_06_30_and_expired_on_2018_07_01()
    {
        Assert.Equal(Day(2018, 6, 30), LicenceTerms.ExpiresOn(Day(2015, 7, 1), 36));
        Assert.True(LicenceTerms.IsInForce(Day(2015, 7, 1), 36, Day(2018, 6, 30)));
        Assert.False(LicenceTerms.IsInForce(Day(2015, 7, 1), 36, Day(2018, 7, 1)));
        Assert.False(LicenceTerms.IsInForce(Day(2015, 7, 1), 36, Day(2015, 6, 30)));
    }

    [Fact]
    public void Vehicle_licence_granted_on_29_February_2016_runs_to_28_February_2017()
    {
        Assert.Equal(Day(2017, 2, 28), LicenceTerms.ExpiresOn(Day(2016, 2, 29), 12));
    }

    [Fact]
    public void Six_month_licence_granted_31_August_runs_to_the_end_of_February()
    {
        Assert.Equal(Day(2017, 2, 28), LicenceTerms.ExpiresOn(Day(2016, 8, 31), 6));
    }

    [Fact]
    public void Configured_terms_replace_the_defaults()
    {
        var terms = new LicenceTerms(new LicenceTermsOptions { DriverYears = 1 });

        Assert.Equal(12, terms.StandardMonths(LicenceKind.Driver));
        Assert.True(terms.Validate(LicenceKind.Driver, 36, null).ContainsKey("termMonths"));
    }
}
