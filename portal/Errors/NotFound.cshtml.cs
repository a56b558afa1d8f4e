using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Intervention.Portal.Errors;

/// <summary>GOV.UK's "Page not found" for any portal path no page answers (the fallback route), with the 404 status.</summary>
public sealed class NotFoundModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status404NotFound;
}
