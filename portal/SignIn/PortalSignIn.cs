using System.Security.Claims;
using Intervention.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Intervention.Portal.SignIn;

/// <summary>How people sign in to the portal.</summary>
public enum SignInMode
{
    /// <summary>A page that picks a role; the portal signs the APIs' tokens with the AppHost's development key.</summary>
    Development,
    /// <summary>The council's identity provider (OpenID Connect, e.g. Microsoft Entra ID), which issues the APIs' tokens.</summary>
    OpenIdConnect,
}

/// <summary>The council's identity provider, bound from <c>Portal:OpenIdConnect</c>. Its app roles are the APIs' roles (<c>roles</c> claim).</summary>
public sealed class PortalOpenIdConnectOptions
{
    public const string Section = "Portal:OpenIdConnect";
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>
    /// The scope that makes the provider's access token one for the APIs (their <c>Auth:Audience</c>), e.g.
    /// <c>api://intervention/.default</c>.
    /// </summary>
    public string? ApiScope { get; set; }
}

/// <summary>The portal's session, bound from <c>Portal:Session</c>.</summary>
public sealed class PortalSessionOptions
{
    public const string Section = "Portal:Session";
    /// <summary>A session ends after this long without a request (sliding), and a signed-in page asks to sign in again.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// Sign-in: a cookie holds the session; who signs in, and with which roles, comes from the council's identity provider
/// (production) or, where no provider is configured but the AppHost's development key is, from the development sign-in
/// page. The APIs' tokens are always the signed-in person's own (<see cref="ApiTokens"/>).
/// </summary>
public static class PortalSignIn
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "roles";
    public const string NameClaim = "name";

    /// <summary>
    /// Production when a provider is configured, development when only the signing key is; neither: the portal refuses to
    /// start. The one read of configuration at registration: which sign-in handler exists must be known before the host is
    /// built (a provider's handler registered without a provider would fail every request). Everything else is bound.
    /// </summary>
    public static SignInMode ModeFrom(IConfiguration configuration) => ModeOf(
        configuration.GetSection(PortalOpenIdConnectOptions.Section).Get<PortalOpenIdConnectOptions>() ?? new(),
        configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new());

    /// <summary>The sign-in that <paramref name="provider"/> and <paramref name="auth"/> give (pure).</summary>
    public static SignInMode ModeOf(PortalOpenIdConnectOptions provider, AuthOptions auth)
    {
        if (!string.IsNullOrWhiteSpace(provider.Authority))
        {
            if (string.IsNullOrWhiteSpace(provider.ClientId))
                throw new InvalidOperationException(
                    "Portal:OpenIdConnect:Authority is set but Portal:OpenIdConnect:ClientId is not: the portal cannot sign anyone in.");
            return SignInMode.OpenIdConnect;
        }
        if (!string.IsNullOrWhiteSpace(auth.SigningKey)) return SignInMode.Development;
        throw new InvalidOperationException("portal: no sign-in is configured. Set Portal__OpenIdConnect__Authority and " +
            "Portal__OpenIdConnect__ClientId (the council's identity provider), or Auth__SigningKey (development: the AppHost generates one).");
    }

