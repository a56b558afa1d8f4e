using Governance.API.Directions;
using Governance.API.Restoration;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.Directions;

namespace Governance.Tests.Restoration;

/// <summary>
/// The return of children's social care, step by step over the loaded state: assessments only while Commissioners hold it,
/// a recommendation on four green tests, "minded to", representations until their closing date, and new Directions.
/// </summary>
public class ReturnProcessTests
{
    private const string Function = "childrens-social-care";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2018-01-10T12:00:00Z");
    private static readonly Guid February2015 = Guid.Parse("00000000-0000-0000-0000-000000000215");

    private static AuthorityAssignment HeldBy(Authority authority) => new()
    {
        DirectionsId = February2015, Function = Function, Authority = authority, Oversight = Oversight.None,
        EffectiveFrom = DateTimeOffset.Parse("2015-02-26T00:00:00Z"), RecordedAt = DateTimeOffset.Parse("2015-02-26T00:00:00Z"),
    };

    private static TestAssessment Assessed(ReturnTest test, Rag rag, string at = "2017-12-01T10:00:00Z") => new()
    {
        Id = Guid.NewGuid(), Function = Function, Test = test, Rag = rag, Evidence = "Ofsted", Assessor = "Commissioner",
        AssessedAt = DateTimeOffset.Parse(at), RecordedAt = DateTimeOffset.Parse(at),
    };

    private static List<TestAssessment> AllGreen() => [.. Enum.GetValues<ReturnTest>().Select(t => Assessed(t, Rag.Green))];

    private static readonly RecommendReturnRequest Recommendation = new() { RecommendedOn = new DateOnly(2018, 1, 8), RecommendedBy = " Commissioners " };

    private static ReturnProcess Recommended() =>
        ReturnProcess.Recommend(Function, HeldBy(Authority.Commissioners), null, AllGreen(), Recommendation, Now).Changes!;

    private static ReturnProcess MindedTo(DateOnly closesOn)
    {
        var process = Recommended();
        Assert.Null(process.RecordMindedTo(new MindedToRequest { MindedToOn = new DateOnly(2018, 2, 1), Department = "MHCLG", RepresentationsCloseOn = closesOn }, Now));
        return process;
    }

    [Fact]
    public void An_assessment_is_recorded_while_the_Commissioners_hold_the_function()
    {
        var request = new AssessReturnTestRequest { Test = ReturnTest.QualityAssured, Rag = Rag.Amber, Evidence = " Audit ", Assessor = "Mary Ney" };

        var assessment = TestAssessment.Record(Function, HeldBy(Authority.Commissioners), request, Now).Changes!;

        Assert.Equal((ReturnTest.QualityAssured, Rag.Amber, "Audit", Now, Now), (assessment.Test, assessment.Rag, assessment.Evidence, assessment.AssessedAt, assessment.RecordedAt));
    }

    [Fact]
    public void A_function_the_Council_holds_is_not_assessed_for_return()
    {
        var request = new AssessReturnTestRequest { Test = ReturnTest.QualityAssured, Rag = Rag.Green, Evidence = "e", Assessor = "a" };

        Assert.Equal(ReturnRules.NotHeldByCommissioners, TestAssessment.Record(Function, HeldBy(Authority.Council), request, Now).Refused!.Rule);
        Assert.Equal(ReturnRules.NotHeldByCommissioners, TestAssessment.Record(Function, null, request, Now).Refused!.Rule);
    }

    [Fact]
    public void A_return_is_recommended_on_four_green_tests()
    {
        var process = Recommended();

        Assert.Equal((ReturnStage.Recommended, "Commissioners", Now), (process.Stage, process.RecommendedBy, process.RecommendedAt));
    }

    [Fact]
    public void An_amber_officer_leadership_test_stops_the_recommendation_and_is_named()
    {
        var assessments = AllGreen();
        assessments.Add(Assessed(ReturnTest.OfficerLeadership, Rag.Amber, "2017-12-20T10:00:00Z"));

        var refusal = ReturnProcess.Recommend(Function, HeldBy(Authority.Commissioners), null, assessments, Recommendation, Now).Refused!;

        Assert.Equal(ReturnRules.FourTestsNotGreen, refusal.Rule);
        Assert.Equal(["OfficerLeadership"], (string[])refusal.Extensions!["failingTests"]!);
        Assert.Contains("OfficerLeadership is Amber", refusal.Detail);
    }

