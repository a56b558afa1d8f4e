using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Intervention.AppHost;
using Intervention.ServiceDefaults.Security;

namespace Intervention.Bench;

/// <summary>
/// Issue 18's "each page answers within 1 s on the seeded system": every page of the portal fetched through the gateway by a
/// person signed in on the development sign-in page with the role that uses it, timed from sending the GET to the last byte of
/// its HTML (what a browser's navigation waits for before it draws; the page's CSS, scripts and fonts are cached after the
/// first page and not timed). The system is seeded as the functional tests seed theirs (the seeds program through the gateway:
/// the Rotherham Directions, 150 drivers, the finance and children's seeds), then given what the pages with an id show: a
/// completed standards audit, a driver it calls to a hearing, that hearing, and the seeded 903 year's import. Each page is asked
/// twice unmeasured (the services' first calls compile and fill caches), then <c>--runs</c> times, pages in turn.
/// </summary>
public static partial class PortalPages
{
    /// <summary>The bound the issue sets for every page.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(Options options)
    {
        var runs = options.Number("runs", 20);
        var drivers = options.Number("drivers", 150);
        var report = new Report("portal-pages");
        report.Header("Portal pages on the seeded system",
            $"{runs} timed GETs of each page after 2 unmeasured, pages in turn; seeds: governance, licensing ({drivers} drivers), finance, children");

        await using var system = await BenchSystem.StartAsync();
        await SeedAsync(system, drivers);
        using var api = system.Client(system.Gateway);
        var ids = await PrepareAsync(api);
        var pages = Pages(ids);

        var signedIn = new Dictionary<string, HttpClient>();
        foreach (var role in pages.Select(page => page.Role).Distinct())
            signedIn[role] = role == "" ? Browser(system.Gateway) : await SignInAsync(system.Gateway, role);

        var times = pages.ToDictionary(page => page, _ => new List<double>());
        var answers = pages.ToDictionary(page => page, _ => new HashSet<int>());
        for (var run = -2; run < runs; run++)
            foreach (var page in pages)
            {
                var (ms, status) = await TimeAsync(signedIn[page.Role], page.Path);
                answers[page].Add(status);
                if (run >= 0) times[page].Add(ms);
            }

        report.Line("Each figure is milliseconds from sending the GET to the last byte of the page's HTML, through the gateway, signed in " +
                    "with the role named (the portal then asks the APIs through the gateway with that role's token).");
        report.Line();
        report.Line("| page | path asked | role | answer | median ms | p95 ms | max ms |");
        report.Line("|---|---|---|---:|---:|---:|---:|");
        foreach (var page in pages)
        {
            var sorted = times[page].Order().ToList();
            report.Line($"| {page.Name} | `{page.Path}` | {(page.Role == "" ? "not signed in" : RoleName(page.Role))} | " +
                        $"{string.Join(", ", answers[page])} | {Stats.Percentile(sorted, 50):0} | {Stats.Percentile(sorted, 95):0} | {sorted[^1]:0} |");
        }
        report.Line();
        var wrong = pages.Where(page => answers[page].Any(status => status != page.Expected)).ToList();
        var slow = pages.Where(page => Stats.Percentile(times[page].Order().ToList(), 95) > Bound.TotalMilliseconds).ToList();
        report.Line(wrong.Count == 0 ? "Every page answered as expected on every run (200; 404 for the page-not-found page)."
            : $"**Answered otherwise than expected:** {string.Join(", ", wrong.Select(page => $"{page.Name} ({string.Join(", ", answers[page])})"))}.");
        report.Line(slow.Count == 0 ? $"Every page's p95 is under {Bound.TotalMilliseconds:0} ms."
            : $"**p95 over {Bound.TotalMilliseconds:0} ms:** {string.Join(", ", slow.Select(page => page.Name))}.");
        report.Line($"Load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} " +
                    "(2 shared cores: other work on the machine shows in the p95).");
        report.Save();
        return wrong.Count == 0 ? 0 : 1;
    }

    /// <summary>A page of the portal, the role that uses it, and the answer it should give.</summary>
    private sealed record Page(string Name, string Path, string Role, int Expected = 200);

    private sealed record PageIds(Guid Audit, Guid Driver, Guid Hearing, Guid Import);

    /// <summary>Every page of the portal (<c>@page</c> in portal/), as its own people ask it.</summary>
    private static List<Page> Pages(PageIds ids) =>
    [
        new("sign-in", "/sign-in?returnUrl=%2F", ""),
        new("signed out", "/signed-out", ""),
        new("overview, today", "/", Roles.Commissioner),
        new("overview, 1 June 2016", "/?day=1&month=6&year=2016", Roles.Commissioner),
        new("page not found", "/no-such-page", Roles.Commissioner, 404),
        new("governance", "/decisions-and-powers", Roles.Governance),
        new("budget and MTFS", "/budget", Roles.Finance),
        new("ops", "/ops", Roles.Ops),
        new("children's KPIs", "/childrens-services?year=2017-18", Roles.Children),
        new("Ofsted recommendations", "/childrens-services/ofsted", Roles.Children),
        new("903 upload form", "/childrens-services/903", Roles.Children),
        new("903 import findings", $"/childrens-services/903/imports/{ids.Import}", Roles.Children),
        new("903 return if cut now", "/childrens-services/903/preview", Roles.Children),
        new("hearings", "/hearings", Roles.Licensing),
        new("hearing", $"/hearings/{ids.Hearing}", Roles.Licensing),
        new("schedule a hearing", $"/hearings/schedule?driverId={ids.Driver}", Roles.Licensing),
        new("decide a hearing", $"/hearings/{ids.Hearing}/decide", Roles.Licensing),
        new("driver's file", $"/drivers/{ids.Driver}", Roles.Licensing),
        new("standards audits", "/audits", Roles.Licensing),
        new("standards audit", $"/audits/{ids.Audit}", Roles.Licensing),
    ];

