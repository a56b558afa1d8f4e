using Intervention.Contracts.Licensing.Http;
using Intervention.Portal.Gateway;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Intervention.Portal.Licensing;

/// <summary><c>/hearings</c>: the licensing hearing list in date order, with who decides each (the decision-maker of that day) and what was decided.</summary>
public sealed class HearingsModel(ILicensingApi licensing) : PageModel
{
    public ApiAnswer<List<HearingView>>? Hearings { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Hearings = await Ask.Api("licensing", () => licensing.ListHearingsAsync(cancellationToken: ct));
}
