using Intervention.Contracts.Licensing.Http;
using Intervention.Portal.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Intervention.Portal.Licensing;

/// <summary>
/// <c>/audits</c>: the licensing team starts the standards audit of every driver licensed on a day (the 2015 taxi audit);
/// licensing answers at once and the audit's own page shows its progress. Below the form, the audits run before, newest first.
/// </summary>
public sealed class AuditsModel(ILicensingApi licensing) : PageModel
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string> { ["asAt"] = "The day of the audit" };

    [BindProperty] public string? AsAtDay { get; set; }
    [BindProperty] public string? AsAtMonth { get; set; }
    [BindProperty] public string? AsAtYear { get; set; }

    public FormErrors Errors { get; } = new(Labels);

    /// <summary>The latest audits licensing lists, newest first.</summary>
    public ApiAnswer<List<AuditView>>? Past { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await ReadPastAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var asAt = Errors.Date("asAt", AsAtDay, AsAtMonth, AsAtYear, "Enter the day the standards are applied at");
        if (!Errors.Any)
        {
            var started = await Ask.Api("licensing", () => licensing.StartAuditAsync(new StartAudit(asAt), ct));
            if (started is { Ok: true, Value: { } audit }) return Redirect($"/audits/{audit.Id}");
            Errors.From(started);
        }
        await ReadPastAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task ReadPastAsync(CancellationToken ct) => Past = await Ask.Api("licensing", () => licensing.ListAuditsAsync(ct));
}
