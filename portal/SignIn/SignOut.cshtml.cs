using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Intervention.Portal.SignIn;

/// <summary><c>POST /sign-out</c> (a form, anti-forgery checked): ends the session, and the provider's too in production.</summary>
public sealed class SignOutModel(PortalSignInMode mode) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/SignIn/SignedOut");

    public IActionResult OnPost() => mode.Mode == SignInMode.OpenIdConnect
        ? SignOut(new AuthenticationProperties { RedirectUri = "/signed-out" },
            CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme)
        : SignOut(new AuthenticationProperties { RedirectUri = "/signed-out" }, CookieAuthenticationDefaults.AuthenticationScheme);
}
