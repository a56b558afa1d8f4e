using Licensing.API.Licences;

namespace Licensing.Tests.Licences;

public class LicenceStatusTests
{
    private static DateOnly Day(int y, int m, int d) => new(y, m, d);
    private static readonly (DateOnly, DateOnly)[] Granted2015 = [(Day(2015, 1, 10), Day(2018, 1, 9))];

    private static LicenceStatus At(DateOnly on, params (DecidedStatus, DateOnly?)[] changes) => LicenceStatusRule.At(Granted2015, changes, on);

    [Fact]
    public void Before_any_grant_a_licence_is_applied_for_and_from_the_grant_active_until_the_last_day_of_its_term()
    {
        Assert.Equal(LicenceStatus.Applied, At(Day(2015, 1, 9)));
        Assert.Equal(LicenceStatus.Active, At(Day(2015, 1, 10)));
        Assert.Equal(LicenceStatus.Active, At(Day(2018, 1, 9)));
        Assert.Equal(LicenceStatus.Expired, At(Day(2018, 1, 10)));
    }

    [Fact]
    public void A_revocation_counts_from_its_effective_day_not_the_day_before()
    {
        Assert.Equal(LicenceStatus.Active, At(Day(2017, 3, 7), (DecidedStatus.Revoked, Day(2017, 3, 8))));
        Assert.Equal(LicenceStatus.Revoked, At(Day(2017, 3, 8), (DecidedStatus.Revoked, Day(2017, 3, 8))));
        Assert.Equal(LicenceStatus.Revoked, At(Day(2019, 1, 1), (DecidedStatus.Revoked, Day(2017, 3, 8))));
    }

    [Fact]
    public void A_change_waiting_for_an_appeal_has_no_effective_day_and_leaves_the_licence_active()
    {
        Assert.Equal(LicenceStatus.Active, At(Day(2017, 6, 1), (DecidedStatus.Suspended, null)));
    }

    [Fact]
    public void A_suspended_licence_whose_term_ends_is_expired_and_a_renewal_after_a_suspension_makes_it_active_again()
    {
        Assert.Equal(LicenceStatus.Suspended, At(Day(2017, 6, 1), (DecidedStatus.Suspended, Day(2017, 5, 1))));
        Assert.Equal(LicenceStatus.Expired, At(Day(2018, 2, 1), (DecidedStatus.Suspended, Day(2017, 5, 1))));
        var renewed = new[] { (Day(2015, 1, 10), Day(2018, 1, 9)), (Day(2018, 1, 10), Day(2021, 1, 9)) };
        Assert.Equal(LicenceStatus.Active, LicenceStatusRule.At(renewed, [(DecidedStatus.Suspended, Day(2017, 5, 1))], Day(2018, 1, 10)));
    }

    [Fact]
    public void A_refusal_of_a_first_application_leaves_it_refused()
    {
        Assert.Equal(LicenceStatus.Refused, LicenceStatusRule.At([], [(DecidedStatus.Refused, Day(2016, 4, 1))], Day(2016, 4, 1)));
        Assert.Equal(LicenceStatus.Applied, LicenceStatusRule.At([], [(DecidedStatus.Refused, Day(2016, 4, 1))], Day(2016, 3, 31)));
    }
}
