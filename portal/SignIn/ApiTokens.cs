using System.Globalization;
using System.Security.Claims;
using Intervention.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Intervention.Portal.SignIn;

/// <summary>
/// The token the portal sends to the APIs for the signed-in person: theirs alone, never one of the portal's own with more
/// rights, so that the APIs' authorisation and audit trail stay the one truth. Production: the access token the council's
/// identity provider issued at sign-in. Development: a short token with the person's own subject and roles, signed with the
/// AppHost's development key as the AppHost's role tokens are.
/// </summary>
public sealed class ApiTokens(PortalSignInMode mode, IOptions<AuthOptions> auth, TimeProvider clock)
{
    /// <summary>A development token lives no longer than this: the session, not the token, is what lasts.</summary>
    public static readonly TimeSpan DevelopmentLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Signed with the AppHost's key, for the issuer and audience the APIs check; null where the provider signs instead.</summary>
    private readonly DevelopmentTokens? _development = DevelopmentTokens.Of(auth.Value, clock);

    /// <summary>The person's token, or null when nobody is signed in (the API then refuses the call).</summary>
    public async Task<string?> ForAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true) return null;
        return mode.Mode == SignInMode.OpenIdConnect ? await context.GetTokenAsync("access_token") : Development(context.User);
    }

    /// <summary>A development token carrying exactly the person's subject and roles.</summary>
    public string Development(ClaimsPrincipal person)
    {
        var tokens = _development ?? throw new InvalidOperationException("The development sign-in needs Auth:SigningKey.");
        var roles = person.FindAll(PortalSignIn.RoleClaim).Select(role => role.Value).ToArray();
        return tokens.Mint(person.FindFirst(PortalSignIn.SubjectClaim)?.Value ?? "", roles, DevelopmentLifetime);
    }

    /// <summary>
    /// A session whose provider-issued token has expired ends (the person signs in again) rather than call the APIs with a
    /// token they will refuse. Development sessions mint a fresh token for each call and end by the cookie's own expiry.
    /// </summary>
    public static async Task EndSessionWhenTheProvidersTokenExpired(CookieValidatePrincipalContext context)
    {
        var expiresAt = context.Properties.GetTokenValue("expires_at");
        if (expiresAt is null || !DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiry)) return;
        if (expiry > context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
