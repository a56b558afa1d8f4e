using Governance.API.Decisions;
using Intervention.Contracts.Governance;
using Intervention.Directions;
using static Governance.Tests.Decisions.Registers;

namespace Governance.Tests.Decisions;

/// <summary>A Commissioner's sign-off of a key decision under veto: once, by one Commissioner, after the decision.</summary>
public class DecisionSignOffTests
{
    private static readonly DateTimeOffset April5 = DateTimeOffset.Parse("2017-04-05T16:00:00Z");

    /// <summary>Adult social care returned to Cabinet in March 2017 with a Commissioner veto over key decisions.</summary>
    private static List<AuthorityAssignment> VetoOverAdultSocialCare() =>
        [.. Intervention2015(), Assign(March2017, "adult-social-care", Authority.Cabinet, Oversight.Veto, "2017-03-20T00:00:00Z")];

    private static Decision KeyDecisionOf3April2017() =>
        Decision("adult-social-care", Authority.Cabinet, "2017-04-03T10:00:00Z", keyDecision: true).Checked(VetoOverAdultSocialCare());

    [Fact]
    public void A_key_decision_under_veto_is_signed_off_by_a_Commissioner()
    {
        var decision = KeyDecisionOf3April2017();

        Assert.Null(decision.SignOff("Mary Ney", April5));
        Assert.Equal(("Mary Ney", April5), (decision.SignedOffBy, decision.SignedOffAt));
    }

    [Fact]
    public void The_same_Commissioner_signing_again_changes_nothing()
    {
        var decision = KeyDecisionOf3April2017();
        decision.SignOff("Mary Ney", April5);

        Assert.Null(decision.SignOff("Mary Ney", April5.AddDays(3)));
        Assert.Equal(April5, decision.SignedOffAt);
    }

    [Fact]
    public void Another_Commissioner_cannot_sign_it_off_again()
    {
        var decision = KeyDecisionOf3April2017();
        decision.SignOff("Mary Ney", April5);

        Assert.Equal("already-signed-off", decision.SignOff("Patricia Bradwell", April5.AddDays(1))?.Rule);
        Assert.Equal("Mary Ney", decision.SignedOffBy);
    }

    [Fact]
    public void A_key_decision_on_a_function_held_under_advice_needs_no_sign_off()
    {
        List<AuthorityAssignment> advice = [.. Intervention2015(), Assign(March2017, "adult-social-care", Authority.Cabinet, Oversight.Advice, "2017-03-20T00:00:00Z")];
        var decision = Decision("adult-social-care", Authority.Cabinet, "2017-04-03T10:00:00Z", keyDecision: true).Checked(advice);

        Assert.Equal("sign-off-not-required", decision.SignOff("Mary Ney", April5)?.Rule);
        Assert.Null(decision.SignedOffBy);
    }

    [Fact]
    public void A_decision_that_is_not_key_needs_no_sign_off()
    {
        var decision = Decision("adult-social-care", Authority.Cabinet, "2017-04-03T10:00:00Z").Checked(VetoOverAdultSocialCare());

        Assert.Equal("sign-off-not-required", decision.SignOff("Mary Ney", April5)?.Rule);
    }

    [Fact]
    public void A_sign_off_before_the_decision_was_taken_is_refused()
    {
        var decision = KeyDecisionOf3April2017();

        Assert.Equal("sign-off-before-decision", decision.SignOff("Mary Ney", DateTimeOffset.Parse("2017-04-03T09:59:00Z"))?.Rule);
        Assert.Null(decision.SignedOffBy);
    }
}
