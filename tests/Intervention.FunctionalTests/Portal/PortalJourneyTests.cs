using System.Diagnostics;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Intervention.FunctionalTests.Portal;

/// <summary>
/// People using the portal in a browser, through the gateway, on the seeded system (the Rotherham Directions; the finance
/// seeds added here). Each page must pass axe-core with no serious or critical violation, and load nothing its
/// Content-Security-Policy blocks.
/// </summary>
[Collection(SeededSystem.Name)]
public sealed class PortalJourneyTests(SeededSystem seeded, ITestOutputHelper output)
{
    [Fact]
    public async Task A_Commissioner_reads_who_held_licensing_on_1_June_2016_and_on_15_January_2017()
    {
        await using var browser = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        var page = browser.Page;

        // The sign-in page comes first, and is itself accessible.
        var first = await page.GotoAsync("/");
        Assert.Contains("script-src 'self'", first!.Headers["content-security-policy"]);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in for development" })).ToBeVisibleAsync();
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        await browser.SignInAsync("Commissioner");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today" })).ToBeVisibleAsync();

        var june2016 = await ShowDayAsync(page, "1", "6", "2016");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "On 1 June 2016" })).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-function=licensing]")).ToContainTextAsync("Commissioners");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        var january2017 = await ShowDayAsync(page, "15", "1", "2017");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "On 15 January 2017" })).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-function=licensing]")).ToContainTextAsync("Council");
        await Expect(page.Locator("tr[data-function=licensing]")).ToContainTextAsync("Advice");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        // A day that is not a real one is named next to its box, and the page still answers.
        await ShowDayAsync(page, "31", "2", "2017");
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("The date must be a real date");
        await Expect(page.Locator("#on-day")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("govuk-input--error"));
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        // The hearing list: the Commissioners read every portfolio.
        await page.GetByRole(AriaRole.Link, new() { Name = "Licensing hearings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Licensing hearings" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-trouble]")).ToHaveCountAsync(0);
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        Assert.Empty(browser.CspViolations);
        Measurements.Record($"portal overview on the seeded system: {june2016.TotalMilliseconds:0} ms for 1 June 2016, {january2017.TotalMilliseconds:0} ms for 15 January 2017 (click to page loaded, headless Chromium through the gateway)");
        output.WriteLine($"overview: {june2016.TotalMilliseconds:0} ms, {january2017.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_finance_officer_compares_the_MTFS_with_its_demand_scenario_and_is_told_plainly_what_the_role_cannot_see()
    {
        await seeded.System.RunSeedsAsync("--only", "finance");
        await using var browser = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        var page = browser.Page;

        await browser.SignInAsync("Finance team", "/budget");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Budget and medium-term financial strategy" })).ToBeVisibleAsync();
        // None chosen: the current version and its scenario side by side, the scenario's difference from it below.
        await Expect(page.Locator("#mtfs-comparison tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#mtfs-comparison tr[data-version='mtfs-2016-19-demand-plus-10']")).ToBeVisibleAsync();
        await Expect(page.Locator("#mtfs-differences tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#monitoring .govuk-tag").First).ToBeVisibleAsync();
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        // The responsibility grid is for governance, the Commissioners and integrators: the API's 403 becomes a plain message.
        var overview = await page.GotoAsync("/");
        Assert.Equal(200, overview!.Status);
        await Expect(page.Locator("[data-trouble=not-for-your-role]").First).ToContainTextAsync("Your role cannot see governance's records");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        // Licensing's hearings are for its team and the Commissioners: the same plain message, from licensing's 403.
        await page.GotoAsync("/hearings");
        await Expect(page.Locator("[data-trouble=not-for-your-role]")).ToContainTextAsync("Your role cannot see licensing's records");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        // Signing out ends the session: the portal asks to sign in again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have signed out" })).ToBeVisibleAsync();
        await page.GotoAsync("/budget");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in for development" })).ToBeVisibleAsync();
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task A_day_that_is_not_a_real_date_on_the_overview_is_named_in_the_error_summary_and_beside_the_date_as_on_every_form()
    {
        await using var browser = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        var page = browser.Page;
        await browser.SignInAsync("Commissioner");

        foreach (var (day, month, year, box, words) in new[]
                 {
                     ("31", "2", "2017", "on-day", "The date must be a real date"),
                     ("1", "6", "16", "on-year", "The year must include 4 numbers"),
                     ("1", "", "2016", "on-month", "The date must include a month"),
                 })
        {
            var answer = await page.GotoAsync($"/?day={day}&month={month}&year={year}");
            Assert.Equal(400, answer!.Status);
            // The page's title starts "Error:", so a screen reader says so first; the summary is the one every form shows.
            Assert.StartsWith("Error: ", await page.TitleAsync());
            await Expect(page.Locator($".govuk-error-summary[data-trouble=refused] a[href='#{box}']")).ToHaveTextAsync(words);
            // The message is beside the date, and the date's fieldset names it for a screen reader.
            var message = page.Locator("fieldset .govuk-error-message");
            await Expect(message).ToContainTextAsync(words);
            var describedBy = await page.Locator("fieldset").First.GetAttributeAsync("aria-describedby");
            Assert.Contains(await message.GetAttributeAsync("id"), describedBy!.Split(' '));
            await Expect(page.Locator($"#{box}")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("govuk-input--error"));
            await Expect(page.Locator("#on-year")).ToHaveValueAsync(year);
            Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        }
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task While_finance_is_down_its_page_says_so_and_the_rest_of_the_portal_works()
    {
        await using var browser = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        var page = browser.Page;
        await browser.SignInAsync("Commissioner", "/budget");
        await seeded.System.StopResourceAsync("finance");
        try
        {
            var clock = Stopwatch.StartNew();
            var budget = await page.GotoAsync("/budget");
            clock.Stop();
            Assert.Equal(200, budget!.Status);
            await Expect(page.Locator("[data-trouble=service-unavailable]")).ToContainTextAsync("The finance service is not answering");
            Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
            // The gateway answers 502 at once for a stopped service; one quick retry, and the page is still prompt.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the page took {clock.Elapsed.TotalSeconds:0.0} s with finance down");

            await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
            await Expect(page.Locator("tr[data-function=licensing]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-trouble]")).ToHaveCountAsync(0);
        }
        finally
        {
            await seeded.System.StartResourceAsync("finance");
        }
    }

    /// <summary>
    /// docs/screenshots pictures every page of the portal from a running system (the README shows the overview; docs/images holds
    /// them all): run here on the seeded system, into a temporary folder, or into <c>PORTAL_PICTURES</c> (docs/images) to retake
    /// them. Every <c>@page</c> of the portal's source must be pictured, so a new page without a picture fails here.
    /// </summary>
    [Fact]
    public async Task The_screenshots_program_pictures_every_page_of_the_portal()
    {
        await seeded.System.RunSeedsAsync("--only", "finance,children");
        var folder = Environment.GetEnvironmentVariable("PORTAL_PICTURES") is { Length: > 0 } given ? given : Directory.CreateTempSubdirectory("portal-pictures-").FullName;
        // The children's team's token records the children the 903 preview is cut from, when none is recorded live in 2018/19.
        var tokens = Intervention.AppHost.RoleTokenFiles.WriteRoleTokens(seeded.System.Tokens,
            Directory.CreateTempSubdirectory("tokens-").FullName, TimeSpan.FromHours(1));
        var start = new ProcessStartInfo("dotnet",
            [BuildOutput.Assembly("screenshots"), "--only", "portal", "--gateway", seeded.System.GatewayAddress.ToString(), "--tokens", tokens,
                "--out", folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var written = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(6)).Token);
        Assert.True(process.ExitCode == 0, $"screenshots exited with {process.ExitCode}:\n{written}\n{await errors}");

        // "wrote <file> for <page>": the page is the route of its @page directive.
        var pictured = written.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim().Split(" for "))
            .Where(parts => parts.Length == 2 && parts[0].StartsWith("wrote ")).ToDictionary(parts => parts[1], parts => parts[0]["wrote ".Length..]);
        var pages = Directory.EnumerateFiles(Path.Combine(BuildOutput.RepoRoot(), "portal"), "*.cshtml", SearchOption.AllDirectories)
            .Select(file => File.ReadLines(file).FirstOrDefault() ?? "").Where(line => line.StartsWith("@page \""))
            .Select(line => line["@page \"".Length..^1]).Order().ToList();
        Assert.True(pages.Count >= 20, $"only {pages.Count} pages found in portal/");
        var unpictured = pages.Where(page => !pictured.ContainsKey(page)).ToList();
        Assert.True(unpictured.Count == 0, $"no picture of {string.Join(", ", unpictured)}; the program wrote:\n{written}");
        foreach (var file in pictured.Values.Distinct())
        {
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(file)[..4]);
            Assert.True(new FileInfo(file).Length > 10_000, $"{file} is {new FileInfo(file).Length} bytes: a blank page?");
        }
        output.WriteLine($"pictures in {folder}");
    }

    /// <summary>Fills the overview's date boxes and shows that day; the time from the click to the page loaded.</summary>
    private static async Task<TimeSpan> ShowDayAsync(IPage page, string day, string month, string year)
    {
        await page.GetByLabel("Day", new() { Exact = true }).FillAsync(day);
        await page.GetByLabel("Month", new() { Exact = true }).FillAsync(month);
        await page.GetByLabel("Year", new() { Exact = true }).FillAsync(year);
        var clock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"?day={day}&month={month}&year={year}"), new() { WaitUntil = WaitUntilState.Load });
        return clock.Elapsed;
    }
}
