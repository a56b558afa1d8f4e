using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

// The README's screenshots, from a running AppHost (./run). The dashboard's: the Resources page, and the trace of one
// licensing decision made through the gateway (as the functional test AppHostTests makes it, through Dashboard/DashboardTrace) opened
// in the trace detail view. Reads the dashboard's URL, login token and telemetry API key from <data>/dashboard.json and
// the role tokens from <data>/tokens/, both written by the AppHost. The portal's (after the seeds have run: dotnet run
// --project seeds): its sign-in page, the overview on 1 June 2016 as a Commissioner reads it, and the budget as the
// finance team reads it; `--only portal --gateway <url>` takes those alone, from any running system. The 903 preview is cut on
// 30 September 2018 from the children recorded live through the API; on a system with none there, three are recorded first (one
// with a placement the DfE rules refuse) with the children's team's token from <data>/tokens/ or `--tokens <folder>`.
//
//   dotnet run --project docs/screenshots [-- --data .apphost --out docs/images --chromium /usr/bin/chromium]
//   dotnet run --project docs/screenshots -- --only portal --gateway http://localhost:5080 [--tokens .apphost/tokens --out docs/images]
//
// Playwright cannot download browsers here: it drives Debian's chromium (apt-get install -y chromium).

var repo = FindRepo();
var data = Option("--data") ?? Path.Combine(repo, ".apphost");
var output = Option("--out") ?? Path.Combine(repo, "docs", "images");
var chromium = Option("--chromium") ?? "/usr/bin/chromium";
if (!File.Exists(chromium)) return Fail($"no browser at {chromium}: apt-get install -y chromium, or give --chromium <path>");
var tokens = Option("--tokens") ?? Path.Combine(data, "tokens");
var childrenToken = Path.Combine(tokens, "children.jwt") is var tokenFile && File.Exists(tokenFile) ? File.ReadAllText(tokenFile).Trim() : null;
if (Option("--only") == "portal")
{
    if (Option("--gateway") is not { } portalGateway) return Fail("--only portal needs --gateway <the gateway's address>");
    foreach (var picture in await PortalPicturesAsync(chromium, portalGateway, output, childrenToken)) Console.WriteLine($"wrote {picture}");
    return 0;
}
var dashboardFile = Path.Combine(data, "dashboard.json");
if (!File.Exists(dashboardFile)) return Fail($"{dashboardFile} is missing: start the system first (./run), or give --data <the AppHost's data folder>");

using var file = JsonDocument.Parse(File.ReadAllText(dashboardFile));
string Setting(string name) => file.RootElement.GetProperty(name).GetString() ?? throw new InvalidOperationException($"{dashboardFile} has no {name}: is the dashboard on?");
var dashboard = Setting("url");
var login = Setting("login");
var gatewayUrl = Setting("gateway");
string Token(string role) => File.ReadAllText(Path.Combine(data, "tokens", $"{role}.jwt")).Trim();

// One licensing decision through the gateway, under a trace id of ours.
using var asGovernance = Client(gatewayUrl, Token("governance"));
using var asLicensing = Client(gatewayUrl, Token("licensing"));
await PostAsync(asGovernance, "governance/api/directions", """{"issuedOn":"2015-02-26","effectiveFrom":"2015-02-26T00:00:00Z","issuedBy":["DCLG","DfE"],"interventionEndsOn":"2019-03-31","assignments":[{"function":"licensing","authority":"Commissioners","oversight":"None"}]}""");
await UntilAsync(async () => (await asLicensing.GetStringAsync("licensing/api/authority")).Contains("Commissioners"), "licensing never learnt the Directions");
var driver = await PostAsync(asLicensing, "licensing/api/drivers", """{"name":"Screenshot Case","dateOfBirth":"1970-01-01","licenceType":"PrivateHire","appliedOn":"2016-01-04"}""");
var hearing = await PostAsync(asLicensing, "licensing/api/hearings", $$"""{"driverId":"{{driver.GetProperty("id")}}","heldOn":"2016-06-15","grounds":"Safeguarding referral"}""");
var traceId = ActivityTraceId.CreateRandom().ToHexString();
await PostAsync(asLicensing, $"licensing/api/hearings/{hearing.GetProperty("id")}/decision",
    """{"outcome":"Revocation","reasons":"Safeguarding referral upheld","grounds":"Safeguarding","immediate":true,"noticeGivenOn":"2016-06-15"}""", traceId);

