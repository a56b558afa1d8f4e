using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Intervention.AppHost;
using Intervention.Contracts;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Xunit;
using Xunit.Abstractions;
using Intervention.ServiceDefaults.Security;

namespace Intervention.FunctionalTests;

/// <summary>
/// The one command: the Aspire AppHost brings the whole system up behind the gateway, with the dashboard in which ops find a
/// request as one trace (<see cref="Dashboard.DashboardTrace"/>), keeps it up, and takes it all down.
/// </summary>
public sealed partial class AppHostTests(ITestOutputHelper output)
{
    private static readonly string[] Portfolios = ["governance", "licensing", "children", "finance"];

    [Fact]
    public async Task The_Aspire_AppHost_brings_up_the_servers_five_services_the_gateway_and_the_dashboard_showing_a_decision_as_one_trace_and_leaves_nothing_on_SIGTERM()
    {
        var dataFolder = Directory.CreateTempSubdirectory("apphost-test-").FullName;
        // The server users (rabbitmq, postgres) must be able to enter it, as they can the clone's .apphost.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dataFolder, (UnixFileMode)0b111_101_101);
        var gatewayPort = AspireSystem.FreePort();
        var dashboardPort = AspireSystem.FreePort();
        var lines = new ConcurrentQueue<string>();
        // As ./run starts it, with the launch profile's settings on free ports (a developer's ./run may hold 18888).
        var start = new ProcessStartInfo("dotnet", [BuildOutput.Assembly("apphost"), "--gateway-port", gatewayPort.ToString(), "--servers", "local"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["INTERVENTION_APPHOST_DATA"] = dataFolder;
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{dashboardPort}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://localhost:{AspireSystem.FreePort()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{AspireSystem.FreePort()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        // This run's signing key: every process it starts has it in its environment, which is how the test finds them.
        var signingKey = DevelopmentTokens.Generate().SigningKey;
        start.Environment["Auth__SigningKey"] = signingKey;
        foreach (var inherited in new[] { "ConnectionStrings__messaging", "ConnectionStrings__postgres", "OTEL_EXPORTER_OTLP_ENDPOINT" }) start.Environment.Remove(inherited);
        using var appHost = Process.Start(start)!;
        appHost.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        appHost.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        appHost.BeginOutputReadLine();
        appHost.BeginErrorReadLine();
        string Tail() => string.Join('\n', lines.TakeLast(60));
        var rows = new Dictionary<string, (string Url, int Pid)>();
        try
        {
            var started = Stopwatch.StartNew();
            await Eventually.WaitUntilAsync(() => lines.Any(l => l.StartsWith("all healthy in")) || appHost.HasExited, TimeSpan.FromSeconds(240), () => "The AppHost never said all healthy.\n" + Tail());
            Assert.False(appHost.HasExited, $"The AppHost exited with code {(appHost.HasExited ? appHost.ExitCode : 0)} before all was healthy.\n{Tail()}");
            output.WriteLine($"all healthy {started.Elapsed.TotalSeconds:0.0} s after the AppHost process started");
            await Eventually.WaitUntilAsync(() => lines.Count(l => TableRow().IsMatch(l)) == 9, TimeSpan.FromSeconds(5), () => "no table of resources.\n" + Tail());
            foreach (var line in lines)
                if (TableRow().Match(line) is { Success: true } row) rows[row.Groups["name"].Value] = (row.Groups["url"].Value, int.Parse(row.Groups["pid"].Value));
            Assert.Equal(["children", "finance", "gateway", "governance", "integrations", "licensing", "portal", "postgres", "rabbitmq"], rows.Keys.Order());
            Assert.Equal($"http://localhost:{gatewayPort}", rows["gateway"].Url);
            Assert.Contains(lines, l => l.Contains("servers: local executables"));

            // The dashboard for ops: its login URL is printed and written down with the telemetry API key, and it lets that token in.
            var dashboardFile = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dataFolder, "dashboard.json"))).RootElement;
            var login = dashboardFile.GetProperty("login").GetString()!;
            Assert.StartsWith($"http://localhost:{dashboardPort}/login?t=", login);
            Assert.Contains(lines, l => l.Contains(login));
            Assert.False(string.IsNullOrEmpty(dashboardFile.GetProperty("apiKey").GetString()));
            using (var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
            {
                using var signedIn = await browser.GetAsync(login);
                Assert.True(signedIn.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.OK, $"dashboard login answered {(int)signedIn.StatusCode}");
                Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.Contains(".Aspire.Dashboard.Auth", StringComparison.OrdinalIgnoreCase));
            }
            // What a script reads to query the dashboard's telemetry API: its address and key; without the key it refuses.
            var dashboard = new Uri($"http://localhost:{dashboardPort}/");
            Assert.Equal($"http://localhost:{dashboardPort}", dashboardFile.GetProperty("url").GetString());
            using var telemetry = new HttpClient { BaseAddress = dashboard, DefaultRequestHeaders = { { "x-api-key", dashboardFile.GetProperty("apiKey").GetString() } } };
            using (var anonymous = new HttpClient { BaseAddress = dashboard })
            using (var refused = await anonymous.GetAsync("api/telemetry/traces"))
                Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"the telemetry API without x-api-key answered {(int)refused.StatusCode}, not 401");

