using Children.API.Improvement;

namespace Children.Tests.Improvement;

/// <summary>Ofsted recommendations, the seven tests and permanence: RAG history by date, and the permanence count on a day.</summary>
public sealed class ImprovementTests
{
    private static readonly DateTimeOffset Now = new(2016, 9, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Assessing_the_same_date_again_replaces_that_day_s_assessment_and_the_latest_date_gives_the_current_RAG()
    {
        var item = ImprovementItemRecord.Put(null, "OFSTED-1", new ImprovementItemRequest("OfstedRecommendation", "Return interviews", "Ofsted 2014"));
        item.Assess(new AssessmentRequest(new DateOnly(2016, 6, 30), "Red", "No interviews recorded", "Head of service"), Now);
        item.Assess(new AssessmentRequest(new DateOnly(2016, 3, 31), "Red", "Not started", "Head of service"), Now);
        item.Assess(new AssessmentRequest(new DateOnly(2016, 6, 30), "Amber", "Half the interviews within 72 hours", "MASH manager"), Now.AddHours(1));

        var view = item.ToView();

        Assert.Equal([(new DateOnly(2016, 3, 31), "Red"), (new DateOnly(2016, 6, 30), "Amber")], view.History.Select(entry => (entry.AssessedOn, entry.Rag)));
        Assert.Equal(("Amber", "MASH manager"), (view.Rag, view.Owner));
    }

    [Fact]
    public void Putting_an_item_again_replaces_its_title_and_keeps_its_history()
    {
        var item = ImprovementItemRecord.Put(null, "T1", new ImprovementItemRequest("SevenTest", "Leadership", "Children's Commissioner"));
        item.Assess(new AssessmentRequest(new DateOnly(2016, 6, 30), "Green", "Stable leadership team", "DCS"), Now);

        var again = ImprovementItemRecord.Put(item, "T1", new ImprovementItemRequest("SevenTest", "Leadership and governance", "Children's Commissioner"));

        Assert.Same(item, again);
        Assert.Equal(("Leadership and governance", "Green"), (again.Title, again.ToView().Rag));
    }

    [Fact]
    public void On_a_day_the_count_is_of_children_in_scope_by_then_and_those_moved_by_then()
    {
        PermanenceCase[] cases =
        [
            Case("C1", "2016-01-01", "Adoption", achieved: "2016-06-01"),
            Case("C2", "2016-01-01", "Adoption", achieved: "2017-01-01"),
            Case("C3", "2016-02-01", "SpecialGuardianship"),
            Case("C4", "2016-12-01", "LongTermFostering"),
        ];

        var summary = PermanenceCase.Summarise(cases, new DateOnly(2016, 9, 30));

        Assert.Equal((3, 1), (summary.InScope, summary.Achieved));
        Assert.Equal(new Dictionary<string, int> { ["Adoption"] = 2, ["SpecialGuardianship"] = 1 }, summary.ByPlan);
    }

    [Fact]
    public void Putting_a_child_s_case_again_replaces_its_plan_and_dates()
    {
        var stored = Case("C1", "2016-01-01", "Adoption");

        var put = PermanenceCase.Put(stored, "C1", new PermanenceRequest(new DateOnly(2016, 2, 1), "SpecialGuardianship", new DateOnly(2016, 8, 1)));

        Assert.Same(stored, put);
        Assert.Equal((new DateOnly(2016, 2, 1), "SpecialGuardianship", (DateOnly?)new DateOnly(2016, 8, 1)), (put.InScopeFrom, put.Plan, put.AchievedOn));
    }

    private static PermanenceCase Case(string child, string from, string plan, string? achieved = null) =>
        new() { Child = child, InScopeFrom = DateOnly.Parse(from), Plan = plan, AchievedOn = achieved is null ? null : DateOnly.Parse(achieved) };
}
