using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

// The README's dashboard screenshots, from a running AppHost (./run): the Resources page, and the trace of one licensing
// decision made through the gateway (as the functional test Dashboard/DashboardTelemetryTests makes it) opened in the
// trace detail view. Reads the dashboard's URL, login token and telemetry API key from <data>/dashboard.json and the
// role tokens from <data>/tokens/, both written by the AppHost.
//
//   dotnet run --project docs/screenshots [-- --data .apphost --out docs/images --chromium /usr/bin/chromium]
//
// Playwright cannot download browsers here: it drives Debian's chromium (apt-get install -y chromium).

var repo = FindRepo();
var data = Option("--data") ?? Path.Combine(repo, ".apphost");
var output = Option("--out") ?? Path.Combine(repo, "docs", "images");
var chromium = Option("--chromium") ?? "/usr/bin/chromium";
if (!File.Exists(chromium)) return Fail($"no browser at {chromium}: apt-get install -y chromium, or give --chromium <path>");
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
return 0;

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
