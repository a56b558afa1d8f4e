using Licensing.API.Audits;

namespace Licensing.Tests.Audits;

public class DriverAuditTests
{
    private static readonly DateTimeOffset Now = new(2015, 9, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2015, 9, 1);

    [Fact]
    public void An_audit_runs_as_at_today_unless_a_past_day_is_given_and_never_as_at_a_future_day()
    {
        Assert.Equal((Today, AuditStatus.Running), (DriverAudit.Start(null, Today, Now).Changes!.AsAt, DriverAudit.Start(null, Today, Now).Changes!.Status));
        Assert.Equal(new DateOnly(2015, 6, 1), DriverAudit.Start(new DateOnly(2015, 6, 1), Today, Now).Changes!.AsAt);
        Assert.Equal(["must not be in the future"], DriverAudit.Start(Today.AddDays(1), Today, Now).Refused!.Fields!["asAt"]);
    }
}