    public static IHostApplicationBuilder AddPortalSignIn(this IHostApplicationBuilder builder)
    {
        var mode = ModeFrom(builder.Configuration);
        builder.Services.AddOptions<PortalSessionOptions>().BindConfiguration(PortalSessionOptions.Section);
        builder.Services.AddOptions<PortalOpenIdConnectOptions>().BindConfiguration(PortalOpenIdConnectOptions.Section);
        builder.Services.AddSingleton(new PortalSignInMode(mode));
        builder.Services.AddHttpContextAccessor();

        // ServiceDefaults made JWT bearer the default (for APIs): the portal's people have a cookie instead.
        var authentication = builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.DefaultChallengeScheme = mode == SignInMode.OpenIdConnect
                ? OpenIdConnectDefaults.AuthenticationScheme
                : CookieAuthenticationDefaults.AuthenticationScheme;
        });
        authentication.AddCookie();
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<PortalSessionOptions>>((cookie, session) => ConfigureCookie(cookie, session.Value));
        if (mode == SignInMode.OpenIdConnect)
        {
            authentication.AddOpenIdConnect();
            builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
                .Configure<IOptions<PortalOpenIdConnectOptions>>((oidc, provider) => ConfigureOpenIdConnect(oidc, provider.Value));
        }
        return builder;
    }

    /// <summary>The session's cookie: sliding, for <see cref="PortalSessionOptions.IdleTimeout"/>, never readable by scripts.</summary>
    private static void ConfigureCookie(CookieAuthenticationOptions cookie, PortalSessionOptions session)
    {
        cookie.Cookie.Name = "portal-session";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        // Secure whenever the portal is reached over https (production); a development run on loopback is plain http.
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = session.IdleTimeout;
        cookie.SlidingExpiration = true;
        cookie.LoginPath = "/sign-in";
        cookie.LogoutPath = "/sign-out";
        cookie.AccessDeniedPath = "/sign-in";
        cookie.Events.OnValidatePrincipal = ApiTokens.EndSessionWhenTheProvidersTokenExpired;
    }

    /// <summary>The authorization code flow with PKCE; the provider's tokens are kept in the session so the APIs get the person's own.</summary>
    internal static void ConfigureOpenIdConnect(OpenIdConnectOptions oidc, PortalOpenIdConnectOptions provider)
    {
        oidc.Authority = provider.Authority;
        oidc.ClientId = provider.ClientId;
        oidc.ClientSecret = provider.ClientSecret;
        oidc.ResponseType = "code";
        oidc.UsePkce = true;
        oidc.SaveTokens = true;
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = false;
        oidc.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "offline_access", provider.ApiScope }.OfType<string>()) oidc.Scope.Add(scope);
        oidc.CallbackPath = "/signin-oidc";
        oidc.SignedOutCallbackPath = "/signout-callback-oidc";
        oidc.SignedOutRedirectUri = "/signed-out";
        oidc.TokenValidationParameters = new TokenValidationParameters { NameClaimType = NameClaim, RoleClaimType = RoleClaim };
    }

    /// <summary>The development session for one role: subject <c>dev-&lt;role&gt;</c>, as the AppHost's role tokens name it.</summary>
    public static ClaimsPrincipal DevelopmentPerson(string role) => new(new ClaimsIdentity(
        [new Claim(SubjectClaim, $"dev-{role}"), new Claim(NameClaim, RoleNames.Of(role)), new Claim(RoleClaim, role)],
        CookieAuthenticationDefaults.AuthenticationScheme, NameClaim, RoleClaim));

    /// <summary>Signs the development person in: only a role the APIs know.</summary>
    public static Task SignInAsync(HttpContext context, string role) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, DevelopmentPerson(role), new AuthenticationProperties { IsPersistent = false });
}

/// <summary>The sign-in in use, for the pages.</summary>
public sealed record PortalSignInMode(SignInMode Mode);

/// <summary>The roles the APIs use, as the portal names them to people.</summary>
public static class RoleNames
{
    public static IReadOnlyList<(string Role, string Name, string Hint)> All { get; } =
    [
        (Roles.Commissioner, "Commissioner", "Reads every portfolio; decides what the Directions give the Commissioners"),
        (Roles.Children, "Children's services team", "Children's social care, its KPIs and 903 returns"),
        (Roles.Licensing, "Licensing team", "Taxi and private hire drivers, hearings and appeals"),
        (Roles.Governance, "Governance team", "Directions, the decision register and the return of powers"),
        (Roles.Finance, "Finance team", "The MTFS, budget monitoring and resilience"),
        (Roles.Integrator, "Integrator", "Aggregates without personal data, for partner systems"),
        (Roles.Ops, "Operations", "The health of the services"),
    ];

    public static string Of(string role) => All.FirstOrDefault(r => r.Role == role).Name ?? role;
}
