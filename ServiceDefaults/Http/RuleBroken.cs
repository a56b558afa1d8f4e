using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Intervention.ServiceDefaults.Http;

/// <summary>
/// The one answer for an action a business rule forbids: 409 problem details whose <c>rule</c>
/// extension names the rule (stable, kebab-case, for clients to match) and whose detail says why.
/// </summary>
public static class RuleBroken
{
    public static ProblemHttpResult Conflict(string rule, string detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["rule"] = rule };
        return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: $"Refused by rule '{rule}'", extensions: all);
    }

    /// <summary>The same answer as a 403: the caller may not do this, by the rule named (e.g. an event its token may not receive).</summary>
    public static ProblemHttpResult Forbidden(string rule, string detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["rule"] = rule };
        return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: $"Refused by rule '{rule}'", extensions: all);
    }
}
