using System.Diagnostics;
using System.Text.RegularExpressions;
using Intervention.Contracts.Licensing;
using Intervention.Contracts.Licensing.Http;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Intervention.FunctionalTests.Portal;

/// <summary>
/// The licensing, finance and ops pages of the portal in a browser, through the gateway, on the seeded system (the Rotherham
/// Directions and 150 drivers; the finance seeds added here). Each page passes axe-core with no serious or critical violation,
/// loads nothing its Content-Security-Policy blocks, and is timed from the request to the page loaded (headless Chromium;
/// recorded in TestResults/measurements.txt).
/// Pictures go to <c>PORTAL_PICTURES</c> (docs/images, to retake the README's) or a temporary folder.
/// </summary>
[Collection(SeededSystem.Name)]
public sealed partial class LicensingFinancePagesJourneyTests(SeededSystem seeded, ITestOutputHelper output)
{
    private static readonly string Pictures = Environment.GetEnvironmentVariable("PORTAL_PICTURES") is { Length: > 0 } given
        ? given : Directory.CreateTempSubdirectory("portal-pictures-").FullName;

    [Fact]
    public async Task A_licensing_officer_audits_the_drivers_schedules_a_hearing_and_decides_it_seeing_the_decision_maker_and_dates_before_confirming()
    {
        await using var browser = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        var page = browser.Page;
        List<string> timings = [];
        await browser.SignInAsync("Licensing team", "/audits");

        // The standards audit of 1 September 2015: its page follows the run to the end.
        await FillDateAsync(page, "asAt", "1", "9", "2015");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the audit" }).ClickAsync();
        await page.WaitForURLAsync(AuditPage());
        await Expect(page.Locator("#audit-status")).ToHaveTextAsync("Completed", new() { Timeout = 60_000 });
        await Expect(page.Locator("#progress-label")).ToContainTextAsync("(100.0%)");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        timings.Add(await TimedAsync(page, page.Url, "standards audit"));
        await PictureAsync(page, "portal-audit.png");

        // A driver the audit calls to a hearing: the file says why.
        await page.Locator("#audit-hearing-list tbody a").First.ClickAsync();
        await page.WaitForURLAsync(DriverPage());
        var driverPath = new Uri(page.Url).AbsolutePath;
        await Expect(page.Locator("#fitness")).ToBeVisibleAsync();
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        timings.Add(await TimedAsync(page, driverPath, "driver's file"));
        await PictureAsync(page, "portal-driver.png");

        // Scheduling without grounds: licensing's rule is named next to the box, and nothing is scheduled.
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule a hearing" }).ClickAsync();
        await FillDateAsync(page, "heldOn", "15", "6", "2016");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the hearing" }).ClickAsync();
        await Expect(page.Locator("#grounds-error")).ToContainTextAsync("The grounds is required");
        await Expect(page.Locator(".govuk-error-summary a[href='#grounds']")).ToBeVisibleAsync();
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        await page.GetByLabel("Grounds").FillAsync("The 2015 audit found a conviction inside its period");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the hearing" }).ClickAsync();
        await page.WaitForURLAsync(HearingPage());
        var hearingPath = new Uri(page.Url).AbsolutePath;
        // On 15 June 2016 the Directions gave licensing to the Commissioners.
        await Expect(page.Locator("#decision-maker")).ToContainTextAsync("Commissioners (licensing)");

        // The driver's statement goes on the record.
        await page.GetByLabel("A statement by the driver").CheckAsync();
        await page.GetByLabel("Who spoke").FillAsync("The driver");
        await page.GetByLabel("What was said").FillAsync("I did not declare the conviction because I thought it was spent.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the record" }).ClickAsync();
        await Expect(page.Locator("#hearing-record")).ToContainTextAsync("thought it was spent");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        timings.Add(await TimedAsync(page, hearingPath, "hearing"));

