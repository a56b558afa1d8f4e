using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Intervention.AppHost;
using Intervention.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Intervention.FunctionalTests;

/// <summary>The gateway as its own process in front of services that answer, refuse, or hang.</summary>
public sealed class GatewayTests
{
    [Fact]
    public async Task The_gateway_strips_the_prefix_forwards_the_trace_and_turns_proxy_failures_into_problem_details()
    {
        // governance: answers and records what it was sent; licensing and finance: nothing listens;
        // children: accepts connections and never answers.
        await using var governance = await RecordingService.StartAsync();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<Socket>();
        var accepting = Task.Run(async () => { while (true) held.Add(await silent.AcceptSocketAsync()); });
        var silentPort = ((IPEndPoint)silent.LocalEndpoint).Port;

        var tokens = DevelopmentTokens.Generate();
        await using var gateway = ServiceProcess.Start("gateway", BuildOutput.Assembly("gateway"), ServiceProcess.FreePort(), new Dictionary<string, string>(tokens.Environment)
        {
            ["services__governance__http__0"] = governance.Address,
            ["services__licensing__http__0"] = $"http://127.0.0.1:{ServiceProcess.FreePort()}",
            ["services__finance__http__0"] = $"http://127.0.0.1:{ServiceProcess.FreePort()}",
            ["services__children__http__0"] = $"http://127.0.0.1:{silentPort}",
            ["Gateway__Timeout"] = "00:00:02",
        });
        await gateway.WaitHealthyAsync(TimeSpan.FromSeconds(60), path: "alive");

        // Without a token the gateway answers 401 itself: nothing reaches the service.
        using (var anonymous = await gateway.Http.GetAsync("governance/api/authority"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Empty(governance.Requests);
        }
        gateway.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.ForRole("governance"));

        // The prefix is stripped and the caller's trace continues downstream.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using (var request = new HttpRequestMessage(HttpMethod.Get, "governance/api/authority?at=2016-06-01T12:00:00Z"))
        {
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            using var response = await gateway.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var seen = Assert.Single(governance.Requests);
        Assert.Equal("/api/authority?at=2016-06-01T12:00:00Z", seen.PathAndQuery);
        Assert.StartsWith($"00-{traceId}-", seen.Traceparent);

        // Nothing listening: 502 problem details that name the service.
        using (var refused = await gateway.Http.GetAsync("licensing/api/authority"))
        {
            Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("licensing", await refused.Content.ReadAsStringAsync());
        }

        // No answer within the gateway's timeout: 504 problem details.
        using (var hung = await gateway.Http.GetAsync("children/api/authority"))
        {
            Assert.Equal(HttpStatusCode.GatewayTimeout, hung.StatusCode);
            Assert.Equal("application/problem+json", hung.Content.Headers.ContentType?.MediaType);
        }

        // Its health names each service; the ones that do not answer are unhealthy, and so is the whole.
        using var health = await gateway.Http.GetAsync("health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("governance").GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("licensing").GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("finance").GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("children").GetProperty("status").GetString());

        // An unknown portfolio is a 404 problem, not a proxy attempt.
        using var unknown = await gateway.Http.GetAsync("housing/api/authority");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        foreach (var socket in held) socket.Dispose();
    }

    private sealed record SeenRequest(string PathAndQuery, string? Traceparent);

    /// <summary>A stand-in downstream service that answers /health and records every other request.</summary>
    private sealed class RecordingService : IAsyncDisposable
    {
        private readonly WebApplication _app;
        public ConcurrentQueue<SeenRequest> Requests { get; } = new();
        public string Address { get; private set; } = "";

        private RecordingService(WebApplication app) => _app = app;

        public static async Task<RecordingService> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var service = new RecordingService(app);
            app.Run(async context =>
            {
                if (context.Request.Path != "/health")
                    service.Requests.Enqueue(new SeenRequest(context.Request.Path + context.Request.QueryString, context.Request.Headers.TraceParent.ToString()));
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(context.Request.Path == "/health" ? """{"status":"Healthy"}""" : "[]");
            });
            await app.StartAsync();
            service.Address = app.Urls.First();
            return service;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
