using System.Net;
using System.Text.RegularExpressions;
using Portal.Tests.SignIn;

namespace Portal.Tests.Licensing;

/// <summary>
/// The licensing pages' forms on the in-memory portal, whose gateway is a dead loopback port: each form carries the
/// anti-forgery token and a post without it is refused; a post with it, while licensing cannot be reached, is a page that
/// says so (never a 500); and a path no page answers is GOV.UK's "Page not found".
/// </summary>
public sealed partial class LicensingFormsTests : IDisposable
{
    private readonly PortalHost _host = PortalHost.Development();

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("/hearings/schedule")]
    [InlineData("/audits")]
    [InlineData("/hearings/0196a7c4-0000-7000-8000-000000000001?handler=Record")]
    [InlineData("/hearings/0196a7c4-0000-7000-8000-000000000001/decide?handler=Check")]
    [InlineData("/hearings/0196a7c4-0000-7000-8000-000000000001/decide?handler=Confirm")]
    public async Task A_post_without_the_anti_forgery_token_is_refused(string path)
    {
        using var browser = await SignedInAsync("licensing");

        // Everything a page would take, but the token: the page itself would answer (text/html, saying licensing is not answering).
        using var posted = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["DriverId"] = Guid.NewGuid().ToString(), ["HeldOnDay"] = "15", ["HeldOnMonth"] = "6", ["HeldOnYear"] = "2016", ["Grounds"] = "Complaint",
            ["AsAtDay"] = "1", ["AsAtMonth"] = "9", ["AsAtYear"] = "2015", ["Kind"] = "Statement", ["Speaker"] = "The driver", ["Text"] = "Words",
            ["Outcome"] = "Warning", ["Reasons"] = "Reasons", ["NoticeGivenOnDay"] = "15", ["NoticeGivenOnMonth"] = "6", ["NoticeGivenOnYear"] = "2016",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.DoesNotContain("text/html", posted.Content.Headers.ContentType?.ToString() ?? "");
    }

    [Fact]
    public async Task With_the_token_and_licensing_out_of_reach_starting_an_audit_says_the_service_is_not_answering()
    {
        using var browser = await SignedInAsync("licensing");
        var form = await (await browser.GetAsync("/audits")).Content.ReadAsStringAsync();

        using var posted = await browser.PostAsync("/audits", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["AsAtDay"] = "1", ["AsAtMonth"] = "9", ["AsAtYear"] = "2015", ["__RequestVerificationToken"] = Token(form),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("The licensing service is not answering", await posted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_day_that_is_not_a_real_one_is_named_at_its_box_before_licensing_is_asked()
    {
        using var browser = await SignedInAsync("licensing");
        var form = await (await browser.GetAsync("/hearings/schedule")).Content.ReadAsStringAsync();

        using var posted = await browser.PostAsync("/hearings/schedule", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["DriverId"] = Guid.NewGuid().ToString(), ["HeldOnDay"] = "31", ["HeldOnMonth"] = "6", ["HeldOnYear"] = "2016", ["Grounds"] = "Complaint",
            ["__RequestVerificationToken"] = Token(form),
        }));

        var page = await posted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("<a href=\"#heldOn\">The date must be a real date</a>", page);
        Assert.Contains("id=\"heldOn-error\"", page);
        Assert.DoesNotContain("not answering", page);
    }

    [Fact]
    public async Task A_path_no_page_answers_is_GOV_UKs_page_not_found_with_a_404()
    {
        using var browser = await SignedInAsync("licensing");

        using var missing = await browser.GetAsync("/no-such/page");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.StartsWith("text/html", missing.Content.Headers.ContentType!.ToString());
        Assert.Contains("<h1 class=\"govuk-heading-l\">Page not found</h1>", await missing.Content.ReadAsStringAsync());
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var browser = _host.Browser();
        var form = await (await browser.GetAsync("/sign-in")).Content.ReadAsStringAsync();
        using var signedIn = await browser.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["role"] = role, ["returnUrl"] = "/", ["__RequestVerificationToken"] = Token(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    private static string Token(string page) => TokenField().Match(page) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no anti-forgery token on the page");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
