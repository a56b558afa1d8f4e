using System.Diagnostics;
using Intervention.Contracts.Children.Http;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Intervention.FunctionalTests.Portal;

/// <summary>
/// The children's pages in a browser, through the gateway, on the seeded system with the children's seeds (the synthetic 2017/18
/// year and the Ofsted recommendations): a children's analyst imports a 903 year and filters its findings; the KPIs and the
/// recommendations; other roles refused. Every page passes axe-core and loads nothing its Content-Security-Policy blocks.
/// </summary>
[Collection(SeededSystem.Name)]
public sealed class ChildrenPagesJourneyTests(SeededSystem seeded, ITestOutputHelper output)
{
    /// <summary>Three children of a year no other test imports: C9002's sex and C9003's ethnicity are not codes of the 903.</summary>
    public const string Header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n" +
        "C9001,1,01/03/2010,WBRI,A123456789012,,\r\nC9002,9,14/07/2008,WBRI,A123456789013,,\r\nC9003,2,02/02/2006,XXXX,A123456789014,,\r\n";

    public const string Episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n" +
        "C9001,01/06/2015,S,C2,N1,U4,PR1,,,,S60 1,S61 2,\r\nC9002,01/07/2015,S,C2,N1,U4,PR1,,,,S60 1,S61 2,\r\nC9003,01/08/2015,S,C2,N1,K2,PR1,,,,S60 1,S61 2,\r\n";

    [Fact]
    public async Task A_childrens_analyst_imports_a_903_year_and_filters_its_findings_by_rule_table_and_child()
    {
        await seeded.System.RunSeedsAsync("--only", "children");
        var folder = Directory.CreateTempSubdirectory("portal-903-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "header.csv"), Header);
        await File.WriteAllTextAsync(Path.Combine(folder, "episodes.csv"), Episodes);
        await using var browser = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        var page = browser.Page;
        var timings = new List<string>();

        await browser.SignInAsync("Children's services team", "/childrens-services/903");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import a 903 return" })).ToBeVisibleAsync();
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        // The upload goes by the page's script, which shows its progress, and lands on the import's findings.
        var posts = new List<string>();
        page.Request += (_, request) => { if (request.Method == "POST") lock (posts) posts.Add(request.ResourceType); };
        await page.GetByLabel("Collection year").FillAsync("2015/16");
        await page.GetByLabel("The year's files").SetInputFilesAsync([Path.Combine(folder, "header.csv"), Path.Combine(folder, "episodes.csv")]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/childrens-services/903/imports/"));
        Assert.Contains("xhr", posts);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "903 import findings" })).ToBeVisibleAsync();
        await Expect(page.Locator("#import")).ToContainTextAsync("2015/16");
        await Expect(page.Locator("#findings tr[data-rule='101'][data-child='C9002']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#findings tr[data-rule='103'][data-child='C9003']")).ToHaveCountAsync(1);
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        var findingsPage = page.Url;

        // By rule: the sex code's findings alone.
        await page.GetByLabel("Rule", new() { Exact = true }).FillAsync("101");
        timings.Add($"findings filtered {await ClickTimedAsync(page, "Filter"):0} ms");
        var rows = page.Locator("#findings tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("C9002");
        // By child and table: C9003's header findings alone.
        await page.GetByLabel("Rule", new() { Exact = true }).FillAsync("");
        await page.GetByLabel("Child", new() { Exact = true }).FillAsync("C9003");
        await page.GetByLabel("Table").SelectOptionAsync("header");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator("#findings tbody tr[data-child='C9003']")).Not.ToHaveCountAsync(0);
        Assert.Equal(await rows.CountAsync(), await page.Locator("#findings tbody tr[data-child='C9003']").CountAsync());
        await Expect(page.Locator("#findings tbody")).Not.ToContainTextAsync("episodes");

        // The same findings as CSV.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#findings-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("rule,message,table,line,fields,child\r\n", csv);
        Assert.Contains(",header,4,ETHNIC,C9003", csv);
        Assert.DoesNotContain("C9002", csv);

