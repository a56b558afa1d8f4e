using Intervention.Contracts.Licensing.Http;
using Intervention.Portal.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Intervention.Portal.Licensing;

/// <summary>
/// <c>/audits/{id}</c>: a standards audit's progress (refreshed every two seconds while it runs) and its outcome counts; once
/// complete, the drivers to call to a hearing with every reason (licensing team only), each linked to the driver's file.
/// </summary>
public sealed class AuditModel(ILicensingApi licensing) : PageModel
{
    public ApiAnswer<AuditView>? Audit { get; private set; }
    public ApiAnswer<List<HearingListEntry>>? HearingList { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Audit = await Ask.Api("licensing", () => licensing.GetAuditAsync(id, ct));
        // The HTTP Refresh header: the page follows the run without a script of its own.
        if (Audit.Value?.Status is AuditStatus.Running) Response.Headers["Refresh"] = "2";
        if (Audit.Value?.Status is AuditStatus.Completed) HearingList = await Ask.Api("licensing", () => licensing.GetAuditHearingListAsync(id, ct));
        return Page();
    }

    /// <summary>The GOV.UK tag colour of an audit's status: green done, red stopped, blue running.</summary>
    public static string Tag(AuditStatus status) =>
        status switch { AuditStatus.Completed => "govuk-tag--green", AuditStatus.Failed => "govuk-tag--red", _ => "govuk-tag--blue" };
}
