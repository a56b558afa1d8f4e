using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Intervention.FunctionalTests.Dashboard;

/// <summary>
/// What ops do with the Aspire dashboard that <c>./run</c> starts (<see cref="AppHostTests"/>): one licensing decision through
/// the gateway, found through the dashboard's telemetry API (<c>/api/telemetry/traces/{traceId}</c>, header <c>x-api-key</c>
/// with the key the AppHost writes to <c>dashboard.json</c>) as one trace from the gateway through licensing and its outbox
/// relay to governance's consumer.
/// </summary>
public static class DashboardTrace
{
    /// <summary>
    /// Decides a hearing through <paramref name="gateway"/> (as the licensing team, licensing held by the Commissioners) under a
    /// trace id of its own, and checks the trace in the dashboard; answers it as an indented tree.
    /// </summary>
    public static async Task<string> OfLicensingDecisionAsync(HttpClient gateway, HttpClient telemetry, Uri dashboard, CancellationToken ct = default)
    {
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

        // Found the way ops find it, too: among the gateway's traces.
        using (var list = await telemetry.GetAsync("api/telemetry/traces?resource=gateway&limit=1000", ct))
        {
            var text = await list.Content.ReadAsStringAsync(ct);
            Assert.True(list.IsSuccessStatusCode, $"GET /api/telemetry/traces?resource=gateway: {(int)list.StatusCode} {text}");
            Assert.True(Spans(text).Any(s => s.TraceId == traceId), $"trace {traceId} is not among the gateway's traces in the dashboard");
        }
        var failed = spans.Where(s => s.Failed).Select(s => $"{s.Service}: {s.Name}").ToList();
        Assert.True(failed.Count == 0, $"failed spans in the trace: {string.Join(", ", failed)}\n{tree}");
        return $"trace {traceId} in the dashboard ({dashboard}traces/detail/{traceId}):\n{tree}";
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
}
