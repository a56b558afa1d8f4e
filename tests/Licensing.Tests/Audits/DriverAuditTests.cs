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

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static DriverAudit Running() => DriverAudit.Start(null, Today, Now).Changes!;

    [Fact]
    public void A_running_audit_nobody_runs_is_claimed_by_the_first_replica_for_the_lease_and_refused_to_another_meanwhile()
    {
        var audit = Running();
        Assert.Null(audit.Claim("licensing-a", Now, Lease));
        Assert.Equal(("licensing-a", Now + Lease), (audit.ClaimedBy, audit.ClaimedUntil));
        var refused = audit.Claim("licensing-b", Now + Lease - TimeSpan.FromSeconds(1), Lease);
        Assert.Equal("audit-run-claimed", refused!.Rule);
        Assert.Equal(("licensing-a", Now + Lease), (audit.ClaimedBy, audit.ClaimedUntil));
    }

    [Fact]
    public void The_replica_running_an_audit_renews_its_claim_with_each_batch()
    {
        var audit = Running();
        audit.Claim("licensing-a", Now, Lease);
        Assert.Null(audit.Claim("licensing-a", Now + TimeSpan.FromSeconds(20), Lease));
        Assert.Equal(Now + TimeSpan.FromSeconds(50), audit.ClaimedUntil);
    }

    [Fact]
    public void A_claim_not_renewed_within_its_lease_a_crashed_replica_s_is_taken_over_and_its_holder_may_not_go_on()
    {
        var audit = Running();
        audit.Claim("licensing-a", Now, Lease);
        Assert.Null(audit.Claim("licensing-b", Now + Lease, Lease));
        Assert.Equal("licensing-b", audit.ClaimedBy);
        // The first replica, back from a long pause, finds it has lost the run and writes nothing more.
        Assert.Equal("audit-run-claimed", audit.Claim("licensing-a", Now + Lease + TimeSpan.FromSeconds(1), Lease)!.Rule);
    }

    [Fact]
    public void An_audit_completed_or_failed_is_not_claimed_again()
    {
        var audit = Running();
        audit.Status = AuditStatus.Completed;
        Assert.Equal("audit-not-running", audit.Claim("licensing-a", Now, Lease)!.Rule);
        audit.Status = AuditStatus.Failed;
        Assert.Equal("audit-not-running", audit.Claim("licensing-a", Now, Lease)!.Rule);
        Assert.Null(audit.ClaimedBy);
    }
}
