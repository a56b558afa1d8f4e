using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Xunit;

namespace Intervention.FunctionalTests.Security;

/// <summary>
/// The gateway's rate limit per client and route, lowered to 5 requests a minute for this test: deployed to the gateway of
/// the system with its own settings and taken back afterwards. The client over its rate is this test's own (a subject of
/// its own), so no other request counts against it.
/// </summary>
[Collection(OwnSettingsSystem.Name)]
public sealed class GatewayRateLimitTests(OwnSettingsSystem own) : IAsyncLifetime
{
    private const int PermitsPerWindow = 5;

    public Task InitializeAsync() => own.System.RedeployAsync("gateway", new Dictionary<string, string>
    {
        ["Gateway__Limits__PermitsPerWindow"] = PermitsPerWindow.ToString(),
        ["Gateway__Limits__Window"] = "00:01:00",
    });

    public Task DisposeAsync() => own.System.RedeployAsync("gateway", new Dictionary<string, string>());

    [Fact]
    public async Task A_client_over_its_rate_on_one_route_gets_429_with_Retry_After_while_other_clients_and_routes_go_on()
    {
        var system = own.System;
        using var client = system.GatewayAs(system.Tokens.Mint($"rate-test-{Guid.NewGuid():N}", AspireSystem.TeamRoles, TimeSpan.FromHours(1)));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= PermitsPerWindow; i++)
        {
            using var response = await client.GetAsync("licensing/api/authority");
            statuses.Add(response.StatusCode);
            if (i < PermitsPerWindow) continue;
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(int.TryParse(response.Headers.GetValues("Retry-After").Single(), out var seconds) && seconds is > 0 and <= 60, "Retry-After in seconds");
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, PermitsPerWindow), HttpStatusCode.TooManyRequests], statuses);

        // Another route for the same client, and the same route for another client, are counted apart.
        using (var otherRoute = await client.GetAsync("governance/api/authority"))
            Assert.Equal(HttpStatusCode.OK, otherRoute.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "licensing/api/authority");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", system.Tokens.Mint($"another-client-{Guid.NewGuid():N}", ["licensing"], TimeSpan.FromHours(1)));
        using (var otherClient = await client.SendAsync(request))
            Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }
}

/// <summary>The gateway's limits in front of a running licensing service: sizes, headers, CORS (on the shared system, default limits).</summary>
[Collection(SharedSystem.Name)]
public sealed class GatewayLimitsTests(SharedSystem shared)
{

    [Fact]
    public async Task Oversized_bodies_get_413_oversized_headers_431_and_every_answer_carries_the_security_headers_with_CORS_closed()
    {
        var system = shared.System;
        var gateway = system.Gateway;

        var body = "{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        using (var tooBig = await gateway.PostAsync("licensing/api/drivers", new StringContent(body, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
            Assert.Equal("application/problem+json", tooBig.Content.Headers.ContentType?.MediaType);
        }
        using (var hugeHeader = new HttpRequestMessage(HttpMethod.Get, "licensing/api/authority"))
        {
            hugeHeader.Headers.Add("X-Padding", new string('a', 40 * 1024));
            using var answer = await gateway.SendAsync(hugeHeader);
            Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, answer.StatusCode);
        }

        using var ok = await gateway.GetAsync("licensing/api/authority");
        using var anonymous = await system.GatewayAs(null).GetAsync("licensing/api/authority");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        foreach (var answer in new[] { ok, anonymous })
        {
            Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", answer.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", answer.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("default-src 'none'", answer.Headers.GetValues("Content-Security-Policy").Single());
            Assert.False(answer.Headers.Contains("Server"));
        }
        Assert.Equal("no-store", ok.Headers.CacheControl?.ToString());

        // No origin is allowed unless configured: a browser's preflight gets no Access-Control-Allow-Origin.
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "licensing/api/authority");
        preflight.Headers.Add("Origin", "https://elsewhere.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var cors = await gateway.SendAsync(preflight);
        Assert.False(cors.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