            // The AppHost wrote a token per role; the commissioner reads every portfolio, governance records Directions.
            HttpClient As(string role) => new(new HttpClientHandler()) { BaseAddress = new Uri($"http://localhost:{gatewayPort}/"),
                DefaultRequestHeaders = { Authorization = new("Bearer", File.ReadAllText(Path.Combine(dataFolder, "tokens", $"{role}.jwt"))) } };
            using var gateway = As("commissioner");
            using var asGovernance = As("governance");
            Assert.Contains(lines, l => l.Contains("tokens for each role") && l.Contains(Path.Combine(dataFolder, "tokens")));

            // One call per role through the gateway: the Directions register is an aggregate (team, Commissioners, integrators).
            var answers = new List<string>();
            foreach (var role in new[] { "commissioner", "children", "licensing", "governance", "finance", "integrator", "ops" })
            {
                using var client = As(role);
                using var answer = await client.GetAsync("governance/api/directions");
                answers.Add($"{role} {(int)answer.StatusCode}");
            }
            using (var anonymous = new HttpClient { BaseAddress = new Uri($"http://localhost:{gatewayPort}/") })
                answers.Add($"no token {(int)(await anonymous.GetAsync("governance/api/directions")).StatusCode}");
            Measurements.Record("apphost: GET /governance/api/directions per role with the AppHost's tokens: " + string.Join(", ", answers));
            Assert.Equal(["commissioner 200", "children 403", "licensing 403", "governance 200", "finance 403", "integrator 200", "ops 403", "no token 401"], answers);

            // Through the one door, each service answers, and the gateway's health names each of them to ops.
            foreach (var service in Portfolios)
            {
                using var response = await gateway.GetAsync($"{service}/api/authority");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{service} through the gateway: {(int)response.StatusCode}");
            }
            using (var asOps = As("ops"))
            using (var health = JsonDocument.Parse(await asOps.GetStringAsync("health")))
                foreach (var service in Portfolios)
                    Assert.Equal("Healthy", health.RootElement.GetProperty("checks").GetProperty(service).GetProperty("status").GetString());

            // Directions recorded through the gateway are visible in licensing through the gateway.
            using var posted = await asGovernance.PostAsJsonAsync("governance/api/directions", new IssueDirectionsRequest
            {
                IssuedOn = new DateOnly(2015, 2, 26), IssuedBy = ["DCLG", "DfE"], EffectiveFrom = DateTimeOffset.Parse("2015-02-26T00:00:00Z"),
                InterventionEndsOn = new DateOnly(2019, 3, 31),
                Assignments = [new() { Function = "licensing", Authority = Authority.Commissioners, Oversight = Oversight.None }],
            }, ContractJson.Options);
            var answered = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            var id = (await posted.Content.ReadFromJsonAsync<DirectionsRecorded>(ContractJson.Options))!.Id;
            await Eventually.WaitUntilAsync(async () => (await gateway.GetStringAsync("licensing/api/authority")).Contains(id.ToString()), TimeSpan.FromSeconds(60),
                () => "licensing never showed the Directions through the gateway.\n" + Tail());
            Measurements.Record($"apphost: all healthy {started.Elapsed.TotalSeconds:0.0} s after start (built); Directions through the gateway visible in licensing through the gateway {answered.ElapsedMilliseconds} ms after the 201");

