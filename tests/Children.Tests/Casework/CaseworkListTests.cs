using Children.API.Casework;
using Children.API.Kpis;

namespace Children.Tests.Casework;

/// <summary>Loading casework lists: a list with a bad record names every bad field, and a list naming one record twice is refused.</summary>
public sealed class CaseworkListTests
{
    private static readonly DateOnly Due = new(2017, 6, 1);

    [Fact]
    public void A_list_naming_the_same_record_twice_is_refused()
    {
        Visit[] rows = [new("C1", Due, null), new("C1", Due, Due.AddDays(1))];

        Assert.True(CaseworkLists.Visits.NamesOneRecordTwice(rows));
        Assert.False(CaseworkLists.Visits.NamesOneRecordTwice([rows[0], rows[1] with { DueOn = Due.AddDays(42) }]));
    }

    [Fact]
    public void Two_spellings_of_one_postcode_are_the_same_record()
    {
        var rows = new[] { new PostcodeRecord("s602th", 53.43, -1.35), new PostcodeRecord("S60 2TH", 53.43, -1.35) }.Select(CaseworkLists.Postcodes.ToRow).ToList();

        Assert.Equal("S60 2TH", rows[0].Postcode);
        Assert.True(CaseworkLists.Postcodes.NamesOneRecordTwice(rows));
    }

    [Fact]
    public void Every_bad_field_of_every_record_is_named_by_its_place_in_the_list()
    {
        AllocationRecord?[] records = [new("C1", "SW-1", Due, null), null, new("", "SW 2", null, null)];

        var errors = CaseworkLists.Allocations.Errors(records);

        Assert.Equal(["[1]", "[2].child", "[2].fromOn", "[2].socialWorker"], errors.Keys.Order());
    }

    [Theory]
    [InlineData(1990, true)]
    [InlineData(1991, false)]
    public void A_visit_before_1991_is_not_a_real_visit_date(int year, bool refused)
    {
        var errors = CaseworkLists.Visits.Errors([new VisitRecord("C1", Due, new DateOnly(year, 1, 1))]);

        Assert.Equal(refused, errors.ContainsKey("[0].visitedOn"));
    }

    [Fact]
    public void Dates_out_of_order_are_refused_for_the_later_field()
    {
        Assert.Contains("[0].completedOn", CaseworkLists.Assessments.Errors([new AssessmentRecord("C1", Due, Due.AddDays(-1))]).Keys);
        Assert.Contains("[0].endedOn", CaseworkLists.Plans.Errors([new PlanRecord("C1", Due, Due.AddDays(-1), Due)]).Keys);
        Assert.Contains("[0].interviewedOn", CaseworkLists.ReturnInterviews.Errors([new ReturnInterviewRecord("C1", Due, Due.AddDays(-1))]).Keys);
        Assert.Contains("[0].kind", CaseworkLists.HealthAssessments.Errors([new HealthAssessmentRecord("C1", "Review", Due, null)]).Keys);
    }
}
