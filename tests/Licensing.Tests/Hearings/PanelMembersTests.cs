using System.Diagnostics;
using Intervention.Contracts.Licensing.Http;
using Licensing.API.Hearings;

namespace Licensing.Tests.Hearings;

/// <summary>A panel's members and a hearing's day, checked before anything is stored (issue 15).</summary>
public class PanelMembersTests
{
    [Fact]
    public void A_member_named_twice_is_refused_at_the_second_mention_whatever_the_case_or_spaces()
    {
        var problems = HearingPanel.MemberProblems([new("Cllr Smith"), new("Ms Jones"), new(" cllr smith ")]);

        Assert.Equal(["members[2].name"], problems.Keys);
        Assert.Equal("is already a member of this panel", problems["members[2].name"][0]);
    }

    [Fact]
    public void Thirty_thousand_members_are_checked_in_one_linear_pass()
    {
        // The gateway and the services cap a panel at 20; the check itself must still be linear (it was 11 s of CPU).
        var members = Enumerable.Range(0, 30_000).Select(i => new NewMember($"Member {i}")).Append(new NewMember("member 17")).ToList();
        var watch = Stopwatch.StartNew();

        var problems = HearingPanel.MemberProblems(members);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed.TotalSeconds:0.00} s");
        Assert.Equal(["members[30000].name"], problems.Keys);
    }

    [Fact]
    public void A_hearing_the_day_before_the_application_is_refused_and_one_on_the_day_is_not()
    {
        var applied = new DateOnly(2016, 6, 1);

        Assert.Equal("must not be before the licence was applied for (2016-06-01)", HearingPanel.HeldBeforeApplication(new DateOnly(2016, 5, 31), applied));
        Assert.Null(HearingPanel.HeldBeforeApplication(applied, applied));
    }
}