    /// <summary>The seeds program (built beside this one) through the gateway, as the functional tests' seeded system runs it.</summary>
    private static async Task SeedAsync(BenchSystem system, int drivers)
    {
        Console.WriteLine("seeding (governance, licensing, finance, children) ...");
        var here = new DirectoryInfo(AppContext.BaseDirectory); // bench/platform/bin/<Configuration>/<framework>/
        var seeds = Path.Combine(Repository.Root(), "seeds", "bin", here.Parent!.Name, here.Name, "Intervention.Seeds.dll");
        var tokens = system.Tokens.WriteRoleTokens(Directory.CreateTempSubdirectory("bench-tokens-").FullName, TimeSpan.FromHours(2));
        var start = new ProcessStartInfo("dotnet", [seeds, "--gateway", system.Gateway.ToString(), "--tokens", tokens,
            "--only", "governance,licensing,finance,children", "--drivers", drivers.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"seeds exited with {process.ExitCode}:\n{output}\n{await errors}");
    }

    /// <summary>What the pages with an id show, made through the APIs; waits for licensing to hold the seeded Directions first.</summary>
    private static async Task<PageIds> PrepareAsync(HttpClient api)
    {
        await UntilAsync(async () => (await api.GetStringAsync("licensing/api/authority?function=licensing&at=2017-02-15T12:00:00Z")).Contains("Council"),
            "licensing never received the seeded Directions");
        var audit = await PostAsync(api, "licensing/api/audits", new { asAt = "2015-09-01" });
        var auditId = audit.GetProperty("id").GetGuid();
        await UntilAsync(async () => (await api.GetStringAsync($"licensing/api/audits/{auditId}")).Contains("\"Completed\""), "the audit never completed");
        var hearingList = await api.GetFromJsonAsync<JsonElement>($"licensing/api/audits/{auditId}/hearing-list");
        var driver = hearingList.EnumerateArray().First().GetProperty("driverId").GetGuid();
        var hearing = await PostAsync(api, "licensing/api/hearings", new { driverId = driver, heldOn = "2016-06-15", grounds = "The 2015 audit" });
        var rules = await api.GetFromJsonAsync<JsonElement>("children/api/903/rules?year=2017/18");
        if (rules.GetProperty("importId").ValueKind != JsonValueKind.String)
            throw new InvalidOperationException("the children's seeds imported no 2017/18 year");
        return new PageIds(auditId, driver, hearing.GetProperty("id").GetGuid(), rules.GetProperty("importId").GetGuid());
    }

    /// <summary>A client that keeps cookies (the portal's session and anti-forgery cookies) and does not follow redirects.</summary>
    private static HttpClient Browser(Uri gateway) =>
        new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>Signs in on the development sign-in page as a person does: the form, its anti-forgery token, the role's radio.</summary>
    private static async Task<HttpClient> SignInAsync(Uri gateway, string role)
    {
        var browser = Browser(gateway);
        var form = await browser.GetStringAsync("/sign-in?returnUrl=%2F");
        var token = AntiforgeryToken().Match(form) is { Success: true } match ? match.Groups[1].Value
            : throw new InvalidOperationException("the sign-in page has no anti-forgery token");
        using var answer = await browser.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["role"] = role, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
        if (answer.StatusCode != HttpStatusCode.Redirect && answer.StatusCode != HttpStatusCode.Found)
            throw new InvalidOperationException($"signing in as {role}: {(int)answer.StatusCode}");
        return browser;
    }

    private static async Task<(double Ms, int Status)> TimeAsync(HttpClient browser, string path)
    {
        var clock = Stopwatch.StartNew();
        using var answer = await browser.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        clock.Stop();
        return (clock.Elapsed.TotalMilliseconds, (int)answer.StatusCode);
    }

    private static string RoleName(string role) => role switch
    {
        Roles.Commissioner => "Commissioner",
        Roles.Children => "Children's services team",
        Roles.Licensing => "Licensing team",
        Roles.Governance => "Governance team",
        Roles.Finance => "Finance team",
        Roles.Ops => "Operations",
        _ => role,
    };

    private static async Task<JsonElement> PostAsync(HttpClient api, string uri, object body)
    {
        using var answer = await api.PostAsJsonAsync(uri, body);
        var text = await answer.Content.ReadAsStringAsync();
        if (!answer.IsSuccessStatusCode) throw new InvalidOperationException($"POST {uri}: {(int)answer.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(failure);
            await Task.Delay(250);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
