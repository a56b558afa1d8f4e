using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Intervention.Portal.SignIn;

/// <summary>
/// <c>/sign-in</c>: with the council's identity provider, a redirect to it; in development, a page that picks a role. The
/// form is anti-forgery checked (Razor Pages checks every POST).
/// </summary>
public sealed class SignInModel(PortalSignInMode mode) : PageModel
{
    public string? Error { get; private set; }
    public string ReturnUrl { get; private set; } = "/";

    public IActionResult OnGet(string? returnUrl)
    {
        ReturnUrl = LocalOr(returnUrl);
        return mode.Mode == SignInMode.OpenIdConnect ? Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl }) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? role, string? returnUrl)
    {
        ReturnUrl = LocalOr(returnUrl);
        if (mode.Mode != SignInMode.Development) return NotFound();
        if (role is null || !RoleNames.All.Any(r => r.Role == role))
        {
            Error = "Select the role to sign in as";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await PortalSignIn.SignInAsync(HttpContext, role);
        return LocalRedirect(ReturnUrl);
    }

    /// <summary>Only a path on this site: a sign-in never sends a person elsewhere.</summary>
    private string LocalOr(string? returnUrl) => returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
