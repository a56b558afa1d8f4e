using Intervention.Contracts.Licensing.Http;
using Intervention.Portal.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Intervention.Portal.Licensing;

/// <summary>
/// <c>/hearings/{id}</c>: one hearing: who decides it (the decision-maker of its day), its panel, its record, to which an
/// officer adds questions and statements, and its decision with when it takes effect and the last day to appeal.
/// </summary>
public sealed class HearingModel(ILicensingApi licensing) : PageModel
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["kind"] = "Question or statement:", ["speaker"] = "Who spoke", ["text"] = "What was said",
    };

    [BindProperty] public RecordKind? Kind { get; set; }
    [BindProperty] public string? Speaker { get; set; }
    [BindProperty] public string? Text { get; set; }

    public FormErrors Errors { get; } = new(Labels);
    public ApiAnswer<HearingView>? Hearing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await ShowAsync(id, ct);

    /// <summary>Adds to the record; the page is shown again (Post/Redirect/Get), so a refresh adds nothing twice.</summary>
    public async Task<IActionResult> OnPostRecordAsync(Guid id, CancellationToken ct)
    {
        var added = await Ask.Api("licensing", () => licensing.AddToHearingRecordAsync(id, new NewRecordEntry(Kind, Speaker, Text), ct));
        if (added.Ok) return Redirect($"/hearings/{id}#record");
        Errors.From(added);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ShowAsync(id, ct);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        Hearing = await Ask.Api("licensing", () => licensing.GetHearingAsync(id, ct));
        return Page();
    }
}
