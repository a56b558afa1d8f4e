using System.Net;
using System.Text.RegularExpressions;
using Intervention.Portal.SignIn;
using Intervention.ServiceDefaults.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Portal.Tests.SignIn;

/// <summary>The development sign-in page (a role, a cookie), sign-out, anti-forgery on its forms, and the token the APIs then get.</summary>
public sealed partial class DevelopmentSignInTests : IDisposable
{
    private readonly PortalHost _host = PortalHost.Development();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_person_not_signed_in_is_sent_to_the_sign_in_page_and_back_to_where_they_were_going()
    {
        using var browser = _host.Browser();

        using var overview = await browser.GetAsync("/budget");
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        Assert.Equal("/sign-in?ReturnUrl=%2Fbudget", overview.Headers.Location!.PathAndQuery);

        using var signedIn = await SignInAsync(browser, "finance", "/budget");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/budget", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_sign_in_never_sends_a_person_to_another_site()
    {
        using var browser = _host.Browser();
        using var signedIn = await SignInAsync(browser, "finance", "https://elsewhere.example/");
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused()
    {
        using var browser = _host.Browser();
        await browser.GetAsync("/sign-in"); // the anti-forgery cookie, but not the form's token

        using var forged = await browser.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["role"] = "commissioner" }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.Contains("Set-Cookie") && forged.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("portal-session=")));
    }

    [Fact]
    public async Task A_role_the_APIs_do_not_know_is_refused_with_the_field_named()
    {
        using var browser = _host.Browser();
        using var answer = await SignInAsync(browser, "superuser", "/");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var page = await answer.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#role\">Select the role to sign in as</a>", page);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var browser = _host.Browser();
        await SignInAsync(browser, "commissioner", "/");
        var token = AntiForgeryToken(await (await browser.GetAsync("/sign-in")).Content.ReadAsStringAsync());

        using var signOut = await browser.PostAsync("/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/signed-out", signOut.Headers.Location!.OriginalString);

        using var after = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/sign-in", after.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_APIs_get_a_short_token_with_the_persons_own_subject_and_role_and_nothing_more()
    {
        var auth = Options.Create(new AuthOptions { SigningKey = PortalHost.SigningKey });
        var tokens = new ApiTokens(new PortalSignInMode(SignInMode.Development), auth, TimeProvider.System);

        var token = tokens.Development(PortalSignIn.DevelopmentPerson("finance"));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "intervention-apphost",
            ValidAudience = "intervention",
            IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(PortalHost.SigningKey)),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("dev-finance", jwt.Subject);
        Assert.Equal(["finance"], jwt.Claims.Where(c => c.Type == "roles").Select(c => c.Value));
        Assert.True(jwt.ValidTo - jwt.IssuedAt <= ApiTokens.DevelopmentLifetime, $"lives {jwt.ValidTo - jwt.IssuedAt}");
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string role, string returnUrl)
    {
        var form = await (await browser.GetAsync("/sign-in")).Content.ReadAsStringAsync();
        return await browser.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["role"] = role,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = AntiForgeryToken(form),
        }));
    }

    private static string AntiForgeryToken(string page) => TokenField().Match(page) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no anti-forgery token on the page");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