    [Fact]
    public void A_second_recommendation_while_one_is_in_progress_is_refused()
    {
        var refusal = ReturnProcess.Recommend(Function, HeldBy(Authority.Commissioners), Recommended(), AllGreen(), Recommendation, Now).Refused!;

        Assert.Equal(ReturnRules.ReturnInProgress, refusal.Rule);
        Assert.Equal("Recommended", refusal.Extensions!["stage"]);
    }

    [Fact]
    public void Minded_to_before_the_recommendation_is_refused()
    {
        var process = Recommended();
        var early = new MindedToRequest { MindedToOn = new DateOnly(2018, 1, 7), Department = "MHCLG", RepresentationsCloseOn = new DateOnly(2018, 2, 1) };

        Assert.Equal(ReturnRules.MindedToBeforeRecommendation, process.RecordMindedTo(early, Now)!.Rule);
        Assert.Equal(ReturnStage.Recommended, process.Stage);
    }

    [Fact]
    public void Minded_to_without_a_recommendation_is_refused()
    {
        var request = new MindedToRequest { MindedToOn = new DateOnly(2018, 2, 1), Department = "MHCLG", RepresentationsCloseOn = new DateOnly(2018, 3, 1) };

        Assert.Equal(ReturnRules.MindedToNeedsRecommendation, ReturnProcess.MindedTo(Function, null, request, Now)!.Rule);
    }

    [Fact]
    public void A_representation_is_taken_up_to_and_including_the_closing_date_and_refused_after()
    {
        var process = MindedTo(closesOn: new DateOnly(2018, 3, 1));
        RepresentationRequest On(int month, int day) => new() { ReceivedOn = new DateOnly(2018, month, day), From = " Rotherham Council ", Summary = "Ready" };

        var taken = ReturnProcess.Represent(Function, process, On(3, 1), Now).Changes!;
        Assert.Equal((process.Id, "Rotherham Council"), (taken.ReturnProcessId, taken.MadeBy));
        Assert.Equal(ReturnRules.RepresentationsClosed, ReturnProcess.Represent(Function, process, On(3, 2), Now).Refused!.Rule);
    }

    [Fact]
    public void Directions_issued_before_representations_closed_do_not_close_the_return()
    {
        var process = MindedTo(closesOn: new DateOnly(2018, 3, 1));

        Assert.Equal(ReturnRules.RepresentationsStillOpen, ReturnProcess.Close(Function, process, Returning(new DateOnly(2018, 3, 1), Authority.Council), Now)!.Rule);
        Assert.Null(process.ClosedAt);
    }

    [Fact]
    public void Directions_that_leave_the_function_with_the_Commissioners_do_not_close_the_return()
    {
        var process = MindedTo(closesOn: new DateOnly(2018, 3, 1));

        Assert.Equal(ReturnRules.DirectionsDoNotReturnFunction,
            ReturnProcess.Close(Function, process, Returning(new DateOnly(2018, 3, 20), Authority.Commissioners), Now)!.Rule);
    }

    [Fact]
    public void Directions_giving_the_function_back_after_representations_close_the_return()
    {
        var process = MindedTo(closesOn: new DateOnly(2018, 3, 1));
        var directions = Returning(new DateOnly(2018, 3, 20), Authority.Council);

        Assert.Null(ReturnProcess.Close(Function, process, directions, Now));
        Assert.Equal((ReturnStage.Returned, directions.Id, Now), (process.Stage, process.ReturnedByDirectionsId, process.ClosedAt));
    }

    private static IssuedDirections Returning(DateOnly issuedOn, Authority to)
    {
        var directions = new IssuedDirections { Id = Guid.NewGuid(), IssuedOn = issuedOn, IssuedBy = ["MHCLG"], EffectiveFrom = Now, RecordedAt = Now };
        directions.Assignments.Add(new AuthorityAssignment
        {
            DirectionsId = directions.Id, Function = Function, Authority = to, Oversight = Oversight.None, EffectiveFrom = Now, RecordedAt = Now,
        });
        return directions;
    }
}
