using Intervention.Contracts.Licensing;
using Intervention.Contracts.Licensing.Http;
using Intervention.Portal.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Intervention.Portal.Licensing;

/// <summary>
/// <c>/hearings/{id}/decide</c>: the decision in GOV.UK's check-your-answers pattern. The officer gives the outcome, grounds,
/// reasons and the day notice was given; licensing's preview (the same decision the decide endpoint takes) then shows the
/// decision-maker of the hearing's day, when it takes effect and the last day to appeal; only "Confirm" records it.
/// </summary>
public sealed class DecideHearingModel(ILicensingApi licensing) : PageModel
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["outcome"] = "The outcome", ["grounds"] = "The grounds", ["reasons"] = "The reasons", ["noticeGivenOn"] = "The day notice was given",
        ["immediate"] = "Immediate effect:", ["immediateReasons"] = "The public-safety reasons",
    };

    [BindProperty] public HearingOutcome? Outcome { get; set; }
    [BindProperty] public DecisionGrounds? Grounds { get; set; }
    [BindProperty] public string? Reasons { get; set; }
    [BindProperty] public bool Immediate { get; set; }
    [BindProperty] public string? ImmediateReasons { get; set; }
    [BindProperty] public string? NoticeGivenOnDay { get; set; }
    [BindProperty] public string? NoticeGivenOnMonth { get; set; }
    [BindProperty] public string? NoticeGivenOnYear { get; set; }

    public FormErrors Errors { get; } = new(Labels);
    public ApiAnswer<HearingView>? Hearing { get; private set; }
    /// <summary>Set once the answers are checked: the page then shows them with the preview, to confirm or change.</summary>
    public HearingDecisionPreview? Preview { get; private set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct) => Hearing = await Ask.Api("licensing", () => licensing.GetHearingAsync(id, ct));

    /// <summary>"Continue": the preview of the answers, or the form again with what the API named.</summary>
    public async Task<IActionResult> OnPostCheckAsync(Guid id, CancellationToken ct)
    {
        if (Answers() is { } request)
        {
            var preview = await Ask.Api("licensing", () => licensing.PreviewHearingDecisionAsync(id, request, ct));
            if (preview is { Ok: true, Value: { } answer }) Preview = answer;
            else Errors.From(preview);
        }
        return await ShowAsync(id, ct);
    }

    /// <summary>"Change the answers": the form again, filled in.</summary>
    public async Task<IActionResult> OnPostChangeAsync(Guid id, CancellationToken ct) => await ShowAsync(id, ct);

    /// <summary>
    /// "Confirm": records the decision. A second confirm (a double click, the back button) is licensing's 409, shown, never a second decision.
    /// </summary>
    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct)
    {
        if (Answers() is { } request)
        {
            var decided = await Ask.Api("licensing", () => licensing.DecideHearingAsync(id, request, ct));
            if (decided.Ok) return Redirect($"/hearings/{id}#decision");
            Errors.From(decided);
        }
        return await ShowAsync(id, ct);
    }

    private DecideHearing? Answers()
    {
        var notice = Errors.Date("noticeGivenOn", NoticeGivenOnDay, NoticeGivenOnMonth, NoticeGivenOnYear, "Enter the day notice of the decision was given");
        return Errors.Any ? null : new DecideHearing(Outcome, Reasons, Grounds, Immediate, notice, ImmediateReasons);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        Hearing = await Ask.Api("licensing", () => licensing.GetHearingAsync(id, ct));
        if (Errors.Any) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>A day as the page writes it.</summary>
    public static string Day(DateOnly? day, string none) => day?.ToString("d MMMM yyyy") ?? none;

    /// <summary>An outcome in the council's words.</summary>
    public static string Words(HearingOutcome outcome) => outcome switch
    {
        HearingOutcome.NoAction => "No action",
        HearingOutcome.Warning => "A warning",
        HearingOutcome.Suspension => "Suspension of the licence",
        HearingOutcome.Revocation => "Revocation of the licence",
        _ => "Refusal of the grant or renewal",
    };

    /// <summary>Grounds in the council's words.</summary>
    public static string Words(DecisionGrounds grounds) => grounds switch
    {
        DecisionGrounds.Safeguarding => "Safeguarding children or vulnerable adults",
        DecisionGrounds.RoadSafety => "Road safety",
        _ => "Other grounds",
    };
}
