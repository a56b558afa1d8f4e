using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Intervention.AppHost;
using Xunit;
using Xunit.Abstractions;
using Intervention.ServiceDefaults.Security;

namespace Intervention.FunctionalTests.Dashboard;

/// <summary>
/// What ops do with the Aspire dashboard: the AppHost's own model started with the dashboard on (the testing builder turns
/// it off by default), one licensing decision through the gateway, and that request found through the dashboard's
/// telemetry API (<c>/api/telemetry/traces/{traceId}</c>, header <c>x-api-key</c> with the key the AppHost writes to
/// <c>dashboard.json</c>) as one trace from the gateway through licensing and its outbox relay to governance's consumer.
/// </summary>
public sealed class DashboardTelemetryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_licensing_decision_through_the_gateway_is_one_trace_in_the_dashboard_from_the_gateway_to_governances_consumer()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var ct = timeout.Token;
        var data = Directory.CreateTempSubdirectory("dashboard-test-").FullName;
        // The server users (rabbitmq, postgres) must be able to enter it.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        var gatewayPort = FreePort();
        var dashboard = $"http://localhost:{FreePort()}";
        var tokens = DevelopmentTokens.Generate();
        try
        {
            // As ./run's launch profile has it (an http dashboard, no certificate here), on free ports: a developer's ./run may hold 18888.
            string[] args =
            [
                "--servers=local", $"--gateway-port={gatewayPort}", $"INTERVENTION_APPHOST_DATA={data}", $"Auth:SigningKey={tokens.SigningKey}",
                $"ASPNETCORE_URLS={dashboard}",
                $"ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://localhost:{FreePort()}",
                $"ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:{FreePort()}",
                "ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
                // No one answers the dashboard's prompts in a test.
                "ASPIRE_INTERACTIVITY_ENABLED=false",
                // The testing builder moves proxied endpoints to random ports, the dashboard's among them: keep it where
                // dashboard.json says it is, as under ./run (every other endpoint of ours is unproxied).
                "DcpPublisher:RandomizePorts=false",
            ];
            var appHost = typeof(RoleTokenFiles).Assembly.EntryPoint!.DeclaringType!;
            var builder = await DistributedApplicationTestingBuilder.CreateAsync(appHost, args, (options, _) => options.DisableDashboard = false, ct);
            await using var app = await builder.BuildAsync(ct);
            var started = Stopwatch.StartNew();
            await app.StartAsync(ct);
            // The servers first, so that a broker or database that never answers is the one named.
            foreach (var resource in new[] { "rabbitmq", "postgres", "governance", "licensing", "children", "gateway" })
                await WaitHealthyAsync(app, resource, ct);
            output.WriteLine($"servers, governance, licensing, children and the gateway healthy {started.Elapsed.TotalSeconds:0.0} s after start");

            // What a script reads: the dashboard's address and its telemetry API key, written by the AppHost.
            using var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(data, "dashboard.json"), ct));
            Assert.Equal(dashboard, file.RootElement.GetProperty("url").GetString());
            var apiKey = file.RootElement.GetProperty("apiKey").GetString();
            Assert.False(string.IsNullOrEmpty(apiKey), "dashboard.json holds no telemetry API key");
            using var telemetry = new HttpClient { BaseAddress = new Uri(dashboard), DefaultRequestHeaders = { { "x-api-key", apiKey } } };
            using (var anonymous = new HttpClient { BaseAddress = new Uri(dashboard) })
            using (var refused = await anonymous.GetAsync("api/telemetry/traces", ct))
                Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"the telemetry API without x-api-key answered {(int)refused.StatusCode}, not 401");

            // One licensing decision through the gateway, under a trace id of ours, as OneTraceTests makes it.
            using var gateway = new HttpClient { BaseAddress = new Uri($"http://localhost:{gatewayPort}/") };
            gateway.DefaultRequestHeaders.Authorization = new("Bearer", tokens.Mint("dashboard-test", ["governance", "licensing"], TimeSpan.FromHours(1)));
            await PostAsync(gateway, "governance/api/directions", """{"issuedOn":"2015-02-26","effectiveFrom":"2015-02-26T00:00:00Z","issuedBy":["DCLG"],"interventionEndsOn":"2019-03-31","assignments":[{"function":"licensing","authority":"Commissioners","oversight":"None"}]}""", ct: ct);
            await Eventually.WaitUntilAsync(async () => (await gateway.GetStringAsync("licensing/api/authority", ct)).Contains("Commissioners"), TimeSpan.FromSeconds(30),
                () => "licensing never learnt the Directions giving licensing to the Commissioners");
            var driver = await PostAsync(gateway, "licensing/api/drivers", """{"name":"Trace Case","dateOfBirth":"1970-01-01","licenceType":"PrivateHire","appliedOn":"2016-01-04"}""", ct: ct);
            var hearing = await PostAsync(gateway, "licensing/api/hearings", $$"""{"driverId":"{{driver.GetProperty("id")}}","heldOn":"2016-06-15","grounds":"Trace"}""", ct: ct);
            var traceId = ActivityTraceId.CreateRandom().ToHexString();
            var decisionPath = $"licensing/api/hearings/{hearing.GetProperty("id")}/decision";
            await PostAsync(gateway, decisionPath,
                """{"outcome":"Revocation","reasons":"Trace","grounds":"Safeguarding","immediate":true,"noticeGivenOn":"2016-06-15"}""", traceId, ct);

            // What ops check in the trace: the request entered at the gateway and was forwarded to licensing, which answered
            // 201; licensing's outbox relay published its events in the same trace; governance consumed the decision; and no
            // span failed. Each check is over the whole trace as the dashboard holds it, parents included: spans arrive in
            // batches, a parent (a consumer's receive) often after its child, so the test waits until every check holds.
            IReadOnlyList<Span> spans = [];
            bool Under(Span span, Func<Span, bool> ancestor)
            {
                var byId = spans.ToDictionary(s => s.SpanId);
                for (var s = span; byId.TryGetValue(s.ParentSpanId, out var parent); s = parent)
                    if (ancestor(parent)) return true;
                return false;
            }
            bool GatewayServer(Span s) => s.Service == "gateway" && s.Kind == Span.Server && s.Attribute("url.path") == "/" + decisionPath;
            bool LicensingServer(Span s) => s.Service == "licensing" && s.Kind == Span.Server && s.Attribute("http.response.status_code") == "201";
            bool Relay(Span s) => s.Service == "licensing" && s.Scope == "Intervention.Outbox";
            var checks = new (string What, Func<bool> Holds)[]
            {
                ("the gateway's server span for the POST", () => spans.Any(GatewayServer)),
                ("licensing's server span answering 201, under the gateway's call forwarding it", () => spans.Any(s => LicensingServer(s)
                    && Under(s, p => p.Service == "gateway" && p.Kind == Span.Client && Under(p, GatewayServer)))),
                ("licensing's outbox relay (Intervention.Outbox) continuing that request and publishing to the broker", () => spans.Any(s => Relay(s)
                    && Under(s, LicensingServer) && spans.Any(c => c.ParentSpanId == s.SpanId && c.Kind == Span.Producer))),
                ("governance's consumer, under the relay's publish", () => spans.Any(s => s.Service == "governance" && s.Kind == Span.Consumer && Under(s, Relay))),
            };
            string Missing() => string.Join("; ", checks.Where(c => !c.Holds()).Select(c => c.What));
            await Eventually.WaitUntilAsync(async () =>
            {
                spans = await TraceAsync(telemetry, traceId, ct);
                return Missing().Length == 0;
            }, TimeSpan.FromSeconds(60), () => $"the dashboard's trace {traceId} lacks {Missing()}\nit holds:\n{Tree(spans)}");
            var tree = Tree(spans);
            output.WriteLine($"trace {traceId} in the dashboard ({dashboard}/traces/detail/{traceId}):\n{tree}");

            // Found the way ops find it, too: among the gateway's traces.
            using (var list = await telemetry.GetAsync("api/telemetry/traces?resource=gateway&limit=1000", ct))
            {
                var text = await list.Content.ReadAsStringAsync(ct);
                Assert.True(list.IsSuccessStatusCode, $"GET /api/telemetry/traces?resource=gateway: {(int)list.StatusCode} {text}");
                Assert.True(Spans(text).Any(s => s.TraceId == traceId), $"trace {traceId} is not among the gateway's traces in the dashboard");
            }
            var failed = spans.Where(s => s.Failed).Select(s => $"{s.Service}: {s.Name}").ToList();
            Assert.True(failed.Count == 0, $"failed spans in the trace: {string.Join(", ", failed)}\n{tree}");
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { output.WriteLine($"left {data}: {e.Message}"); }
        }
    }

    private static async Task WaitHealthyAsync(DistributedApplication app, string resource, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(4));
        try
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var state = app.ResourceNotifications.TryGetCurrentState(resource, out var e) ? $"{e.Snapshot.State?.Text} / {e.Snapshot.HealthStatus}" : "unknown";
            Assert.Fail($"{resource} was not healthy within 4 minutes of the AppHost's start (state {state})");
        }
    }

    /// <summary>The trace as the dashboard holds it: <c>GET /api/telemetry/traces/{traceId}</c>, OTLP JSON (none yet: empty).</summary>
    private static async Task<IReadOnlyList<Span>> TraceAsync(HttpClient telemetry, string traceId, CancellationToken ct)
    {
        using var response = await telemetry.GetAsync($"api/telemetry/traces/{traceId}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return [];
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"GET /api/telemetry/traces/{traceId}: {(int)response.StatusCode} {body}");
        return Spans(body);
    }

    /// <summary>The spans of the telemetry API's answer: <c>{"data": {"resourceSpans": [...]}, "totalCount": ...}</c>.</summary>
    private static IReadOnlyList<Span> Spans(string body)
    {
        using var json = JsonDocument.Parse(body);
        var spans = new List<Span>();
        foreach (var resourceSpans in json.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var service = Attributes(resourceSpans.GetProperty("resource")).GetValueOrDefault("service.name") ?? "";
            foreach (var scopeSpans in resourceSpans.GetProperty("scopeSpans").EnumerateArray())
            {
                var scope = scopeSpans.TryGetProperty("scope", out var s) && s.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                foreach (var span in scopeSpans.GetProperty("spans").EnumerateArray())
                    spans.Add(new Span(span.GetProperty("traceId").GetString() ?? "", service, scope, span.GetProperty("name").GetString() ?? "",
                        span.TryGetProperty("kind", out var kind) ? kind.GetInt32() : 0,
                        span.GetProperty("spanId").GetString() ?? "",
                        span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() ?? "" : "",
                        span.TryGetProperty("status", out var status) && status.TryGetProperty("code", out var code) && code.GetInt32() == 2,
                        Attributes(span)));
            }
        }
        return spans;
    }

    private static Dictionary<string, string> Attributes(JsonElement element)
    {
        var attributes = new Dictionary<string, string>();
        if (!element.TryGetProperty("attributes", out var list)) return attributes;
        foreach (var attribute in list.EnumerateArray())
        {
            var value = attribute.GetProperty("value");
            // {"stringValue": "..."}, {"intValue": "201"} (a string in OTLP JSON), {"boolValue": true}...
            var typed = value.EnumerateObject().Select(p => p.Value).FirstOrDefault();
            attributes[attribute.GetProperty("key").GetString()!] = typed.ValueKind switch
            {
                JsonValueKind.String => typed.GetString()!,
                JsonValueKind.Undefined => "",
                _ => typed.GetRawText(),
            };
        }
        return attributes;
    }

    private sealed record Span(string TraceId, string Service, string Scope, string Name, int Kind, string SpanId, string ParentSpanId, bool Failed, IReadOnlyDictionary<string, string> Attributes)
    {
        public const int Server = 2, Client = 3, Producer = 4, Consumer = 5;

        public string? Attribute(string key) => Attributes.GetValueOrDefault(key);
    }

    /// <summary>The spans as an indented tree, parents before children.</summary>
    private static string Tree(IReadOnlyList<Span> spans)
    {
        var lines = new StringBuilder();
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        void Write(Span span, int depth)
        {
            lines.AppendLine($"{new string(' ', depth * 2)}{span.Service}: {span.Name} ({span.Scope}, kind {span.Kind}{(span.Failed ? ", FAILED" : "")})");
            foreach (var child in spans.Where(s => s.ParentSpanId == span.SpanId)) Write(child, depth + 1);
        }
        foreach (var root in spans.Where(s => !ids.Contains(s.ParentSpanId))) Write(root, 0);
        return lines.Length == 0 ? "(no spans)" : lines.ToString().TrimEnd();
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string uri, string body, string? traceId = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (traceId is not null) request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {uri} through the gateway: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
