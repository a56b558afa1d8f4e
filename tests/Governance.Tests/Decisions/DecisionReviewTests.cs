using Governance.API.Decisions;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.ServiceDefaults.Authority;
using static Governance.Tests.Decisions.Registers;

namespace Governance.Tests.Decisions;

/// <summary>Late Directions re-check the decisions in the window they change: flag or clear.</summary>
public class DecisionReviewTests
{
    private static readonly DecisionCalendar Calendar = new();
    private static readonly DateTimeOffset LaterThatDay = DateTimeOffset.Parse("2016-12-20T17:00:00Z");

    /// <summary>The Licensing Board's decision of 20 Dec 2016 at 10:00Z, while the Commissioners held licensing.</summary>
    private static Decision LicensingBoardOn20December() =>
        Decision("licensing", Authority.Council, "2016-12-20T10:00:00Z").Checked(Intervention2015());

    [Fact]
    public void Licensing_Board_decision_of_20_December_2016_is_questioned_when_recorded()
    {
        var decision = LicensingBoardOn20December();

        Assert.True(decision.IsQuestioned);
        Assert.Equal(Authority.Commissioners, decision.HolderAuthority);
        Assert.Equal(February2015, decision.HolderDirectionsId);
    }

    [Fact]
    public void Directions_recorded_later_that_day_effective_21_December_leave_it_questioned()
    {
        var decision = LicensingBoardOn20December();
        List<AuthorityAssignment> register =
            [.. Intervention2015(), Assign(LateDecember2016, "licensing", Authority.Council, Oversight.Advice, "2016-12-21T00:00:00Z", "2016-12-20T17:00:00Z")];

        Assert.Equal(ReviewOutcome.Unchanged, DecisionValidity.Review(decision, register, LaterThatDay));
        Assert.Equal(DecisionStatus.Questioned, DecisionValidity.Assess(decision, Calendar, new DateOnly(2016, 12, 20)).Status);
        Assert.Equal(February2015, decision.HolderDirectionsId);
    }

    [Fact]
    public void Directions_recorded_later_that_day_effective_from_its_midnight_clear_it()
    {
        var decision = LicensingBoardOn20December();
        List<AuthorityAssignment> register =
            [.. Intervention2015(), Assign(SameDayDecember2016, "licensing", Authority.Council, Oversight.Advice, "2016-12-20T00:00:00Z", "2016-12-20T17:00:00Z")];

        Assert.Equal(ReviewOutcome.Cleared, DecisionValidity.Review(decision, register, LaterThatDay));
        Assert.False(decision.IsQuestioned);
        Assert.Equal(SameDayDecember2016, decision.HolderDirectionsId);
        Assert.Equal(new DecisionStanding(DecisionStatus.Valid, new DateOnly(2016, 12, 20), null),
            DecisionValidity.Assess(decision, Calendar, new DateOnly(2016, 12, 20)));
    }

    [Fact]
    public void Late_Directions_flag_a_decision_in_their_window_and_not_one_before_it()
    {
        // Licensing with the Council from 1 Dec 2016; then Directions recorded on 20 Dec, effective from
        // 15 Dec, give it back to the Commissioners: the Board's decision of 16 Dec is now questioned,
        // its decision of 14 Dec (before the window) is not.
        List<AuthorityAssignment> before =
            [.. Intervention2015(), Assign(Registers.March2017, "licensing", Authority.Council, Oversight.Advice, "2016-12-01T00:00:00Z")];
        var inWindow = Decision("licensing", Authority.Council, "2016-12-16T10:00:00Z").Checked(before);
        var outside = Decision("licensing", Authority.Council, "2016-12-14T10:00:00Z").Checked(before);
        Assert.False(inWindow.IsQuestioned);
        Assert.False(outside.IsQuestioned);

        var late = Guid.NewGuid();
        List<AuthorityAssignment> after =
            [.. before, Assign(late, "licensing", Authority.Commissioners, Oversight.None, "2016-12-15T00:00:00Z", "2016-12-20T17:00:00Z")];

        Assert.Equal(ReviewOutcome.Questioned, DecisionValidity.Review(inWindow, after, LaterThatDay));
        Assert.Contains(late.ToString(), inWindow.QuestionedReason);
        Assert.Equal(ReviewOutcome.Unchanged, DecisionValidity.Review(outside, after, LaterThatDay));
        Assert.False(outside.IsQuestioned);
    }

    [Fact]
    public void Late_Directions_that_add_a_veto_make_a_key_decision_await_sign_off_without_questioning_it()
    {
        List<AuthorityAssignment> before =
            [.. Intervention2015(), Assign(March2017, "adult-social-care", Authority.Cabinet, Oversight.None, "2017-03-20T00:00:00Z")];
        var decision = Decision("adult-social-care", Authority.Cabinet, "2017-04-03T10:00:00Z", keyDecision: true).Checked(before);
        Assert.Equal(DecisionStatus.Valid, DecisionValidity.Assess(decision, Calendar, new DateOnly(2017, 4, 3)).Status);

        var veto = Guid.NewGuid();
        List<AuthorityAssignment> after = [.. before, Assign(veto, "adult-social-care", Authority.Cabinet, Oversight.Veto, "2017-03-20T00:00:00Z", "2017-04-04T09:00:00Z")];

        Assert.Equal(ReviewOutcome.HolderChanged, DecisionValidity.Review(decision, after, DateTimeOffset.Parse("2017-04-04T09:00:00Z")));
        Assert.Equal(DecisionStatus.AwaitingSignOff, DecisionValidity.Assess(decision, Calendar, new DateOnly(2017, 4, 4)).Status);
    }
}