            // What ops do with the dashboard: a licensing decision through the gateway (licensing is the Commissioners' now)
            // is one trace there, from the gateway to governance's consumer.
            using (var asLicensing = As("licensing"))
                output.WriteLine(await Dashboard.DashboardTrace.OfLicensingDecisionAsync(asLicensing, telemetry, dashboard));

            // A service that dies shows as unhealthy at the gateway, and the AppHost brings it back on the same address.
            using var asOpsAtGateway = As("ops"); // the gateway names each service's health to ops alone
            var licensing = ServicesOf(signingKey).Single(p => CommandLine(p).TrimEnd().EndsWith("/Licensing.API"));
            Process.GetProcessById(licensing).Kill();
            await Eventually.WaitUntilAsync(async () => await ServiceStatusAsync(asOpsAtGateway, "licensing") == "Unhealthy", TimeSpan.FromSeconds(10),
                () => "the gateway never reported licensing unhealthy.\n" + Tail());
            await Eventually.WaitUntilAsync(() => lines.Any(l => l.Contains("exited with code") && l.Contains("restarting")), TimeSpan.FromSeconds(15), () => "no restart announced.\n" + Tail());
            await Eventually.WaitUntilAsync(async () => await ServiceStatusAsync(asOpsAtGateway, "licensing") == "Healthy", TimeSpan.FromSeconds(90),
                () => "licensing did not come back healthy.\n" + Tail());
        }
        finally
        {
            if (!appHost.HasExited) _ = Signal(appHost.Id, 15);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try { await appHost.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { appHost.Kill(entireProcessTree: true); }
        }

        // Nothing left behind: no service (found by this run's key in its environment), no DCP watching this AppHost,
        // no server of its data folder, and no port of it still listening.
        var ports = rows.Values.Select(r => new Uri(r.Url).Port).ToList();
        List<string> Survivors() => ServicesOf(signingKey)
            .Concat(ProcessesMentioning(dataFolder))
            .Concat(ProcessesMentioning($"--monitor {appHost.Id}"))
            .Distinct()
            .Select(p => $"pid {p}: {CommandLine(p)}")
            .Concat(ports.Where(Listening).Select(p => $"port {p} still listening"))
            .ToList();
        await Eventually.WaitUntilAsync(() => Survivors().Count == 0, TimeSpan.FromSeconds(30), () => "left running after SIGTERM: " + string.Join(", ", Survivors()));
    }

    [GeneratedRegex(@"^(?<name>rabbitmq|postgres|governance|licensing|children|finance|integrations|gateway|portal)\s+(?<url>(http|tcp)://\S+)\s+(?<pid>\d+)\s+.*[0-9] s$")]
    private static partial Regex TableRow();

    /// <summary>The services and gateway of one run: processes whose environment holds that run's signing key.</summary>
    private static IEnumerable<int> ServicesOf(string signingKey) => AspireSystem.ProcessesWithKey(signingKey).Where(Alive);

    private static bool Listening(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task<string?> ServiceStatusAsync(HttpClient gateway, string service)
    {
        using var response = await gateway.GetAsync("health");
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return health.RootElement.GetProperty("checks").GetProperty(service).GetProperty("status").GetString();
    }

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");

    private static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ')[..Math.Min(120, File.ReadAllText($"/proc/{pid}/cmdline").Length)]; }
        catch (IOException) { return "(gone)"; }
    }

    private static IEnumerable<int> ProcessesMentioning(string text)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            string commandLine;
            try { commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (commandLine.Contains(text) && Alive(pid)) yield return pid;
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Signal(int pid, int signal);
}
