using Intervention.Contracts.Governance.Http;
using Intervention.Portal.Gateway;
using Intervention.ServiceDefaults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Intervention.Portal.Overview;

/// <summary>
/// <c>/</c>: who holds each council function on a chosen day (today by default) under the Directions in force then, the
/// Directions themselves, and the next quarterly review.
/// </summary>
public sealed class IndexModel(IGovernanceApi governance, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Day { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }

    public ChosenDay Chosen { get; private set; } = null!;
    /// <summary>A day that is not a real date, named against the box to correct (<c>on-day</c>, <c>on-month</c>, <c>on-year</c>).</summary>
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public bool IsToday { get; private set; }
    public ApiAnswer<List<FunctionInForce>>? Functions { get; private set; }
    public ApiAnswer<List<DirectionsDetail>>? Directions { get; private set; }
    public ApiAnswer<List<QuarterlyReview>>? Reviews { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = CouncilTime.DateOf(clock.GetUtcNow());
        Chosen = ChosenDay.Read(Day, Month, Year, today);
        if (Chosen.Error is { } error)
        {
            Errors = FormErrors.Found(new FormError($"on-{Chosen.Field}", error));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        IsToday = Chosen.Day == today;
        DateTimeOffset? at = IsToday ? null : Chosen.Instant;
        var functions = Ask.Api("governance", () => governance.ListFunctionsAsync(at, cancellationToken: ct));
        var directions = Ask.Api("governance", () => governance.ListDirectionsAsync(ct));
        var reviews = Ask.Api("governance", () => governance.ListReviewsAsync(ct));
        (Functions, Directions, Reviews) = (await functions, await directions, await reviews);
        return Page();
    }

    /// <summary>The first review after the chosen day, if any is scheduled.</summary>
    public QuarterlyReview? NextReview => Reviews?.Value?.Where(r => r.ReviewDate > Chosen.Day).OrderBy(r => r.ReviewDate).FirstOrDefault();
}
