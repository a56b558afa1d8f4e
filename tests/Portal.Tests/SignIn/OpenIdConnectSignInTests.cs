using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Intervention.Portal.SignIn;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Portal.Tests.SignIn;

/// <summary>
/// Production sign-in against the council's identity provider, configured only: no provider is reachable, so the test
/// checks the options and that a person who is not signed in is sent to the provider (its endpoints given, never fetched).
/// </summary>
public sealed class OpenIdConnectSignInTests
{
    private const string Authority = "https://login.council.example/tenant/v2.0";
    private const string AuthorizeEndpoint = "https://login.council.example/tenant/oauth2/v2.0/authorize";

    private static PortalHost Production() => new(new()
    {
        ["Portal:OpenIdConnect:Authority"] = Authority,
        ["Portal:OpenIdConnect:ClientId"] = "intervention-portal",
        ["Portal:OpenIdConnect:ClientSecret"] = "not-a-real-secret",
        ["Portal:OpenIdConnect:ApiScope"] = "api://intervention/.default",
        ["Portal:Session:IdleTimeout"] = "00:20:00",
        // The APIs check the provider's tokens; the portal never signs one itself in production.
        ["Auth:Authority"] = Authority,
    }, services => services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o =>
        o.Configuration = new OpenIdConnectConfiguration { AuthorizationEndpoint = AuthorizeEndpoint, Issuer = Authority }));

    [Fact]
    public void The_options_ask_for_the_code_flow_with_PKCE_keep_the_tokens_and_read_the_APIs_roles()
    {
        using var host = Production();
        var options = host.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);

        Assert.Equal((Authority, "intervention-portal", "code", true, true), (options.Authority, options.ClientId, options.ResponseType, options.UsePkce, options.SaveTokens));
        Assert.Equal(["openid", "profile", "offline_access", "api://intervention/.default"], options.Scope);
        Assert.Equal(("roles", "name"), (options.TokenValidationParameters.RoleClaimType, options.TokenValidationParameters.NameClaimType));
        Assert.False(options.MapInboundClaims);

        var cookie = host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        Assert.Equal((TimeSpan.FromMinutes(20), true, true), (cookie.ExpireTimeSpan, cookie.SlidingExpiration, cookie.Cookie.HttpOnly));
    }

    [Fact]
    public async Task A_person_not_signed_in_is_sent_to_the_councils_identity_provider()
    {
        using var host = Production();
        using var browser = host.Browser();

        using var answer = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var location = answer.Headers.Location!.ToString();
        Assert.StartsWith(AuthorizeEndpoint + "?", location);
        Assert.Contains("client_id=intervention-portal", location);
        Assert.Contains("response_type=code", location);
        Assert.Contains("code_challenge_method=S256", location);
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString("http://localhost/signin-oidc"), location);
    }

    [Fact]
    public async Task The_development_sign_in_page_is_not_there_when_the_provider_is()
    {
        using var host = Production();
        using var browser = host.Browser();

        using var page = await browser.GetAsync("/sign-in");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith(AuthorizeEndpoint, page.Headers.Location!.ToString());
    }
}
