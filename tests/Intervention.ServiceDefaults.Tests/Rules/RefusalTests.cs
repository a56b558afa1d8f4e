using Intervention.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;

namespace Intervention.ServiceDefaults.Tests.Rules;

/// <summary>A decision's refusal is answered as the problem details the endpoints gave before decisions were pure.</summary>
public class RefusalTests
{
    [Fact]
    public void A_broken_rule_is_a_409_naming_the_rule_with_its_extensions_as_RuleBroken_answers()
    {
        var refused = Refusal.ByRule("appeal-out-of-time", "Lodged on day 22.", new Dictionary<string, object?> { ["lastDayToAppeal"] = "2017-03-22" });

        var before = RuleBroken.Conflict("appeal-out-of-time", "Lodged on day 22.", new Dictionary<string, object?> { ["lastDayToAppeal"] = "2017-03-22" });
        var now = refused.AsProblem();

        Assert.Equal((before.StatusCode, before.ProblemDetails.Title, before.ProblemDetails.Detail), (now.StatusCode, now.ProblemDetails.Title, now.ProblemDetails.Detail));
        Assert.Equal(before.ProblemDetails.Extensions, now.ProblemDetails.Extensions);
    }

    [Fact]
    public void A_caller_the_rule_does_not_allow_is_a_403_with_a_title_and_no_rule_or_with_the_rule_named()
    {
        var titled = Refusal.Forbidden("Not the Commissioners' decision", "The Licensing Board's.").AsProblem();
        Assert.Equal((StatusCodes.Status403Forbidden, "Not the Commissioners' decision"), (titled.StatusCode, titled.ProblemDetails.Title));
        Assert.False(titled.ProblemDetails.Extensions.ContainsKey("rule"));

        var named = Refusal.ForbiddenByRule("event-type-not-receivable", "Internal.").AsProblem();
        Assert.Equal((403, "event-type-not-receivable"), (named.StatusCode, named.ProblemDetails.Extensions["rule"]));
    }

    [Fact]
    public void Fields_at_fault_are_a_400_validation_problem_naming_each_with_the_title_given_or_the_default()
    {
        var titled = Refusal.OfField("heldOn", "must not be before the licence was applied for", "The hearing cannot be scheduled").AsValidationProblem();
        Assert.Equal((400, "The hearing cannot be scheduled"), (titled.StatusCode, titled.ProblemDetails.Title));
        Assert.Equal(["must not be before the licence was applied for"], titled.ProblemDetails.Errors["heldOn"]);

        var untitled = Refusal.OfField("noticeGivenOn", "must not be before the hearing").AsValidationProblem();
        Assert.Equal(Microsoft.AspNetCore.Http.TypedResults.ValidationProblem(new Dictionary<string, string[]>()).ProblemDetails.Title, untitled.ProblemDetails.Title);
    }

    [Fact]
    public void A_refusal_is_answered_one_way_only()
    {
        Assert.Throws<InvalidOperationException>(() => Refusal.OfField("a", "b").AsProblem());
        Assert.Throws<InvalidOperationException>(() => Refusal.ByRule("r", "d").AsValidationProblem());
    }
}
