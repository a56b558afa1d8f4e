using System.Diagnostics;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Http;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Intervention.FunctionalTests.Portal;

/// <summary>
/// The governance page in a browser, through the gateway, on the seeded system (the six Rotherham Directions): the governance team
/// reads the decision register with the reason a decision is questioned and the Directions history. The decision is recorded
/// through the governance API first, as a service would. (The road back to the council needs a function the Commissioners hold
/// today, which the seeded Directions no longer give them: <see cref="ReturnOfPowersPageJourneyTests"/> reads it on the shared system.)
/// </summary>
[Collection(SeededSystem.Name)]
public sealed class GovernancePageJourneyTests(SeededSystem seeded, ITestOutputHelper output)
{
    [Fact]
    public async Task The_governance_team_filters_the_register_to_a_questioned_decision_with_its_reason_and_reads_the_Directions_history()
    {
        var governance = seeded.System.Api<IGovernanceApi>();
        // The Cabinet deciding on licensing in June 2016, when the Commissioners held it: questioned.
        await governance.RecordDecisionAsync(new RecordDecisionRequest
        {
            Id = Guid.CreateVersion7(), SourceService = "licensing", Function = "licensing", DecidedAt = DateTimeOffset.Parse("2016-06-15T10:00:00Z"),
            Authority = Authority.Cabinet, DeciderName = "Cabinet", Meeting = "Cabinet, 15 June 2016", Summary = "Taxi licensing policy adopted",
            KeyDecision = true, CallIn = true,
        });
        await using var browser = await PortalBrowser.OpenAsync(seeded.System.GatewayAddress);
        var page = browser.Page;
        await browser.SignInAsync("Governance team", "/decisions-and-powers");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Governance", Exact = true })).ToBeVisibleAsync();

        // The register, filtered to what is questioned: the reason is beside the decision.
        await page.GetByLabel("Standing").SelectOptionAsync("Questioned");
        await page.GetByLabel("Function").SelectOptionAsync("licensing");
        var clock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("status=Questioned") && url.Contains("function=licensing"), new() { WaitUntil = WaitUntilState.Load });
        var filtered = clock.Elapsed;
        var rows = page.Locator("#decisions tbody tr");
        await Expect(rows.Filter(new() { HasText = "Taxi licensing policy adopted" })).ToHaveCountAsync(1);
        Assert.Equal(await rows.CountAsync(), await page.Locator("#decisions tbody tr[data-status=Questioned]").CountAsync());
        await Expect(rows.Filter(new() { HasText = "Taxi licensing policy adopted" })).ToContainTextAsync("Commissioners");

        // The six Rotherham Directions, the first first.
        await Expect(page.Locator("#directions-history tbody tr")).ToHaveCountAsync(6);
        await Expect(page.Locator("#directions-history tbody tr").First).ToContainTextAsync("26 February 2015");

        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());

        clock.Restart();
        await page.GotoAsync("/decisions-and-powers", new() { WaitUntil = WaitUntilState.Load });
        var whole = clock.Elapsed;
        Assert.Empty(browser.CspViolations);
        Measurements.Record($"portal governance page on the seeded system: {whole.TotalMilliseconds:0} ms unfiltered, {filtered.TotalMilliseconds:0} ms filtered (click or navigation to page loaded, headless Chromium through the gateway)");
        output.WriteLine($"governance: {whole.TotalMilliseconds:0} ms, filtered {filtered.TotalMilliseconds:0} ms");
    }
}

/// <summary>
/// The return of powers on the governance page, on the shared system (its February 2015 Directions give the Commissioners functions
/// they still hold today): a function's four tests with their evidence, the recommendation, "minded to" and a representation, recorded
/// through the governance API as its team would, then read in the browser.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class ReturnOfPowersPageJourneyTests(SharedSystem shared)
{
    [Fact]
    public async Task The_governance_team_reads_a_functions_road_back_to_the_council_with_the_evidence_of_its_four_tests()
    {
        var governance = shared.System.Api<IGovernanceApi>();
        // A function the Commissioners hold today with no return begun (RestorationAndProgressTests walks children's social care).
        var begun = (await governance.ListRestorationAsync()).Where(f => f.Returns.Count > 0).Select(f => f.Function).ToHashSet();
        var held = (await governance.ListFunctionsAsync()).First(f => f.Authority == Authority.Commissioners && f.Code != "childrens-social-care" && !begun.Contains(f.Code)).Code;
        foreach (var test in Enum.GetValues<ReturnTest>())
            await governance.AssessReturnTestAsync(held, new AssessReturnTestRequest
            {
                Test = test, Rag = Rag.Green, Evidence = $"Peer review of {held} found {test} met", Assessor = "Mary Ney", AssessedAt = DateTimeOffset.Parse("2018-01-10T10:00:00Z"),
            });
        await governance.RecommendReturnAsync(held, new RecommendReturnRequest { RecommendedOn = new DateOnly(2018, 1, 15), RecommendedBy = "Mary Ney" });
        await governance.MindedToAsync(held, new MindedToRequest { MindedToOn = new DateOnly(2018, 2, 1), Department = "MHCLG", RepresentationsCloseOn = new DateOnly(2018, 3, 1) });
        await governance.AddRepresentationAsync(held, new RepresentationRequest { ReceivedOn = new DateOnly(2018, 2, 20), From = "Rotherham MBC", Summary = "Supports the return" });

        await using var browser = await PortalBrowser.OpenAsync(shared.System.GatewayAddress);
        var page = browser.Page;
        await browser.SignInAsync("Governance team", "/decisions-and-powers");

        var road = page.Locator($"[data-restoration='{held}']");
        await Expect(road).ToContainTextAsync($"Peer review of {held} found CouncillorsReady met");
        await Expect(road.Locator(".govuk-tag--green")).ToHaveCountAsync(4);
        await Expect(road).ToContainTextAsync("Recommended on 15 January 2018 by Mary Ney");
        await Expect(road).ToContainTextAsync("MHCLG minded to return it on 1 February 2018");
        await Expect(road).ToContainTextAsync("Rotherham MBC: Supports the return");
        await Expect(page.Locator("#directions-history tbody tr").First).ToContainTextAsync("26 February 2015");
        Assert.Empty(await browser.SeriousAccessibilityViolationsAsync());
        Assert.Empty(browser.CspViolations);
    }
}
