using Licensing.API.Drivers;

namespace Licensing.Tests.Drivers;

public class DriverCheckTests
{
    private static readonly DateOnly Today = new(2017, 1, 1);

    [Fact]
    public void A_knowledge_test_needs_its_result_and_a_DBS_certificate_needs_to_say_whether_both_barred_lists_were_checked()
    {
        Assert.Contains("passed", DriverRequests.CheckProblems(new NewCheck(DriverCheckKind.KnowledgeTest, Today), Today).Keys);
        Assert.Contains("bothBarredLists", DriverRequests.CheckProblems(new NewCheck(DriverCheckKind.Dbs, Today), Today).Keys);
        Assert.Empty(DriverRequests.CheckProblems(new NewCheck(DriverCheckKind.Dbs, Today, BothBarredLists: true), Today));
    }

    [Fact]
    public void A_field_that_does_not_belong_to_the_kind_is_refused_not_silently_kept()
    {
        var errors = DriverRequests.CheckProblems(new NewCheck(DriverCheckKind.Medical, Today, Passed: true, RegisterMatch: true), Today);
        Assert.Equal(["registerMatch"], errors.Keys);
    }

    [Fact]
    public void A_check_dated_tomorrow_is_refused_and_one_dated_today_accepted()
    {
        Assert.Contains("on", DriverRequests.CheckProblems(new NewCheck(DriverCheckKind.DvlaCheck, Today.AddDays(1)), Today).Keys);
        Assert.Empty(DriverRequests.CheckProblems(new NewCheck(DriverCheckKind.DvlaCheck, Today), Today));
    }

    [Fact]
    public void A_self_report_cannot_be_reported_before_it_happened()
    {
        Assert.Contains("happenedOn", DriverRequests.CheckProblems(new NewCheck(DriverCheckKind.SelfReport, Today, HappenedOn: Today.AddDays(1), Summary: "Arrested"), Today).Keys);
        Assert.Empty(DriverRequests.CheckProblems(new NewCheck(DriverCheckKind.SelfReport, Today, HappenedOn: Today.AddDays(-3), Summary: "Arrested"), Today));
    }
}
