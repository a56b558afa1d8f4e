using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit;

namespace Intervention.FunctionalTests;

/// <summary>
/// The gateway in front of the AppHost's services: the prefix stripped, the trace forwarded, and a stopped service (502) or
/// a frozen one (504) turned into problem details. On the system with its own settings, whose gateway is deployed for this
/// test to give up on a service after 10 seconds (short, yet long enough for a service's first answer on a busy machine)
/// and taken back afterwards; the other tests there wait two minutes.
/// </summary>
[Collection(OwnSettingsSystem.Name)]
public sealed class GatewayTests(OwnSettingsSystem own) : IAsyncLifetime
{
    public Task InitializeAsync() => own.System.RedeployAsync("gateway", new Dictionary<string, string> { ["Gateway__Timeout"] = "00:00:10" });

    public Task DisposeAsync() => own.System.RedeployAsync("gateway", new Dictionary<string, string>());

    [Fact]
    public async Task The_gateway_strips_the_prefix_forwards_the_trace_and_turns_proxy_failures_into_problem_details()
    {
        var system = own.System;
        using var anonymousClient = system.GatewayAs(null);

        // Without a token the gateway answers 401 itself: nothing reaches the service (no span of governance in that trace,
        // once the gateway's own span of it has arrived).
        var anonymousTrace = ActivityTraceId.CreateRandom().ToHexString();
        using (var request = new HttpRequestMessage(HttpMethod.Get, "governance/api/authority"))
        {
            request.Headers.Add("traceparent", $"00-{anonymousTrace}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            using var anonymous = await anonymousClient.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        await system.Telemetry.WaitForAsync(s => s.Service == "gateway" && s.TraceId == anonymousTrace, TimeSpan.FromSeconds(20), $"of the gateway in trace {anonymousTrace}");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(system.Telemetry.Spans, s => s.TraceId == anonymousTrace && s.Service != "gateway");

        using var gateway = system.GatewayAs(system.Tokens.Mint($"gateway-test-{Guid.NewGuid():N}", ["governance", "licensing", "children"], TimeSpan.FromHours(1)));

        // The prefix is stripped and the caller's trace continues downstream: governance's own route answers, in the trace.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using (var request = new HttpRequestMessage(HttpMethod.Get, "governance/api/authority?at=2016-06-01T12:00:00Z"))
        {
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            using var response = await gateway.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var seen = await system.Telemetry.WaitForAsync(s => s.Service == "governance" && s.Kind == ReceivedSpan.Server && s.TraceId == traceId,
            TimeSpan.FromSeconds(20), $"of governance serving trace {traceId}");
        Assert.Equal("GET /api/authority", seen.Name);
        // The query string goes along: governance itself names the bad parameter.
        using (var badQuery = await gateway.GetAsync("governance/api/authority?at=yesterday"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
            Assert.Contains("\"at\"", await badQuery.Content.ReadAsStringAsync());
        }

        // Licensing stopped (nothing listens) and children frozen (it accepts connections and never answers).
        await system.StopResourceAsync("licensing");
        system.Pause("children");
        try
        {
            // Nothing listening: 502 problem details that name the service.
            using (var refused = await gateway.GetAsync("licensing/api/authority"))
            {
                Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
                Assert.Contains("licensing", await refused.Content.ReadAsStringAsync());
            }

            // No answer within the gateway's timeout: 504 problem details.
            using (var hung = await gateway.GetAsync("children/api/authority"))
            {
                Assert.Equal(HttpStatusCode.GatewayTimeout, hung.StatusCode);
                Assert.Equal("application/problem+json", hung.Content.Headers.ContentType?.MediaType);
            }

            // Anyone gets the status alone; ops get each service, and the ones that do not answer are unhealthy, and so is the whole.
            using (var status = await anonymousClient.GetAsync("health"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
                Assert.Equal("""{"status":"Unhealthy"}""", await status.Content.ReadAsStringAsync());
            }
            using var asOps = system.GatewayAs(system.Tokens.ForRole("ops"));
            using var health = await asOps.GetAsync("health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            var checks = report.RootElement.GetProperty("checks");
            Assert.Equal("Healthy", checks.GetProperty("governance").GetProperty("status").GetString());
            Assert.Equal("Healthy", checks.GetProperty("finance").GetProperty("status").GetString());
            Assert.Equal("Unhealthy", checks.GetProperty("licensing").GetProperty("status").GetString());
            Assert.Equal("Unhealthy", checks.GetProperty("children").GetProperty("status").GetString());
        }
        finally
        {
            system.Resume("children");
            await system.StartResourceAsync("licensing");
        }

        // An unknown portfolio is a 404 problem, not a proxy attempt.
        using var unknown = await gateway.GetAsync("housing/api/authority");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        // Back (started again and healthy): the stopped service answers through the gateway again.
        using var back = await gateway.GetAsync("licensing/api/authority");
        Assert.True(back.StatusCode == HttpStatusCode.OK, $"licensing after it was started again: {(int)back.StatusCode}\n{system.Logs("gateway", 20)}");
    }
}
