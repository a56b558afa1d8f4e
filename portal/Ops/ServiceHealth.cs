using System.Net.Http.Json;
using System.Text.Json;
using Intervention.Contracts;

namespace Intervention.Portal.Ops;

/// <summary>Where the ops page links to, bound from <c>Ops</c>.</summary>
public sealed class OpsOptions
{
    public const string Section = "Ops";

    /// <summary>The Aspire dashboard: the AppHost's own address under <c>./run</c> (launchSettings' <c>http://localhost:18888</c>).</summary>
    public Uri Dashboard { get; set; } = new("http://localhost:18888");
}

/// <summary>One service's health as the gateway's own check of it found it.</summary>
/// <param name="Service">The service, as the gateway names its check (<c>licensing</c>).</param>
/// <param name="Healthy">Whether it answered its <c>/health</c> within the gateway's two seconds.</param>
/// <param name="Description">What the gateway found, in its words.</param>
public sealed record ServiceStatus(string Service, bool Healthy, string? Description);

/// <summary>
/// The health of every service, read from the gateway's <c>/health</c> with the signed-in person's own token: the gateway checks
/// each service it routes to, and tells the ops role each check (anyone else only the overall status).
/// </summary>
public sealed class ServiceHealth(IHttpClientFactory clients)
{
    /// <summary>The named HTTP client (the gateway's address, the person's token, a short timeout).</summary>
    public const string Client = "gateway-health";

    /// <summary>Each service's status; empty when the role is not told them; null when the gateway does not answer at all.</summary>
    public async Task<IReadOnlyList<ServiceStatus>?> ReadAsync(CancellationToken ct)
    {
        try
        {
            // 503 is the gateway saying a service is unhealthy: its body still lists every check.
            using var response = await clients.CreateClient(Client).GetAsync("health", ct);
            var report = await response.Content.ReadFromJsonAsync<HealthReport>(ContractJson.Options, ct);
            return (report?.Checks ?? []).Select(check => new ServiceStatus(check.Key, check.Value.Status == "Healthy", check.Value.Description))
                .OrderBy(status => status.Service).ToList();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private sealed record HealthReport(string Status, Dictionary<string, HealthCheck>? Checks);
    private sealed record HealthCheck(string Status, string? Description);
}
