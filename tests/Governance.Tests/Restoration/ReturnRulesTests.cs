using Governance.API.Restoration;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.ServiceDefaults.Authority;

namespace Governance.Tests.Restoration;

public class ReturnRulesTests
{
    private static readonly IReadOnlyDictionary<ReturnTest, Rag> AllGreen = Enum.GetValues<ReturnTest>().ToDictionary(t => t, _ => Rag.Green);

    [Fact]
    public void Four_green_tests_let_the_return_be_recommended()
    {
        Assert.Empty(ReturnRules.NotGreen(AllGreen));
    }

    [Fact]
    public void An_amber_officer_leadership_test_is_named_and_stops_the_recommendation()
    {
        var latest = new Dictionary<ReturnTest, Rag>(AllGreen) { [ReturnTest.OfficerLeadership] = Rag.Amber };
        Assert.Equal([ReturnTest.OfficerLeadership], ReturnRules.NotGreen(latest));
    }

    [Fact]
    public void Every_failing_test_is_named_red_amber_or_never_assessed_in_the_order_of_the_four_tests()
    {
        var latest = new Dictionary<ReturnTest, Rag> { [ReturnTest.CouncillorsReady] = Rag.Red, [ReturnTest.GoodEnoughService] = Rag.Amber, [ReturnTest.QualityAssured] = Rag.Green };
        Assert.Equal([ReturnTest.GoodEnoughService, ReturnTest.OfficerLeadership, ReturnTest.CouncillorsReady], ReturnRules.NotGreen(latest));
    }

    [Fact]
    public void Nothing_assessed_names_all_four_tests()
    {
        Assert.Equal(Enum.GetValues<ReturnTest>(), ReturnRules.NotGreen(new Dictionary<ReturnTest, Rag>()));
    }

    [Fact]
    public void The_latest_assessment_counts_not_the_latest_recorded()
    {
        var t0 = DateTimeOffset.Parse("2017-05-11T10:00:00Z");
        (ReturnTest Test, Rag Rag, DateTimeOffset AssessedAt, DateTimeOffset RecordedAt)[] history =
        [
            (ReturnTest.QualityAssured, Rag.Green, t0.AddDays(30), t0.AddDays(30)),
            // Recorded later but assessed earlier: an old Amber entered late does not undo the Green.
            (ReturnTest.QualityAssured, Rag.Amber, t0, t0.AddDays(40)),
            (ReturnTest.CouncillorsReady, Rag.Green, t0, t0),
            (ReturnTest.CouncillorsReady, Rag.Red, t0.AddDays(1), t0.AddDays(1)),
        ];
        var latest = ReturnRules.Latest(history, h => h.Test, h => h.AssessedAt, h => h.RecordedAt);

        Assert.Equal(Rag.Green, latest[ReturnTest.QualityAssured].Rag);
        Assert.Equal(Rag.Red, latest[ReturnTest.CouncillorsReady].Rag);
    }

    [Fact]
    public void Two_assessments_at_the_same_instant_the_later_recorded_is_the_correction()
    {
        var t0 = DateTimeOffset.Parse("2017-08-11T09:00:00Z");
        (ReturnTest Test, Rag Rag, DateTimeOffset AssessedAt, DateTimeOffset RecordedAt)[] history =
        [
            (ReturnTest.GoodEnoughService, Rag.Amber, t0, t0),
            (ReturnTest.GoodEnoughService, Rag.Green, t0, t0.AddHours(2)),
        ];
        Assert.Equal(Rag.Green, ReturnRules.Latest(history, h => h.Test, h => h.AssessedAt, h => h.RecordedAt)[ReturnTest.GoodEnoughService].Rag);
    }