// The dashboard has the whole trace once governance's and children's consumers have reported (telemetry API, x-api-key).
using var telemetry = new HttpClient { BaseAddress = new Uri(dashboard), DefaultRequestHeaders = { { "x-api-key", Setting("apiKey") } } };
await UntilAsync(async () =>
{
    using var response = await telemetry.GetAsync($"api/telemetry/traces/{traceId}");
    if (response.StatusCode == HttpStatusCode.NotFound) return false;
    response.EnsureSuccessStatusCode();
    var text = await response.Content.ReadAsStringAsync();
    return new[] { "governance-decision-recorded process", "children-safeguarding-concern-raised process", "integrations-safeguarding-concern-raised process" }.All(text.Contains);
}, $"the dashboard never held trace {traceId} down to governance's, children's and integrations' consumers");
await Task.Delay(2000); // the last database spans of each consumer

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
// Tall enough for every resource row (16 with the databases and the broker's connection string).
var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1150 }, ColorScheme = ColorScheme.Light });

// Signing in with the login URL lands on the Resources page.
await page.GotoAsync(login);
await page.WaitForURLAsync(url => !url.Contains("/login"));
string[] resources = ["gateway", "governance", "licensing", "children", "finance", "integrations", "rabbitmq", "postgres"];
foreach (var name in resources)
    await page.GetByRole(AriaRole.Gridcell).GetByText(name, new() { Exact = true }).First.WaitForAsync(new() { Timeout = 60_000 });
await UntilAsync(async () => await page.GetByText("Running", new() { Exact = true }).CountAsync() >= resources.Length, "the Resources page never showed every resource Running");
// Here the dashboard is plain http (no development certificate): its banner saying so is dismissed for the picture.
await DismissBannerAsync(page);
await page.WaitForTimeoutAsync(1000);
Directory.CreateDirectory(output);
var resourcesPng = Path.Combine(output, "dashboard-resources.png");
await page.ScreenshotAsync(new() { Path = resourcesPng });

// The trace in the trace detail view: the waterfall from the gateway to each consumer, every span on the page.
var spans = await SpanCountAsync(telemetry, traceId);
await page.SetViewportSizeAsync(1600, 200 + 32 * spans);
await page.GotoAsync($"{dashboard}/traces/detail/{traceId}");
await page.GetByText("governance-decision-recorded process").First.WaitForAsync(new() { Timeout = 60_000 });
await DismissBannerAsync(page);
await page.WaitForTimeoutAsync(1000);
var tracePng = Path.Combine(output, "dashboard-trace.png");
await page.ScreenshotAsync(new() { Path = tracePng });

Console.WriteLine($"wrote {resourcesPng}\nwrote {tracePng} (trace {traceId})");
foreach (var picture in await PortalPicturesAsync(chromium, gatewayUrl, output, childrenToken)) Console.WriteLine($"wrote {picture}");
return 0;

