using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Intervention.Gateway.Health;

/// <summary>
/// A portfolio service is healthy when its own <c>/health</c> says so within two seconds. <paramref name="address"/> is the
/// service's name (<c>http://licensing/</c>): the "health" client resolves it by service discovery.
/// </summary>
internal sealed class DownstreamHealthCheck(IHttpClientFactory clients, Uri address) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var response = await clients.CreateClient("health").GetAsync(new Uri(address, "health"), timeout.Token);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{address} answers")
                : HealthCheckResult.Unhealthy($"{address}health answered {(int)response.StatusCode}");
        }
        // Polly's rejection: the resilience handler's circuit is open after repeated failures.
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or Polly.ExecutionRejectedException)
        {
            return HealthCheckResult.Unhealthy($"{address} does not answer: {e.Message}");
        }
    }
}
