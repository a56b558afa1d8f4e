using Governance.API.Decisions;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.ServiceDefaults.Authority;
using static Governance.Tests.Decisions.Registers;

namespace Governance.Tests.Decisions;

public class DecisionValidityTests
{
    private static readonly DecisionCalendar Calendar = new();

    /// <summary>1 Dec 2016: licensing returned to the Council (the Licensing Board) with Commissioner advice.</summary>
    private static readonly Guid December2016 = Guid.Parse("00000000-0000-0000-0000-000000001201");

    private static List<AuthorityAssignment> WithLicensingReturned() =>
    [
        .. Intervention2015(),
        Assign(December2016, "licensing", Authority.Council, Oversight.Advice, "2016-12-01T00:00:00Z"),
    ];

    [Fact]
    public void Licensing_Board_decision_while_Commissioners_held_licensing_is_questioned_naming_them_and_the_Directions()
    {
        var check = DecisionValidity.Check("licensing", Authority.Council, DateTimeOffset.Parse("2016-06-01T10:00:00Z"), WithLicensingReturned());

        Assert.True(check.IsQuestioned);
        Assert.Equal(Authority.Commissioners, check.Holder!.Authority);
        Assert.Equal(February2015, check.Holder.DirectionsId);
        Assert.Contains("Commissioners held 'licensing'", check.Reason);
        Assert.Contains(February2015.ToString(), check.Reason);
    }

    [Fact]
    public void Licensing_Board_decision_after_licensing_was_returned_is_not_questioned()
    {
        var check = DecisionValidity.Check("licensing", Authority.Council, DateTimeOffset.Parse("2016-12-01T00:00:00Z"), WithLicensingReturned());

        Assert.False(check.IsQuestioned);
        Assert.Equal(December2016, check.Holder!.DirectionsId);
    }

    [Fact]
    public void Decision_on_a_function_no_Directions_assign_has_no_holder_and_is_not_questioned()
    {
        var decision = Decision("housing", Authority.Cabinet, "2016-06-01T10:00:00Z").Checked(Intervention2015());

        Assert.Null(decision.HolderAuthority);
        Assert.Equal(new DecisionStanding(DecisionStatus.Valid, new DateOnly(2016, 6, 1), null), DecisionValidity.Assess(decision, Calendar, new DateOnly(2016, 6, 1)));
    }

    [Fact]
    public void Questioned_decision_has_no_effective_date_and_keeps_its_reason()
    {
        var decision = Decision("licensing", Authority.Council, "2016-06-01T10:00:00Z").Checked(Intervention2015());

        var standing = DecisionValidity.Assess(decision, Calendar, new DateOnly(2020, 1, 1));

        Assert.Equal(DecisionStatus.Questioned, standing.Status);
        Assert.Null(standing.EffectiveOn);
        Assert.Equal(decision.QuestionedReason, standing.Reason);
    }

    [Fact]
    public void Commissioner_decision_takes_effect_at_once_even_when_reported_with_call_in()
    {
        var decision = Decision("economic-growth", Authority.Commissioners, "2016-12-23T14:00:00Z", callIn: true).Checked(Intervention2015());

        Assert.Equal(new DecisionStanding(DecisionStatus.Valid, new DateOnly(2016, 12, 23), null),
            DecisionValidity.Assess(decision, Calendar, new DateOnly(2016, 12, 23)));
    }

    [Fact]
    public void Cabinet_decision_with_call_in_is_pending_until_its_ninth_working_day_then_valid()
    {
        // Economic growth returned to Cabinet in March 2017, without oversight.
        List<AuthorityAssignment> register = [.. Intervention2015(), Assign(March2017, "economic-growth", Authority.Cabinet, Oversight.None, "2017-03-01T00:00:00Z")];
        var decision = Decision("economic-growth", Authority.Cabinet, "2017-05-26T11:00:00Z", callIn: true).Checked(register);

        var during = DecisionValidity.Assess(decision, Calendar, new DateOnly(2017, 6, 8));
        Assert.Equal(DecisionStatus.PendingCallIn, during.Status);
        Assert.Equal(new DateOnly(2017, 6, 9), during.EffectiveOn);
        Assert.Contains("2017-06-09", during.Reason);

        Assert.Equal(new DecisionStanding(DecisionStatus.Valid, new DateOnly(2017, 6, 9), null),
            DecisionValidity.Assess(decision, Calendar, new DateOnly(2017, 6, 9)));
    }