// Every page of the portal through the gateway, each signed in on the development sign-in page with the role that uses it; each
// picture is reported as "wrote <file> for <the page's route>" (the functional test checks every @page of portal/ is there).
static async Task<List<string>> PortalPicturesAsync(string chromium, string gateway, string output, string? childrenToken)
{
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
    Directory.CreateDirectory(output);
    List<string> pictures = [];

    async Task<IPage> SignedInAsync(string role, string path, string? signInPicture = null)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = gateway, ViewportSize = new() { Width = 1280, Height = 900 }, ColorScheme = ColorScheme.Light });
        // A program that pictures, not a timer: a CI machine starting two systems beside it may take longer than Playwright's 30 s.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in for development" }).WaitForAsync();
        if (signInPicture is not null) await PictureAsync(page, signInPicture, "/sign-in");
        await page.GetByLabel(role, new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == path);
        return page;
    }

    async Task PictureAsync(IPage page, string name, params string[] routes)
    {
        var file = Path.Combine(output, name);
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        pictures.AddRange(routes.Length == 0 ? [file] : routes.Select(route => $"{file} for {route}"));
    }

    var commissioner = await SignedInAsync("Commissioner", "/?day=1&month=6&year=2016", "portal-sign-in.png");
    await commissioner.Locator("tr[data-function=licensing]").WaitForAsync();
    await PictureAsync(commissioner, "portal-overview.png", "/");
    await commissioner.GotoAsync("/no-such-page");
    await commissioner.GetByRole(AriaRole.Heading, new() { Name = "Page not found" }).WaitForAsync();
    await PictureAsync(commissioner, "portal-not-found.png", "/page-not-found");
    await commissioner.GotoAsync("/");
    await commissioner.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
    await commissioner.GetByRole(AriaRole.Heading, new() { Name = "You have signed out" }).WaitForAsync();
    // GET /sign-out answers with the same page: signing out itself is the form's POST.
    await PictureAsync(commissioner, "portal-signed-out.png", "/signed-out", "/sign-out");

    var finance = await SignedInAsync("Finance team", "/budget");
    await finance.Locator("h1").WaitForAsync();
    await PictureAsync(finance, "portal-budget.png", "/budget");
    var ops = await SignedInAsync("Operations", "/ops");
    await ops.Locator("#services").WaitForAsync();
    await PictureAsync(ops, "portal-ops.png", "/ops");
    await ChildrenAndGovernancePicturesAsync(SignedInAsync, PictureAsync, gateway, childrenToken);
    await LicensingPicturesAsync(SignedInAsync, PictureAsync);
    return pictures;
}

// The children's pages as their team reads them, after a small 2015/16 year is uploaded through the form (three children placed in
// 2015, two with codes the DfE rules refuse): its findings, then the KPIs of that year, the recommendations and the preview of the
// return cut on 30 September 2018 from the children recorded live (the seeded year is imported, and the preview reads only what was
// recorded live: cut on a day without any, it was an empty page); and governance's page.
static async Task ChildrenAndGovernancePicturesAsync(Func<string, string, string?, Task<IPage>> signedIn, Func<IPage, string, string[], Task> picture,
    string gateway, string? childrenToken)
{
    var children = await signedIn("Children's services team", "/childrens-services/903", null);
    await children.Locator("h1").WaitForAsync();
    await picture(children, "portal-children-903.png", ["/childrens-services/903"]);
    var folder = Directory.CreateTempSubdirectory("portal-903-").FullName;
    await File.WriteAllTextAsync(Path.Combine(folder, "header.csv"), "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n" +
        "P1,1,01/03/2010,WBRI,A123456789012,,\r\nP2,9,14/07/2008,WBRI,A123456789013,,\r\nP3,2,02/02/2006,XXXX,A123456789014,,\r\n");
    await File.WriteAllTextAsync(Path.Combine(folder, "episodes.csv"), "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n" +
        "P1,01/06/2015,S,C2,N1,U4,PR1,,,,S60 1,S61 2,\r\nP2,01/07/2015,S,C2,N1,U4,PR1,,,,S60 1,S61 2,\r\nP3,01/08/2015,S,C2,N1,K2,PR1,,,,S60 1,S61 2,\r\n");
    await children.GetByLabel("Collection year").FillAsync("2015/16");
    await children.GetByLabel("The year's files").SetInputFilesAsync([Path.Combine(folder, "header.csv"), Path.Combine(folder, "episodes.csv")]);
    await children.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
    await children.WaitForURLAsync(url => url.Contains("/childrens-services/903/imports/"));
    await children.Locator("#findings").WaitForAsync();
    await picture(children, "portal-children-903-findings.png", ["/childrens-services/903/imports/{id:guid}"]);
    await children.GotoAsync("/childrens-services?year=2015-16&kpi=family-based-placements");
    await picture(children, "portal-children-kpis.png", ["/childrens-services"]);
    await children.GotoAsync("/childrens-services/ofsted");
    await picture(children, "portal-children-ofsted.png", ["/childrens-services/ofsted"]);
    const string previewPath = "/childrens-services/903/preview?asAt=2018-09-30";
    await children.GotoAsync(previewPath);
    await children.Locator("#preview").WaitForAsync();
    if (await children.Locator("#preview-rules").CountAsync() == 0)
    {
        if (childrenToken is null)
            throw new InvalidOperationException("no child recorded live in 2018/19 and no children's token to record some: give --tokens <folder>");
        await RecordLiveChildrenAsync(gateway, childrenToken);
        await children.GotoAsync(previewPath);
    }
    await children.Locator("#preview-rules").WaitForAsync();
    await picture(children, "portal-children-903-preview.png", ["/childrens-services/903/preview"]);
    var governance = await signedIn("Governance team", "/decisions-and-powers", null);
    await governance.Locator("h1").WaitForAsync();
    await picture(governance, "portal-governance.png", ["/decisions-and-powers"]);
}

