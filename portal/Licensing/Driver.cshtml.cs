using Intervention.Contracts.Licensing.Http;
using Intervention.Portal.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Intervention.Portal.Licensing;

/// <summary>
/// <c>/drivers/{id}</c>: a driver's file (licensing team only: licensing answers anyone else 403, and the page says so
/// plainly): the person, the licences, convictions and checks, the driver's fitness on a chosen day with every reason, and
/// the driver's hearings. Each read is audited by licensing with the purpose "driver's file in the portal".
/// </summary>
public sealed class DriverModel(ILicensingApi licensing) : PageModel
{
    public const string Purpose = "driver's file in the portal";

    /// <summary>The day fitness is judged at (<c>2015-09-01</c>); none given: today.</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? At { get; set; }

    public ApiAnswer<DriverDetail>? Driver { get; private set; }
    public ApiAnswer<FitnessAnswer>? Fitness { get; private set; }
    public ApiAnswer<List<HearingView>>? Hearings { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Driver = await Ask.Api("licensing", () => licensing.GetDriverAsync(id, Purpose, ct));
        if (!Driver.Ok) return Page();
        var fitness = Ask.Api("licensing", () => licensing.GetFitnessAsync(id, At, Purpose, ct));
        var hearings = Ask.Api("licensing", () => licensing.ListHearingsAsync(id, ct));
        (Fitness, Hearings) = (await fitness, await hearings);
        return Page();
    }
}