    [Theory]
    [InlineData(ReturnStep.Recommend, null, null)]
    [InlineData(ReturnStep.Recommend, ReturnStage.Returned, null)]
    [InlineData(ReturnStep.Recommend, ReturnStage.Recommended, ReturnRules.ReturnInProgress)]
    [InlineData(ReturnStep.Recommend, ReturnStage.MindedTo, ReturnRules.ReturnInProgress)]
    [InlineData(ReturnStep.MindedTo, null, ReturnRules.MindedToNeedsRecommendation)]
    [InlineData(ReturnStep.MindedTo, ReturnStage.Recommended, null)]
    [InlineData(ReturnStep.MindedTo, ReturnStage.MindedTo, ReturnRules.MindedToAlreadyRecorded)]
    [InlineData(ReturnStep.MindedTo, ReturnStage.Returned, ReturnRules.MindedToNeedsRecommendation)]
    [InlineData(ReturnStep.Representation, null, ReturnRules.RepresentationsNeedMindedTo)]
    [InlineData(ReturnStep.Representation, ReturnStage.Recommended, ReturnRules.RepresentationsNeedMindedTo)]
    [InlineData(ReturnStep.Representation, ReturnStage.MindedTo, null)]
    [InlineData(ReturnStep.Representation, ReturnStage.Returned, ReturnRules.RepresentationsNeedMindedTo)]
    [InlineData(ReturnStep.Close, null, ReturnRules.DirectionsNeedMindedTo)]
    [InlineData(ReturnStep.Close, ReturnStage.Recommended, ReturnRules.DirectionsNeedMindedTo)]
    [InlineData(ReturnStep.Close, ReturnStage.MindedTo, null)]
    [InlineData(ReturnStep.Close, ReturnStage.Returned, ReturnRules.DirectionsNeedMindedTo)]
    public void Steps_follow_recommendation_minded_to_representations_directions(ReturnStep step, ReturnStage? stage, string? rule)
    {
        Assert.Equal(rule, ReturnRules.StepRefusal(step, stage));
    }

    [Fact]
    public void A_representation_on_the_closing_date_is_in_time_and_the_day_after_is_not()
    {
        var closes = new DateOnly(2018, 2, 26);
        Assert.True(ReturnRules.RepresentationInTime(closes, closes));
        Assert.False(ReturnRules.RepresentationInTime(closes.AddDays(1), closes));
    }

    [Fact]
    public void Directions_issued_on_the_closing_date_are_too_early_the_next_day_they_may_close_the_return()
    {
        var closes = new DateOnly(2018, 2, 26);
        Assert.False(ReturnRules.DirectionsAfterRepresentations(closes, closes));
        Assert.True(ReturnRules.DirectionsAfterRepresentations(closes.AddDays(1), closes));
    }

    [Fact]
    public void Directions_return_a_function_only_when_they_give_it_to_someone_other_than_the_Commissioners()
    {
        FunctionAssignment[] toCabinet = [new() { Function = "childrens-social-care", Authority = Authority.Cabinet, Oversight = Oversight.None }];
        FunctionAssignment[] stillCommissioners = [new() { Function = "childrens-social-care", Authority = Authority.Commissioners, Oversight = Oversight.None }];

        Assert.True(ReturnRules.Returns(toCabinet, "childrens-social-care"));
        Assert.False(ReturnRules.Returns(stillCommissioners, "childrens-social-care"));
        Assert.False(ReturnRules.Returns(toCabinet, "licensing"));
    }

    [Fact]
    public void By_September_2017_Commissioners_held_childrens_social_care_and_statutory_officer_appointments()
    {
        var feb2015 = Guid.NewGuid();
        var mar2017 = Guid.NewGuid();
        var t2015 = DateTimeOffset.Parse("2015-02-26T00:00:00Z");
        var t2017 = DateTimeOffset.Parse("2017-03-27T00:00:00Z");
        AuthorityAssignment Assign(Guid d, string f, Authority a, DateTimeOffset t) => new() { DirectionsId = d, Function = f, Authority = a, Oversight = Oversight.None, EffectiveFrom = t, RecordedAt = t };
        AuthorityAssignment[] register =
        [
            Assign(feb2015, "childrens-social-care", Authority.Commissioners, t2015),
            Assign(feb2015, "statutory-officer-appointments", Authority.Commissioners, t2015),
            Assign(feb2015, "adult-social-care", Authority.Commissioners, t2015),
            Assign(mar2017, "adult-social-care", Authority.Cabinet, t2017),
        ];

        Assert.Equal(["childrens-social-care", "statutory-officer-appointments", "adult-social-care"], ReturnRules.HeldByCommissioners(register, t2017.AddTicks(-1)));
        Assert.Equal(["childrens-social-care", "statutory-officer-appointments"], ReturnRules.HeldByCommissioners(register, DateTimeOffset.Parse("2017-09-12T00:00:00Z")));
    }
}
