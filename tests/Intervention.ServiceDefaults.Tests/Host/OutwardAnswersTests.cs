using System.Net;
using System.Text.Json;
using Intervention.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Intervention.ServiceDefaults.Tests.Host;

/// <summary>What any caller, signed in or not, can learn from what every service and the gateway answer.</summary>
public sealed class OutwardAnswersTests
{
    private const string InternalDetail = "http://licensing/ does not answer: Connection refused (127.0.0.1:40123)";

    private static Task<DefaultsHost> WithFailingCheckAsync(string service = "gateway") => DefaultsHost.StartAsync(service,
        builder => builder.Services.AddHealthChecks().AddCheck("licensing", () => HealthCheckResult.Unhealthy(InternalDetail), ["ready"]));

    [Fact]
    public async Task An_anonymous_health_answer_is_the_status_alone()
    {
        await using var host = await WithFailingCheckAsync();
        using var response = await host.Client.GetAsync("health");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("""{"status":"Unhealthy"}""", text);
    }

    [Theory]
    [InlineData("licensing")]
    [InlineData("integrator")]
    public async Task A_signed_in_caller_without_the_ops_role_gets_the_status_alone(string role)
    {
        await using var host = await WithFailingCheckAsync();
        using var response = await host.Client.SendAsync(host.As(HttpMethod.Get, "health", host.Tokens.ForRole(role)));
        Assert.Equal("""{"status":"Unhealthy"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ops_get_each_check_and_why_it_failed()
    {
        await using var host = await WithFailingCheckAsync();
        using var response = await host.Client.SendAsync(host.As(HttpMethod.Get, "health", host.Tokens.ForRole("ops")));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        var check = body.GetProperty("checks").GetProperty("licensing");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Equal(InternalDetail, check.GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_service_s_OpenAPI_document_names_its_gateway_path_not_its_own_address()
    {
        await using var host = await DefaultsHost.StartAsync("licensing");
        var text = await host.Client.GetStringAsync("openapi/v1.json");
        var servers = JsonDocument.Parse(text).RootElement.GetProperty("servers");
        Assert.Equal("/licensing", Assert.Single(servers.EnumerateArray()).GetProperty("url").GetString());
        Assert.DoesNotContain(host.Client.BaseAddress!.Authority, text);
    }

    [Fact]
    public async Task The_gateway_s_OpenAPI_document_names_no_address()
    {
        await using var host = await DefaultsHost.StartAsync("gateway");
        var text = await host.Client.GetStringAsync("openapi/v1.json");
        Assert.DoesNotContain(host.Client.BaseAddress!.Authority, text);
        Assert.DoesNotContain("127.0.0.1", text);
    }

    [Fact]
    public async Task A_token_without_a_subject_is_refused_with_a_problem()
    {
        // Without a subject every such caller would be one owner ("anonymous") of the same webhook subscriptions and trail lines.
        await using var host = await DefaultsHost.StartAsync("integrations", map: app => app.MapGet("/api/whoami", (HttpContext http) => http.User.CallerName()));
        using (var withSubject = await host.Client.SendAsync(host.As(HttpMethod.Get, "api/whoami", host.Tokens.Mint("partner-council", ["integrator"], TimeSpan.FromHours(1)))))
        {
            Assert.Equal(HttpStatusCode.OK, withSubject.StatusCode);
            Assert.Equal("partner-council", await withSubject.Content.ReadAsStringAsync());
        }
        using var response = await host.Client.SendAsync(host.As(HttpMethod.Get, "api/whoami", host.Tokens.Mint(null, ["integrator"], TimeSpan.FromHours(1))));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains("sub", problem.GetProperty("detail").GetString());
    }
}