    [Fact]
    public void Licensing_Board_decision_has_no_call_in_even_when_reported_with_one()
    {
        var decision = Decision("licensing", Authority.Council, "2016-12-23T10:00:00Z", callIn: true).Checked(WithLicensingReturned());

        Assert.Equal(new DecisionStanding(DecisionStatus.Valid, new DateOnly(2016, 12, 23), null),
            DecisionValidity.Assess(decision, Calendar, new DateOnly(2016, 12, 23)));
    }

    [Fact]
    public void Key_decision_under_veto_awaits_a_Commissioners_sign_off_then_takes_effect_on_the_sign_off_day()
    {
        // Adult social care returned to Cabinet in March 2017 with a Commissioner veto over key decisions.
        List<AuthorityAssignment> register = [.. Intervention2015(), Assign(March2017, "adult-social-care", Authority.Cabinet, Oversight.Veto, "2017-03-20T00:00:00Z")];
        var decision = Decision("adult-social-care", Authority.Cabinet, "2017-04-03T10:00:00Z", keyDecision: true).Checked(register);

        var awaiting = DecisionValidity.Assess(decision, Calendar, new DateOnly(2017, 5, 1));
        Assert.Equal(DecisionStatus.AwaitingSignOff, awaiting.Status);
        Assert.Null(awaiting.EffectiveOn);
        Assert.Contains("veto", awaiting.Reason);

        decision.SignOff("Mary Ney", DateTimeOffset.Parse("2017-04-05T16:00:00Z"));
        Assert.Equal(new DecisionStanding(DecisionStatus.Valid, new DateOnly(2017, 4, 5), null),
            DecisionValidity.Assess(decision, Calendar, new DateOnly(2017, 5, 1)));
    }

    [Fact]
    public void Key_decision_under_veto_with_call_in_takes_effect_on_the_later_of_sign_off_and_call_in()
    {
        List<AuthorityAssignment> register = [.. Intervention2015(), Assign(March2017, "adult-social-care", Authority.Cabinet, Oversight.Veto, "2017-03-20T00:00:00Z")];
        var decision = Decision("adult-social-care", Authority.Cabinet, "2017-05-26T10:00:00Z", keyDecision: true, callIn: true).Checked(register);
        decision.SignOff("Mary Ney", DateTimeOffset.Parse("2017-05-30T09:00:00Z"));

        // Signed off on Tue 30 May, but call-in runs to Fri 9 June.
        var standing = DecisionValidity.Assess(decision, Calendar, new DateOnly(2017, 6, 1));
        Assert.Equal(DecisionStatus.PendingCallIn, standing.Status);
        Assert.Equal(new DateOnly(2017, 6, 9), standing.EffectiveOn);
    }

    [Fact]
    public void Under_veto_a_decision_that_is_not_key_needs_no_sign_off_and_advice_never_does()
    {
        List<AuthorityAssignment> register =
        [
            .. Intervention2015(),
            Assign(March2017, "adult-social-care", Authority.Cabinet, Oversight.Veto, "2017-03-20T00:00:00Z"),
            Assign(March2017, "licensing", Authority.Council, Oversight.Advice, "2017-03-20T00:00:00Z"),
        ];
        var notKey = Decision("adult-social-care", Authority.Cabinet, "2017-04-03T10:00:00Z").Checked(register);
        var keyUnderAdvice = Decision("licensing", Authority.Council, "2017-04-03T10:00:00Z", keyDecision: true).Checked(register);

        Assert.False(DecisionValidity.NeedsSignOff(notKey));
        Assert.False(DecisionValidity.NeedsSignOff(keyUnderAdvice));
        Assert.Equal(DecisionStatus.Valid, DecisionValidity.Assess(notKey, Calendar, new DateOnly(2017, 4, 3)).Status);
        Assert.Equal(DecisionStatus.Valid, DecisionValidity.Assess(keyUnderAdvice, Calendar, new DateOnly(2017, 4, 3)).Status);
    }
}