        // The decision: without reasons it is refused by licensing, naming the field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await page.GetByLabel("Suspension of the licence").CheckAsync();
        await page.GetByLabel("Other grounds").CheckAsync();
        await FillDateAsync(page, "noticeGivenOn", "15", "6", "2016");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator("#reasons-error")).ToContainTextAsync("The reasons are required");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        // With reasons: the check page shows the decision-maker of the day and the dates, before anything is recorded.
        await page.GetByLabel("Written reasons").FillAsync("A conviction for violence inside the policy's period, not declared.");
        var clock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check the decision before recording it" })).ToBeVisibleAsync();
        timings.Add($"check the decision {clock.ElapsedMilliseconds} ms");
        await Expect(page.Locator("#preview-decision-maker")).ToContainTextAsync("Commissioners (licensing)");
        await Expect(page.Locator("#preview-effective-on")).ToContainTextAsync("6 July 2016");
        await Expect(page.Locator("#preview-last-day-to-appeal")).ToHaveTextAsync("6 July 2016");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        await PictureAsync(page, "portal-hearing-check.png");
        var hearings = seeded.System.Api<Intervention.Contracts.Licensing.Http.ILicensingApi>();
        var hearingId = Guid.Parse(hearingPath.Split('/')[^1]);
        Assert.Null((await hearings.GetHearingAsync(hearingId)).Decision);

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the decision" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == hearingPath);
        await Expect(page.Locator("#effective-on")).ToContainTextAsync("6 July 2016");
        await Expect(page.Locator("#last-day-to-appeal")).ToHaveTextAsync("6 July 2016");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        await PictureAsync(page, "portal-hearing.png");

        // Deciding again (an old tab, the back button) is licensing's refusal in plain words; the decision stands alone.
        await page.GotoAsync($"{hearingPath}/decide");
        await page.GetByLabel("Revocation of the licence").CheckAsync();
        await page.GetByLabel("Other grounds").CheckAsync();
        await page.GetByLabel("Written reasons").FillAsync("Second thoughts");
        await FillDateAsync(page, "noticeGivenOn", "16", "6", "2016");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator("[data-refusal]")).ToContainTextAsync("was decided on 2016-06-15: Suspension");
        var decided = await hearings.GetHearingAsync(hearingId);
        Assert.Equal(Intervention.Contracts.Licensing.HearingOutcome.Suspension, decided.Decision!.Outcome);

        // The hearing list links the hearing with its outcome.
        timings.Add(await TimedAsync(page, "/hearings", "hearings"));
        await Expect(page.Locator($"tr[data-hearing='{hearingId}']")).ToContainTextAsync("Suspension");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        await PictureAsync(page, "portal-hearings.png");
        Assert.Empty(browser.CspViolations);

        // A driver's file is for the licensing team alone: a Commissioner is told so plainly.
        await using var commissioner = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        await commissioner.SignInAsync("Commissioner", driverPath);
        await Expect(commissioner.Page.Locator("[data-trouble=not-for-your-role]")).ToContainTextAsync("Your role cannot see licensing's records");
        Assert.Empty(await commissioner.SeriousAccessibilityViolationsAsync());

        Record(timings);
    }

    [Fact]
    public async Task The_hearing_and_its_decision_form_show_the_panel_with_each_members_part_and_declared_interest()
    {
        var licensing = seeded.System.Api<ILicensingApi>();
        var driver = await licensing.CreateDriverAsync(new NewDriver("Panel Case", new DateOnly(1971, 3, 3), LicenceType.PrivateHire, AppliedOn: new DateOnly(2016, 1, 4)));
        var hearing = await licensing.ScheduleHearingAsync(new ScheduleHearing(driver.Id, new DateOnly(2016, 6, 20), "A complaint from a passenger",
        [
            new NewMember("Cllr Ann Ashby", MemberRole.DecisionMaker),
            new NewMember("Bill Barnes", MemberRole.Advisory),
            new NewMember("Cllr Cath Cole", MemberRole.DecisionMaker, "Her brother drives for the operator"),
            new NewMember("Cllr Dan Dyer", MemberRole.DecisionMaker),
        ]));
        // An interest declared after the hearing was scheduled: the member takes no part from then on.
        await licensing.DeclareInterestAsync(hearing.Id, new DeclareInterest("Cllr Ann Ashby", "Knows the complainant"));
        await using var browser = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        var page = browser.Page;
        await browser.SignInAsync("Licensing team", $"/hearings/{hearing.Id}/decide");

        foreach (var path in new[] { $"/hearings/{hearing.Id}/decide", $"/hearings/{hearing.Id}" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("#panel tbody tr")).ToHaveCountAsync(4);
            var ashby = page.Locator("#panel tr[data-member='Cllr Ann Ashby']");
            await Expect(ashby).ToContainTextAsync("Decision-maker");
            await Expect(ashby).ToContainTextAsync("Knows the complainant");
            await Expect(ashby).ToContainTextAsync("Takes no part");
            var barnes = page.Locator("#panel tr[data-member='Bill Barnes']");
            await Expect(barnes).ToContainTextAsync("Advisory");
            await Expect(barnes).ToContainTextAsync("None declared");
            await Expect(barnes).ToContainTextAsync("Takes part");
            await Expect(page.Locator("#panel tr[data-member='Cllr Cath Cole']")).ToContainTextAsync("Her brother drives for the operator");
            Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        }

        // The check before the decision is recorded shows the panel too (licensing refuses a decision when every decision-making member
        // declared an interest: Cllr Dan Dyer takes part).
        await page.GotoAsync($"/hearings/{hearing.Id}/decide");
        await page.GetByLabel("A warning", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Other grounds").CheckAsync();
        await page.GetByLabel("Written reasons").FillAsync("A first complaint, not repeated.");
        await FillDateAsync(page, "noticeGivenOn", "20", "6", "2016");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check the decision before recording it" })).ToBeVisibleAsync();
        await Expect(page.Locator("#panel tr[data-member='Cllr Cath Cole']")).ToContainTextAsync("Takes no part");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task The_standards_audit_page_lists_past_audits_newest_first_with_their_status_and_progress()
    {
        var licensing = seeded.System.Api<ILicensingApi>();
        var started = await licensing.StartAuditAsync(new StartAudit(new DateOnly(2015, 10, 1)));
        await Eventually.WaitUntilAsync(async () => (await licensing.GetAuditAsync(started.Id)).Status == AuditStatus.Completed,
            TimeSpan.FromSeconds(60), () => "the audit never completed");
        var audit = await licensing.GetAuditAsync(started.Id);
        await using var browser = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        var page = browser.Page;

        await browser.SignInAsync("Licensing team", "/audits");
        var rows = page.Locator("#past-audits tbody tr");
        await Expect(rows.First).ToHaveAttributeAsync("data-audit", audit.Id.ToString());
        await Expect(rows.First).ToContainTextAsync("1 October 2015");
        await Expect(rows.First).ToContainTextAsync("Completed");
        await Expect(rows.First).ToContainTextAsync($"{audit.DriversChecked} of {audit.DriversTotal}");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/audits/{audit.Id}");
        await Expect(page.Locator("#audit-status")).ToHaveTextAsync("Completed");
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task A_finance_officer_compares_two_MTFS_scenarios_in_a_chart_whose_bars_are_the_tables_figures_with_resilience_and_the_section_114_watch()
    {
        await seeded.System.RunSeedsAsync("--only", "finance");
        await using var browser = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        var page = browser.Page;
        List<string> timings = [];
        await browser.SignInAsync("Finance team", "/budget");

        // The demand scenario first, then the MTFS it was copied from: the chart and the table follow that order.
        foreach (var box in await page.Locator("input[name=compare]").AllAsync()) await box.UncheckAsync();
        await page.Locator("#compare-mtfs-2016-19-demand-plus-10").CheckAsync();
        await page.Locator("#compare-mtfs-2016-19").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Expect(page.Locator("#mtfs-comparison tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#mtfs-chart")).ToBeVisibleAsync();

        // Every figure of the table is a bar of the chart, with the same words in its title, in the version's colour of the key.
        var cells = page.Locator("#mtfs-comparison tbody td");
        var years = await page.Locator("#mtfs-comparison thead th").AllInnerTextsAsync();
        await Expect(page.Locator("#mtfs-chart rect.mtfs-bar")).ToHaveCountAsync(await cells.CountAsync());
        Assert.Equal(2, await page.Locator("#mtfs-chart-key li").CountAsync());
        foreach (var row in await page.Locator("#mtfs-comparison tbody tr").AllAsync())
        {
            var version = await row.GetAttributeAsync("data-version");
            var figures = await row.Locator("td").AllInnerTextsAsync();
            for (var i = 0; i < figures.Count; i++)
            {
                var bar = page.Locator($"#mtfs-chart rect[data-version='{version}'][data-year='{years[i + 1]}'] title");
                await Expect(bar).ToHaveTextAsync($"{years[i + 1]} {version}: {figures[i]}");
            }
        }
        // The demand scenario's gap is the larger in its last year: its bar is the taller.
        var last = years[^1];
        var demand = double.Parse((await page.Locator($"rect[data-version='mtfs-2016-19-demand-plus-10'][data-year='{last}']").GetAttributeAsync("height"))!, System.Globalization.CultureInfo.InvariantCulture);
        var plan = double.Parse((await page.Locator($"rect[data-version='mtfs-2016-19'][data-year='{last}']").GetAttributeAsync("height"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(demand > plan, $"the demand scenario's bar for {last} is {demand}, the plan's {plan}");

        await Expect(page.Locator("#monitoring .govuk-tag").First).ToBeVisibleAsync();
        await Expect(page.Locator("#section-114 .govuk-tag")).ToHaveTextAsync(new Regex("^(At risk|Not at risk|Cannot be assessed)$"));
        await Expect(page.Locator("#resilience tr[data-indicator]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-trouble]")).ToHaveCountAsync(0);
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        timings.Add(await TimedAsync(page, new Uri(page.Url).PathAndQuery, "budget and MTFS"));
        await PictureAsync(page, "portal-budget.png");
        Assert.Empty(browser.CspViolations);
        Record(timings);
    }

    [Fact]
    public async Task While_licensing_is_down_the_ops_page_shows_it_down_its_pages_say_so_and_the_rest_of_the_portal_answers()
    {
        await seeded.System.RunSeedsAsync("--only", "finance");
        await using var ops = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        List<string> timings = [];
        await ops.SignInAsync("Operations", "/ops");
        string[] services = ["children", "finance", "governance", "integrations", "licensing"];
        foreach (var service in services) await Expect(ops.Page.Locator($"#services tr[data-service={service}]")).ToContainTextAsync("Up");
        Assert.StartsWith("http://localhost:18888", await ops.Page.Locator("#dashboard").GetAttributeAsync("href"));
        Assert.Empty(await ops.SeriousAccessibilityViolationsAsync());
        timings.Add(await TimedAsync(ops.Page, "/ops", "ops"));
        await PictureAsync(ops.Page, "portal-ops.png");

        await using var commissioner = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        await commissioner.SignInAsync("Commissioner", "/hearings");
        await seeded.System.StopResourceAsync("licensing");
        try
        {
            await ops.Page.ReloadAsync();
            await Expect(ops.Page.Locator("#services tr[data-service=licensing]")).ToContainTextAsync("Down");
            foreach (var service in services.Where(service => service != "licensing"))
                await Expect(ops.Page.Locator($"#services tr[data-service={service}]")).ToContainTextAsync("Up");

            var page = commissioner.Page;
            var hearings = await page.GotoAsync("/hearings");
            Assert.Equal(200, hearings!.Status);
            await Expect(page.Locator("[data-trouble=service-unavailable]")).ToContainTextAsync("The licensing service is not answering");
            Assert.Empty(await commissioner.SeriousAccessibilityViolationsAsync());
            await page.GotoAsync($"/hearings/{Guid.NewGuid()}/decide");
            await Expect(page.Locator("[data-trouble=service-unavailable]")).ToContainTextAsync("The licensing service is not answering");

            // The other portfolios' pages answer as before.
            await page.GotoAsync("/budget");
            await Expect(page.Locator("#mtfs-comparison")).ToBeVisibleAsync();
            await page.GotoAsync("/");
            await Expect(page.Locator("tr[data-function=licensing]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-trouble]")).ToHaveCountAsync(0);
        }
        finally
        {
            await seeded.System.StartResourceAsync("licensing");
        }
        Record(timings);
    }

    [Fact]
    public async Task A_path_no_page_answers_is_GOV_UKs_page_not_found_and_an_API_path_stays_a_problem()
    {
        await using var browser = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        await browser.SignInAsync("Licensing team", "/hearings");

        var missing = await browser.Page.GotoAsync("/hearings/not-a-hearing/at-all");
        Assert.Equal(404, missing!.Status);
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Expect(browser.Page.GetByRole(AriaRole.Link, new() { Name = "overview", Exact = true })).ToHaveAttributeAsync("href", "/");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        await PictureAsync(browser.Page, "portal-not-found.png");

        var api = await browser.Page.APIRequest.GetAsync("/nowhere/api/anything");
        Assert.Equal(404, api.Status);
        Assert.StartsWith("application/problem+json", api.Headers["content-type"]);
        Assert.Empty(browser.CspViolations);
    }

    private void Record(List<string> timings)
    {
        var line = $"portal pages on the seeded system (navigation to load, headless Chromium through the gateway, second visit): {string.Join(", ", timings)}";
        Measurements.Record(line);
        output.WriteLine(line);
    }

    /// <summary>
    /// Opens <paramref name="path"/> again and times it from the request to the page loaded, for TestResults/measurements.txt (the
    /// issue's bound is 1 s). Recorded, not asserted, as PortalJourneyTests does: on this shared two-core machine other runs
    /// push the load average past 100 and a page then takes seconds through no fault of its own.
    /// </summary>
    private static async Task<string> TimedAsync(IPage page, string path, string name)
    {
        var clock = Stopwatch.StartNew();
        var answer = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
        clock.Stop();
        Assert.Equal(200, answer!.Status);
        return $"{name} {clock.ElapsedMilliseconds} ms";
    }

    private static async Task FillDateAsync(IPage page, string field, string day, string month, string year)
    {
        await page.Locator($"#{field}").FillAsync(day);
        await page.Locator($"#{field}-month").FillAsync(month);
        await page.Locator($"#{field}-year").FillAsync(year);
    }

    private static async Task PictureAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Pictures, name), FullPage = true });

    private static Func<string, bool> AuditPage() => url => AuditPath().IsMatch(new Uri(url).AbsolutePath);
    private static Func<string, bool> DriverPage() => url => DriverPath().IsMatch(new Uri(url).AbsolutePath);
    private static Func<string, bool> HearingPage() => url => HearingPath().IsMatch(new Uri(url).AbsolutePath);

    [GeneratedRegex("^/audits/[0-9a-f-]{36}$")] private static partial Regex AuditPath();
    [GeneratedRegex("^/drivers/[0-9a-f-]{36}$")] private static partial Regex DriverPath();
    [GeneratedRegex("^/hearings/[0-9a-f-]{36}$")] private static partial Regex HearingPath();
}
