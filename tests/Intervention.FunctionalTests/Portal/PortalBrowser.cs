using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Intervention.FunctionalTests.Portal;

/// <summary>
/// Headless Chromium (Debian's <c>chromium</c> package: Playwright cannot download browsers here) driving the portal through
/// the gateway, as a person would: it signs in on the development page, reads pages, and has axe-core check each one.
/// </summary>
public sealed class PortalBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _cspViolations = [];

    private PortalBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page, Uri gateway)
    {
        (_playwright, _browser, Context, Page, Gateway) = (playwright, browser, context, page, gateway);
        // A page blocked from its own scripts or styles says so on the console.
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) lock (_cspViolations) _cspViolations.Add(message.Text); };
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public Uri Gateway { get; }

    /// <summary>Console messages of anything the Content-Security-Policy blocked.</summary>
    public IReadOnlyList<string> CspViolations { get { lock (_cspViolations) return [.. _cspViolations]; } }

    public static async Task<PortalBrowser> OpenAsync(Uri gateway)
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"no browser at {Chromium}: apt-get install -y chromium (./test does, through eng/install-servers)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new() { BaseURL = gateway.ToString(), ViewportSize = new() { Width = 1280, Height = 900 }, ColorScheme = ColorScheme.Light });
        ForALoadedMachine(context);
        return new PortalBrowser(playwright, browser, context, await context.NewPageAsync(), gateway);
    }

    /// <summary>
    /// Waits for a navigation, a response or a download up to 90 s, not Playwright's 30: in a whole run two systems start beside
    /// the journeys on two cores, and one wait ran out there. How long pages take is measured and recorded, never asserted here.
    /// </summary>
    public static void ForALoadedMachine(IBrowserContext context) => context.SetDefaultTimeout(90_000); // navigations too: none has its own

    /// <summary>Opens <paramref name="path"/>, signs in on the development page as <paramref name="roleName"/> (the radio's label), and lands back there.</summary>
    public async Task SignInAsync(string roleName, string path = "/")
    {
        await Page.GotoAsync(path);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in for development" })).ToBeVisibleAsync();
        await Page.GetByLabel(roleName, new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
    }

    /// <summary>axe-core's violations on the page as it is now, serious or critical only, each as "rule: where".</summary>
    public async Task<List<string>> SeriousAccessibilityViolationsAsync()
    {
        var result = await Page.RunAxe();
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
