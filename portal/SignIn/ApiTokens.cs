using System.Globalization;
using System.Security.Claims;
using Intervention.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Intervention.Portal.SignIn;

/// <summary>
/// The token the portal sends to the APIs for the signed-in person: theirs alone, never one of the portal's own with more
/// rights, so that the APIs' authorisation and audit trail stay the one truth. Production: the access token the council's
/// identity provider issued at sign-in. Development: a short token with the person's own subject and roles, signed with the
/// AppHost's development key as the AppHost's role tokens are.
/// </summary>
public sealed class ApiTokens(PortalSignInMode mode, IConfiguration configuration, TimeProvider clock)
{
    /// <summary>A development token lives no longer than this: the session, not the token, is what lasts.</summary>
    public static readonly TimeSpan DevelopmentLifetime = TimeSpan.FromMinutes(5);

    private readonly AuthOptions _auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();

    /// <summary>The person's token, or null when nobody is signed in (the API then refuses the call).</summary>
    public async Task<string?> ForAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true) return null;
        return mode.Mode == SignInMode.OpenIdConnect ? await context.GetTokenAsync("access_token") : Development(context.User);
    }

    /// <summary>A development token carrying exactly the person's subject and roles.</summary>
    public string Development(ClaimsPrincipal person)
    {
        var now = clock.GetUtcNow();
        var roles = person.FindAll(PortalSignIn.RoleClaim).Select(c => c.Value).ToArray();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _auth.Issuer,
            Audience = _auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.AddMinutes(-1).UtcDateTime,
            Expires = (now + DevelopmentLifetime).UtcDateTime,
            Claims = new Dictionary<string, object> { [PortalSignIn.SubjectClaim] = person.FindFirst(PortalSignIn.SubjectClaim)?.Value ?? "", [PortalSignIn.RoleClaim] = roles },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(_auth.SigningKey!)), SecurityAlgorithms.HmacSha256),
        });
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
