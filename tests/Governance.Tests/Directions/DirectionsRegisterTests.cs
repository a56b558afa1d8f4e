using Governance.API.Decisions;
using Governance.API.Directions;
using Intervention.Contracts.Governance;
using Intervention.Directions;
using static Governance.Tests.Decisions.Registers;

namespace Governance.Tests.Directions;

/// <summary>Issuing Directions over the register as loaded: what is recorded, what is published, what is refused.</summary>
public class DirectionsRegisterTests
{
    private static readonly DateTimeOffset RecordedLate = DateTimeOffset.Parse("2016-12-20T17:00:00Z");

    private static IssueDirectionsRequest LicensingToTheCouncil(string effectiveFrom, Authority authority = Authority.Council) => new()
    {
        IssuedOn = new DateOnly(2016, 12, 20),
        IssuedBy = [" DCLG "],
        EffectiveFrom = DateTimeOffset.Parse(effectiveFrom),
        InterventionEndsOn = new DateOnly(2019, 3, 31),
        Assignments = [new FunctionAssignment { Function = "licensing", Authority = authority, Oversight = Oversight.Advice }],
    };

    private static readonly DateTimeOffset InterventionBegan = DateTimeOffset.Parse("2015-02-26T00:00:00Z");

    [Fact]
    public void Directions_are_recorded_with_both_times_their_assignments_and_one_DirectionsIssued()
    {
        var decided = DirectionsRegister.Issue(LicensingToTheCouncil("2016-12-21T00:00:00Z"), RecordedLate, InterventionBegan, Intervention2015(), []);

        var issued = decided.Changes!;
        Assert.Null(decided.Refused);
        Assert.Equal((DateTimeOffset.Parse("2016-12-21T00:00:00Z"), RecordedLate), (issued.Directions.EffectiveFrom, issued.Directions.RecordedAt));
        Assert.Equal(["DCLG"], issued.Directions.IssuedBy);
        var assignment = Assert.Single(issued.Directions.Assignments);
        Assert.Equal((issued.Directions.Id, "licensing", Authority.Council, RecordedLate), (assignment.DirectionsId, assignment.Function, assignment.Authority, assignment.RecordedAt));
        Assert.Equal((issued.Directions.Id, RecordedLate), (issued.Event.DirectionsId, issued.Event.OccurredAt));
        Assert.Empty(issued.Questioned);
        Assert.Empty(issued.Cleared);
    }

    [Fact]
    public void Directions_giving_licensing_to_the_Cabinet_at_the_instant_others_give_it_to_the_Council_are_refused()
    {
        List<AuthorityAssignment> register =
            [.. Intervention2015(), Assign(LateDecember2016, "licensing", Authority.Council, Oversight.Advice, "2016-12-21T00:00:00Z")];

        var decided = DirectionsRegister.Issue(LicensingToTheCouncil("2016-12-21T00:00:00Z", Authority.Cabinet), RecordedLate, InterventionBegan, register, []);

        Assert.Null(decided.Changes);
        Assert.Equal("contradictory-directions", decided.Refused!.Rule);
    }

    [Fact]
    public void Directions_effective_before_the_intervention_began_are_refused()
    {
        var decided = DirectionsRegister.Issue(LicensingToTheCouncil("2015-02-25T00:00:00Z"), RecordedLate, InterventionBegan, Intervention2015(), []);

        Assert.Equal("before-intervention", decided.Refused!.Rule);
    }

    [Fact]
    public void Directions_effective_from_the_20th_clear_the_Licensing_Boards_decision_of_that_day_and_publish_it()
    {
        var decision = Decision("licensing", Authority.Council, "2016-12-20T10:00:00Z").Checked(Intervention2015());

        var issued = DirectionsRegister.Issue(LicensingToTheCouncil("2016-12-20T00:00:00Z"), RecordedLate, InterventionBegan, Intervention2015(), [decision]).Changes!;

        var cleared = Assert.Single(issued.Cleared);
        Assert.Equal((decision.Id, issued.Directions.Id), (cleared.DecisionId, cleared.DirectionsId));
        Assert.False(decision.IsQuestioned);
        Assert.Empty(issued.Questioned);
    }

    [Fact]
    public void Directions_giving_licensing_back_to_the_Commissioners_question_a_Council_decision_in_their_window()
    {
        List<AuthorityAssignment> returned = [.. Intervention2015(), Assign(LateDecember2016, "licensing", Authority.Council, Oversight.Advice, "2016-12-01T00:00:00Z")];
        var decision = Decision("licensing", Authority.Council, "2016-12-16T10:00:00Z").Checked(returned);

        var issued = DirectionsRegister.Issue(LicensingToTheCouncil("2016-12-15T00:00:00Z", Authority.Commissioners), RecordedLate,
            InterventionBegan, returned, [decision]).Changes!;

        var questioned = Assert.Single(issued.Questioned);
        Assert.Equal((decision.Id, Authority.Commissioners), (questioned.DecisionId, questioned.HeldBy));
        Assert.True(decision.IsQuestioned);
    }
}