// Three children recorded live in 2018/19 as the children's team records them: a girl fostered then moved to a children's home, a boy
// fostered, and a boy of 8 placed in independent living (P2), which the DfE allows only from 16 (rule 370). A child already
// recorded (409) is left as it is.
static async Task RecordLiveChildrenAsync(string gateway, string childrenToken)
{
    using var api = Client(gateway, childrenToken);
    (string LocalId, string Sex, string Born, (string Start, string Rne, string Place, string Provider)[] Episodes)[] children =
    [
        ("LIVE1801", "2", "2005-03-14", [("2018-05-08", "S", "U4", "PR1"), ("2018-08-20", "P", "K2", "PR4")]),
        ("LIVE1802", "1", "2012-11-02", [("2018-06-11", "S", "U4", "PR1")]),
        ("LIVE1803", "1", "2010-02-02", [("2018-07-02", "S", "P2", "PR1")]),
    ];
    foreach (var (localId, sex, born, episodes) in children)
    {
        using var recorded = await api.PostAsync("children/api/children", new StringContent(
            $$"""{"localId":"{{localId}}","sex":"{{sex}}","dateOfBirth":"{{born}}","ethnicity":"WBRI","upn":"UN2"}""", Encoding.UTF8, "application/json"));
        if (recorded.StatusCode == HttpStatusCode.Conflict) continue;
        if (recorded.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"recording {localId}: {(int)recorded.StatusCode} {await recorded.Content.ReadAsStringAsync()}");
        var id = JsonDocument.Parse(await recorded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        foreach (var (start, rne, place, provider) in episodes)
        {
            var moved = rne == "P" ? ",\"reasonForPlacementChange\":\"CHILD\"" : "";
            await PostAsync(api, $"children/api/children/{id}/episodes",
                $$"""{"startedOn":"{{start}}","reasonForNewEpisode":"{{rne}}","legalStatus":"C2","categoryOfNeed":"N1",""" +
                $$"""  "placementType":"{{place}}","placementProvider":"{{provider}}","homePostcode":"S60 1","placementPostcode":"S61 2"{{moved}}}""");
        }
    }
}

// Licensing's pages as its team uses them on the seeded drivers: the standards audit of 1 September 2015 started and followed to
// the end, a driver it calls to a hearing, that hearing scheduled for 15 June 2016, decided (the form, then the check of the
// decision-maker and the dates) and listed.
static async Task LicensingPicturesAsync(Func<string, string, string?, Task<IPage>> signedIn, Func<IPage, string, string[], Task> picture)
{
    var licensing = await signedIn("Licensing team", "/audits", null);
    await licensing.Locator("h1").WaitForAsync();
    await DatesAsync(licensing, "asAt", "1", "9", "2015");
    await licensing.GetByRole(AriaRole.Button, new() { Name = "Start the audit" }).ClickAsync();
    await licensing.Locator("#audit-status").Filter(new() { HasText = "Completed" }).WaitForAsync(new() { Timeout = 120_000 });
    await picture(licensing, "portal-audit.png", ["/audits/{id:guid}"]);
    await licensing.GotoAsync("/audits");
    await licensing.Locator("#past-audits").WaitForAsync();
    await picture(licensing, "portal-audits.png", ["/audits"]);
    await licensing.GoBackAsync();
    // The last the audit lists: the functional tests decide the first.
    await licensing.Locator("#audit-hearing-list tbody a").Last.ClickAsync();
    await licensing.Locator("#fitness").WaitForAsync();
    await picture(licensing, "portal-driver.png", ["/drivers/{id:guid}"]);
    await licensing.GetByRole(AriaRole.Button, new() { Name = "Schedule a hearing" }).ClickAsync();
    await licensing.GetByRole(AriaRole.Heading, new() { Name = "Schedule a hearing" }).WaitForAsync();
    await DatesAsync(licensing, "heldOn", "15", "6", "2016");
    await licensing.GetByLabel("Grounds").FillAsync("The 2015 audit found a conviction inside its period");
    await picture(licensing, "portal-hearing-schedule.png", ["/hearings/schedule"]);
    await licensing.GetByRole(AriaRole.Button, new() { Name = "Schedule the hearing" }).ClickAsync();
    await licensing.Locator("#decision-maker").WaitForAsync();
    await picture(licensing, "portal-hearing.png", ["/hearings/{id:guid}"]);
    await licensing.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
    await licensing.GetByLabel("Suspension of the licence").CheckAsync();
    await licensing.GetByLabel("Other grounds").CheckAsync();
    await licensing.GetByLabel("Written reasons").FillAsync("A conviction for violence inside the policy's period, not declared.");
    await DatesAsync(licensing, "noticeGivenOn", "15", "6", "2016");
    await picture(licensing, "portal-hearing-decide.png", ["/hearings/{id:guid}/decide"]);
    await licensing.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
    await licensing.GetByRole(AriaRole.Heading, new() { Name = "Check the decision before recording it" }).WaitForAsync();
    await picture(licensing, "portal-hearing-check.png", []);
    await licensing.GetByRole(AriaRole.Button, new() { Name = "Confirm the decision" }).ClickAsync();
    await licensing.Locator("#effective-on").WaitForAsync();
    await licensing.GotoAsync("/hearings");
    await licensing.Locator("h1").WaitForAsync();
    await picture(licensing, "portal-hearings.png", ["/hearings"]);

    static async Task DatesAsync(IPage page, string field, string day, string month, string year)
    {
        await page.Locator($"#{field}").FillAsync(day);
        await page.Locator($"#{field}-month").FillAsync(month);
        await page.Locator($"#{field}-year").FillAsync(year);
    }
}

static async Task DismissBannerAsync(IPage page)
{
    var dismiss = page.Locator(".dashboard-message-bar-dismiss");
    for (var i = 0; i < 5 && await dismiss.CountAsync() > 0; i++)
    {
        await dismiss.First.ClickAsync();
        await page.WaitForTimeoutAsync(300);
    }
}

static async Task<int> SpanCountAsync(HttpClient telemetry, string traceId)
{
    using var trace = JsonDocument.Parse(await telemetry.GetStringAsync($"api/telemetry/traces/{traceId}"));
    return trace.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray()
        .SelectMany(r => r.GetProperty("scopeSpans").EnumerateArray()).Sum(s => s.GetProperty("spans").GetArrayLength());
}

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static string FindRepo()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Intervention.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}

static int Fail(string message)
{
    Console.Error.WriteLine($"screenshots: {message}");
    return 1;
}

static HttpClient Client(string baseAddress, string token) =>
    new() { BaseAddress = new Uri(baseAddress.TrimEnd('/') + "/"), DefaultRequestHeaders = { Authorization = new("Bearer", token) } };

static async Task<JsonElement> PostAsync(HttpClient http, string uri, string body, string? traceId = null)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    if (traceId is not null) request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"POST {uri}: {(int)response.StatusCode} {text}");
    return JsonDocument.Parse(text).RootElement.Clone();
}

static async Task UntilAsync(Func<Task<bool>> condition, string failure)
{
    var deadline = DateTime.UtcNow.AddSeconds(60);
    while (!await condition())
    {
        if (DateTime.UtcNow > deadline) throw new TimeoutException(failure);
        await Task.Delay(250);
    }
}
