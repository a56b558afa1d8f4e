using Intervention.Contracts.Governance.Http;
using Intervention.Portal.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Intervention.Portal.Governance;

/// <summary>
/// <c>/decisions-and-powers</c> (<c>/governance</c> is the API's segment at the gateway): the decision register, filtered by standing
/// and function, with the reason for every decision that is not simply valid; the Directions from the first to the latest; and each
/// function's road back to the council (the four tests with their evidence, the recommendation, "minded to", representations and the
/// Directions that returned it).
/// </summary>
public sealed class IndexModel(IGovernanceApi governance) : PageModel
{
    public static readonly FormField[] Fields = [new("status", "status", "Standing"), new("function", "function", "Function")];

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Function { get; set; }

    public ApiAnswer<List<DecisionDetail>>? Decisions { get; private set; }
    public ApiAnswer<List<DirectionsDetail>>? Directions { get; private set; }
    public ApiAnswer<List<FunctionRestoration>>? Restoration { get; private set; }
    public FormErrors Errors { get; private set; } = FormErrors.None;

    public async Task OnGetAsync(CancellationToken ct)
    {
        DecisionStatus? status = Enum.TryParse<DecisionStatus>(Status, out var chosen) ? chosen : null;
        if (status is null) Status = null;
        var function = string.IsNullOrWhiteSpace(Function) ? null : Function.Trim();
        var decisions = Ask.Api("governance", () => governance.ListDecisionsAsync(status, function, cancellationToken: ct));
        var directions = Ask.Api("governance", () => governance.ListDirectionsAsync(ct));
        var restoration = Ask.Api("governance", () => governance.ListRestorationAsync(ct));
        (Decisions, Directions, Restoration) = (await decisions, await directions, await restoration);
        Errors = FormErrors.Of(Decisions, Fields);
        if (Errors.Any) Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    /// <summary>Every function some Directions assign, for the filter.</summary>
    public IEnumerable<string> Functions => (Directions?.Value ?? []).SelectMany(d => d.Assignments).Select(a => a.Function).Distinct().Order();

    /// <summary>A standing in words.</summary>
    public static string Words(DecisionStatus status) => status switch
    {
        DecisionStatus.Valid => "Valid",
        DecisionStatus.Questioned => "Questioned",
        DecisionStatus.PendingCallIn => "Pending call-in",
        _ => "Awaiting sign-off",
    };

    /// <summary>A test of the four in words.</summary>
    public static string Words(ReturnTest test) => test switch
    {
        ReturnTest.GoodEnoughService => "A good enough service",
        ReturnTest.OfficerLeadership => "Good enough officer leadership",
        ReturnTest.QualityAssured => "Quality assured by peer review",
        _ => "Councillors ready to exercise executive authority",
    };
}
