using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace Intervention.FunctionalTests.Security;

/// <summary>
/// Every endpoint of every service, read from each service's own OpenAPI document (so a new endpoint is in the matrix the
/// day it is mapped), called directly (a service must not rely on the gateway) with no token, an expired token, a token
/// signed with another key, a token for another audience, a token without a subject, and a token for each role. The roles each kind of access allows
/// are written here from DESIGN.md, apart from the code that enforces them.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class AuthorisationMatrixTests(SharedSystem shared, ITestOutputHelper output)
{
    private static readonly string[] Services = ["governance", "licensing", "children", "finance", "integrations"];
    private static readonly string[] Roles = ["commissioner", "children", "licensing", "governance", "finance", "integrator", "ops"];

    /// <summary>DESIGN.md's role table: who may call an endpoint of each kind in the service of <paramref name="portfolio"/>.</summary>
    private static string[] Allowed(string access, string portfolio) => access switch
    {
        "Read" => [portfolio, "commissioner"],
        "Write" => [portfolio],
        "Decide" => [portfolio, "commissioner"],
        "Personal" => [portfolio],
        "Aggregate" => [portfolio, "commissioner", "integrator"],
        "AuditTrail" => [portfolio],
        // Webhook subscriptions: integrators alone (each sees only its own).
        "policy:integrator" => ["integrator"],
        _ => throw new InvalidOperationException($"unknown access '{access}'"),
    };

    [Fact]
    public async Task Every_endpoint_answers_each_role_and_each_bad_token_as_the_role_table_says()
    {
        var system = shared.System;
        var badTokens = new Dictionary<string, string>
        {
            ["expired"] = system.Tokens.Mint("someone", ["governance", "licensing", "children", "finance", "commissioner"], TimeSpan.FromMinutes(-10)),
            ["another key"] = system.Tokens.Mint("someone", ["governance", "licensing", "children", "finance", "commissioner"], TimeSpan.FromHours(1), signWith: RandomNumberGenerator.GetBytes(32)),
            ["another audience"] = system.Tokens.Mint("someone", ["governance", "licensing", "children", "finance", "commissioner"], TimeSpan.FromHours(1), audience: "another-api"),
            // Without a subject every such caller would be one and the same owner of subscriptions and trail lines.
            ["no subject"] = system.Tokens.Mint(null, ["governance", "licensing", "children", "finance", "commissioner", "integrator"], TimeSpan.FromHours(1)),
        };
        var roleTokens = Roles.ToDictionary(r => r, r => system.Tokens.ForRole(r));

        var failures = new List<string>();
        var unprotected = new List<string>();
        var endpoints = 0;
        var calls = 0;
        using var http = new HttpClient();
        foreach (var service in Services)
        {
            var baseAddress = system.ServiceAddress(service);
            using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(baseAddress, "openapi/v1.json")));
            foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var label = $"{service} {method} {path.Name}";
                if (!operation.Value.TryGetProperty("x-access", out var accessElement))
                {
                    unprotected.Add(label);
                    continue;
                }
                var access = accessElement.GetString()!;
                if (access == "anonymous") continue;
                endpoints++;
                var uri = new Uri(baseAddress, Fill(path.Name, operation.Value).TrimStart('/'));

                foreach (var (name, token) in badTokens.Prepend(new("no token", null!)))
                {
                    var status = await CallAsync(http, method, uri, token);
                    calls++;
                    if (status != HttpStatusCode.Unauthorized) failures.Add($"{label} with {name}: {(int)status}, expected 401");
                }
                var allowed = Allowed(access, service);
                foreach (var role in Roles)
                {
                    var status = await CallAsync(http, method, uri, roleTokens[role]);
                    calls++;
                    if (allowed.Contains(role))
                    {
                        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (int)status >= 500)
                            failures.Add($"{label} ({access}) as {role}: {(int)status}, expected to be let through (not 401/403/5xx)");
                    }
                    else if (status != HttpStatusCode.Forbidden)
                        failures.Add($"{label} ({access}) as {role}: {(int)status}, expected 403");
                }
            }
        }
        output.WriteLine($"{endpoints} endpoints x ({Roles.Length} roles + 4 bad tokens) = {calls} calls");
        Measurements.Record($"authorisation matrix: {endpoints} endpoints x {Roles.Length} roles + 4 token cases = {calls} calls, {failures.Count} wrong");
        Assert.True(unprotected.Count == 0, "endpoints without a declared access policy:\n" + string.Join('\n', unprotected));
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(endpoints >= 40, $"only {endpoints} endpoints found in the OpenAPI documents");
    }

    /// <summary>A concrete path for a template: ids are new GUIDs (nothing is found), other parameters a plausible value.</summary>
    private static string Fill(string template, JsonElement operation)
    {
        var formats = new Dictionary<string, string?>();
        if (operation.TryGetProperty("parameters", out var parameters))
            foreach (var p in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path"))
                formats[p.GetProperty("name").GetString()!] = p.TryGetProperty("schema", out var schema) && schema.TryGetProperty("format", out var f) ? f.GetString()
                    : schema.TryGetProperty("type", out var t) ? t.ValueKind == JsonValueKind.String ? t.GetString() : null : null;
        return System.Text.RegularExpressions.Regex.Replace(template, @"\{(?<name>[^}:]+)[^}]*\}", m =>
        {
            var name = m.Groups["name"].Value;
            return formats.GetValueOrDefault(name) switch
            {
                "uuid" => Guid.NewGuid().ToString(),
                "int32" or "int64" or "integer" => "1",
                _ => name switch { "year" => "2017-18", "quarter" => "Q2", "function" => "licensing", _ => "x" },
            };
        });
    }

    private static async Task<HttpStatusCode> CallAsync(HttpClient http, HttpMethod method, Uri uri, string? token)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (method != HttpMethod.Get && method != HttpMethod.Delete) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
