using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Intervention.ServiceDefaults.Http;

/// <summary>
/// Every <see cref="HttpClient"/> made by the factory calls our own services unless it says otherwise: its address is
/// resolved by service discovery (<c>http://licensing</c> from <c>services__licensing__http__0</c>, as Aspire gives it) and it
/// has the standard resilience handler, shaped for what our services receive.
/// </summary>
public static class HttpClientDefaults
{
    /// <summary>
    /// One attempt may take this long: a 903 upload of a few hundred MB must get through on a busy machine. Only safe
    /// methods (GET, HEAD, OPTIONS, TRACE) are ever retried, so for an upload the attempt is the whole request.
    /// </summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromMinutes(5);

    /// <summary>All attempts of one request together, retries and their back-off included.</summary>
    public static readonly TimeSpan TotalRequestTimeout = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddOwnServiceClients(this IServiceCollection services)
    {
        services.AddServiceDiscovery();
        services.ConfigureHttpClientDefaults(http =>
        {
            // The resilience handler's timeouts govern; HttpClient's own 100 s would cut a large upload short.
            http.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
            http.AddStandardResilienceHandler(ForOwnServices);
            http.AddServiceDiscovery();
        });
        // OpenTelemetry's OTLP exporters take their clients from the factory under these names. They call the collector (the
        // dashboard), not our services, and retry on their own: with the standard handler every export wrote two Polly lines
        // at Information to the console, several a second with the AppHost's export intervals, most of each service's log.
        foreach (var exporter in OtlpExporterClients) services.AddHttpClient(exporter).ForOutsideAddresses();
        return services;
    }

    /// <summary>The names of the clients OpenTelemetry's OTLP exporters create through the factory (traces, metrics, logs).</summary>
    public static readonly IReadOnlyList<string> OtlpExporterClients = ["OtlpTraceExporter", "OtlpMetricExporter", "OtlpLogExporter"];

    /// <summary>The standard handler (rate limiter, timeouts, retries, circuit breaker) with uploads' timeouts and no retry of a change.</summary>
    public static void ForOwnServices(HttpStandardResilienceOptions options)
    {
        // A POST, PUT, PATCH or DELETE that timed out may have had its effect: retrying could make it twice.
        options.Retry.DisableForUnsafeHttpMethods();
        options.AttemptTimeout.Timeout = AttemptTimeout;
        options.TotalRequestTimeout.Timeout = TotalRequestTimeout;
        // The breaker must sample at least two attempts' worth (the options are validated so).
        options.CircuitBreaker.SamplingDuration = 2 * AttemptTimeout;
    }

    /// <summary>
    /// For a client that calls addresses outside this system (integrators' webhooks): none of the standard resilience
    /// handler, so the client keeps its own retry schedule and timeout. Service discovery stays, as on every client: an
    /// outside host passes through it unchanged, and such a client must guard where it connects itself.
    /// </summary>
    public static IHttpClientBuilder ForOutsideAddresses(this IHttpClientBuilder http)
    {
        // Experimental (EXTEXP0001) in Microsoft.Extensions.Http.Resilience 10.11; the one way to undo a default handler.
#pragma warning disable EXTEXP0001
        return http.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