        // A rule the DfE list has not: the service's words next to the box, the summary linking to it.
        await page.GetByLabel("Rule", new() { Exact = true }).FillAsync("9999");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary a[href='#rule']")).ToContainTextAsync("Rule must be a code of the DfE's 903 rule list");
        await Expect(page.Locator("#rule-error")).ToContainTextAsync("must be a code of the DfE's 903 rule list");
        await Expect(page.Locator("#rule")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("govuk-input--error"));
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        // The KPIs of the seeded year, with the trend of one of them drawn and its figures in a table.
        timings.Add($"KPIs {await OpenTimedAsync(page, "/childrens-services?year=2017-18&kpi=family-based-placements"):0} ms");
        // The figures the children's API gives for 31 March 2018 (the seeded year, and this test's three children still in care).
        var family = (await seeded.System.Api<IChildrenApi>().GetKpisAsync(new DateOnly(2018, 3, 31))).Single(k => k.Name == "family-based-placements");
        Assert.True(family.Denominator >= 628, $"the seeded year's 628 children in care: {family.Denominator}");
        var cells = page.Locator("#kpis tr[data-kpi='family-based-placements'] td");
        await Expect(cells.Nth(1)).ToHaveTextAsync(family.Numerator.ToString());
        await Expect(cells.Nth(2)).ToHaveTextAsync(family.Denominator.ToString());
        await Expect(page.Locator("svg.portal-chart polyline")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("#trend-figures tbody tr")).ToHaveCountAsync(12);
        await Expect(page.Locator("#trend-figures tbody tr").Last).ToContainTextAsync("31 March 2018");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        // Again, as a person moving between the years does: the first read above also paid for the service's first calculation.
        timings.Add($"KPIs again {await OpenTimedAsync(page, "/childrens-services?year=2016-17"):0} ms");
        timings.Add($"Ofsted recommendations {await OpenTimedAsync(page, "/childrens-services/ofsted"):0} ms");
        await Expect(page.Locator("#recommendations tbody tr")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("#recommendations .govuk-tag").First).ToBeVisibleAsync();
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        timings.Add($"903 findings {await OpenTimedAsync(page, findingsPage):0} ms");
        timings.Add($"903 upload form {await OpenTimedAsync(page, "/childrens-services/903"):0} ms");
        Assert.Empty(browser.CspViolations);
        Measurements.Record($"portal children's pages on the seeded system (navigation to page loaded, headless Chromium through the gateway): {string.Join(", ", timings)}");
        output.WriteLine(string.Join('\n', timings));
    }

    [Fact]
    public async Task A_childrens_analyst_previews_what_the_903_return_would_say_if_cut_on_a_day_and_a_day_that_is_not_a_date_is_named_beside_its_box()
    {
        // A boy of 8 placed in independent living (P2), which needs 15 (rule 370), recorded live in 1994/95, a year no other test records.
        var children = seeded.System.Api<IChildrenApi>();
        var child = await children.RecordChildAsync(new RecordChildRequest
        {
            LocalId = "PP" + Random.Shared.Next(1_000_000, 9_999_999), Sex = "1", DateOfBirth = new DateOnly(1986, 2, 2), Ethnicity = "WBRI", Upn = "UN2",
        });
        await children.RecordEpisodeAsync(child.Id, new RecordEpisodeRequest
        {
            StartedOn = new DateOnly(1994, 5, 1), ReasonForNewEpisode = "S", LegalStatus = "C2", CategoryOfNeed = "N1", PlacementType = "P2", PlacementProvider = "PR1",
        });
        await using var browser = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        var page = browser.Page;

        await browser.SignInAsync("Children's services team", "/childrens-services/903/preview");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "903 return if cut now" })).ToBeVisibleAsync();
        // None chosen: today, in London.
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).ToString("yyyy-MM-dd");
        await Expect(page.GetByLabel("Cut the return as on")).ToHaveValueAsync(today);
        await Expect(page.Locator("#preview")).ToContainTextAsync(today[..4]);
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        await page.GetByLabel("Cut the return as on").FillAsync("1994-06-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("#preview")).ToContainTextAsync("1994/95");
        // Each rule broken, in the DfE's words, with as many findings as the children's service reports for that day.
        var expected = await children.PreviewReturnAsync("1994-06-01");
        var message370 = (await children.ListReturnRulesAsync()).Rules.Single(r => r.Code == "370").Message;
        Assert.Contains("370", expected.Counts.Keys);
        await Expect(page.Locator("#preview-rules tbody tr")).ToHaveCountAsync(expected.Counts.Count);
        foreach (var (rule, count) in expected.Counts)
            await Expect(page.Locator($"#preview-rules tr[data-rule='{rule}'] td.govuk-table__cell--numeric")).ToHaveTextAsync(count.ToString());
        await Expect(page.Locator("#preview-rules tr[data-rule='370']")).ToContainTextAsync(message370);
        await Expect(page.Locator("#preview")).ToContainTextAsync($"{expected.Errors.Count} finding");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        // A day that is not a date: the children's service's words next to the box, the summary linking to it, the box as typed.
        await page.GetByLabel("Cut the return as on").FillAsync("1994-13-01");
        var answer = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync(),
            response => response.Request.ResourceType == "document");
        Assert.Equal(400, answer.Status);
        await Expect(page.Locator(".govuk-error-summary a[href='#as-at']")).ToContainTextAsync("must be a date, yyyy-MM-dd");
        await Expect(page.Locator("#as-at-error")).ToContainTextAsync("must be a date, yyyy-MM-dd");
        await Expect(page.Locator("#as-at")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("govuk-input--error"));
        await Expect(page.Locator("#as-at")).ToHaveValueAsync("1994-13-01");
        await Expect(page.Locator("#preview-rules")).ToHaveCountAsync(0);
        Assert.StartsWith("Error:", await page.TitleAsync());
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task Without_scripts_the_903_form_is_a_plain_post_and_what_the_service_refuses_is_named_beside_its_box()
    {
        await using var browser = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        await using var context = await ((IBrowser)browser.Context.Browser!).NewContextAsync(new()
        {
            BaseURL = seeded.System.GatewayAddress.ToString(), JavaScriptEnabled = false, ColorScheme = ColorScheme.Light,
        });
        PortalBrowser.ForALoadedMachine(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/childrens-services/903");
        await page.GetByLabel("Children's services team", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/childrens-services/903"));

        var folder = Directory.CreateTempSubdirectory("portal-903-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "payroll.csv"), Header);
        await page.GetByLabel("Collection year").FillAsync("2015-2016");
        await page.GetByLabel("The year's files").SetInputFilesAsync(Path.Combine(folder, "payroll.csv"));
        var answer = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync(),
            response => response.Request.Method == "POST" && response.Request.ResourceType == "document");
        await page.WaitForLoadStateAsync(LoadState.Load);

        Assert.Equal(400, answer!.Status);
        await Expect(page.Locator(".govuk-error-summary a[href='#collection-year']")).ToContainTextAsync("Collection year");
        await Expect(page.Locator("#collection-year-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#collection-year")).ToHaveValueAsync("2015-2016");
    }

    [Theory]
    [InlineData("Integrator")]
    [InlineData("Finance team")]
    public async Task An_integrator_and_a_finance_officer_are_refused_the_childrens_pages(string role)
    {
        await using var browser = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        var page = browser.Page;
        await browser.SignInAsync(role, "/childrens-services");

        foreach (var path in new[] { "/childrens-services", "/childrens-services/ofsted", "/childrens-services/903", $"/childrens-services/903/imports/{Guid.Empty}",
                     "/childrens-services/903/preview" })
        {
            var answer = await page.GotoAsync(path);
            Assert.Equal(403, answer!.Status);
            await Expect(page.Locator("[data-trouble=not-for-your-role]")).ToContainTextAsync("These pages are for the children's services team");
            await Expect(page.Locator("#kpis, #findings, #recommendations, form#upload-903, #preview")).ToHaveCountAsync(0);
        }
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        Assert.Empty(browser.CspViolations);
    }

    private static async Task<double> OpenTimedAsync(IPage page, string path)
    {
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> ClickTimedAsync(IPage page, string button)
    {
        var clock = Stopwatch.StartNew();
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync(),
            response => response.Request.ResourceType == "document");
        await page.WaitForLoadStateAsync(LoadState.Load);
        return clock.Elapsed.TotalMilliseconds;
    }
}
