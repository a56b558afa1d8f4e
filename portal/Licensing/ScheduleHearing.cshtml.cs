using Intervention.Contracts.Licensing.Http;
using Intervention.Portal.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Intervention.Portal.Licensing;

/// <summary>
/// <c>/hearings/schedule</c>: a licensing officer schedules a case hearing for a driver (from the driver's file, or by the
/// driver's id). Licensing names the decision-maker of that day; the page then shows the hearing.
/// </summary>
public sealed class ScheduleHearingModel(ILicensingApi licensing) : PageModel
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["driverId"] = "The driver's id", ["heldOn"] = "The day of the hearing", ["grounds"] = "The grounds",
    };

    [BindProperty(SupportsGet = true)] public string? DriverId { get; set; }
    [BindProperty] public string? HeldOnDay { get; set; }
    [BindProperty] public string? HeldOnMonth { get; set; }
    [BindProperty] public string? HeldOnYear { get; set; }
    [BindProperty] public string? Grounds { get; set; }

    public FormErrors Errors { get; } = new(Labels);
    public ApiAnswer<DriverDetail>? Driver { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await ReadDriverAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Guid? driverId = Guid.TryParse(DriverId, out var id) ? id : null;
        if (driverId is null) Errors.Add("driverId", "Enter the driver's id as it is on the driver's file");
        var heldOn = Errors.Date("heldOn", HeldOnDay, HeldOnMonth, HeldOnYear, "Enter the day of the hearing");
        if (!Errors.Any)
        {
            var scheduled = await Ask.Api("licensing", () => licensing.ScheduleHearingAsync(new ScheduleHearing(driverId, heldOn, Grounds), ct));
            if (scheduled is { Ok: true, Value: { } hearing }) return Redirect($"/hearings/{hearing.Id}");
            Errors.From(scheduled);
        }
        await ReadDriverAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task ReadDriverAsync(CancellationToken ct)
    {
        if (Guid.TryParse(DriverId, out var id))
            Driver = await Ask.Api("licensing", () => licensing.GetDriverAsync(id, "scheduling a hearing", ct));
    }
}
