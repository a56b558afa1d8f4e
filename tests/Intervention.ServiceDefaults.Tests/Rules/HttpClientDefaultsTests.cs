using Intervention.ServiceDefaults.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace Intervention.ServiceDefaults.Tests.Rules;

public sealed class HttpClientDefaultsTests
{
    private static IReadOnlyList<string> HandlerChain(Action<IServiceCollection> register, string client)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["services:licensing:http:0"] = "http://127.0.0.1:5101" }).Build());
        services.AddOwnServiceClients();
        register(services);
        using var provider = services.BuildServiceProvider();
        var names = new List<string>();
        for (HttpMessageHandler? handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(client);
             handler is not null;
             handler = (handler as DelegatingHandler)?.InnerHandler)
            names.Add(handler.GetType().Name);
        return names;
    }

    [Fact]
    public void A_client_calling_our_services_has_service_discovery_and_the_standard_resilience_handler()
    {
        var chain = HandlerChain(s => s.AddHttpClient("health"), "health");
        Assert.Contains("ResilienceHandler", chain);
        Assert.Contains("ResolvingHttpDelegatingHandler", chain);
    }

    [Fact]
    public void A_client_calling_outside_addresses_keeps_its_own_retries()
    {
        var chain = HandlerChain(s => s.AddHttpClient("webhooks").ForOutsideAddresses(), "webhooks");
        Assert.DoesNotContain("ResilienceHandler", chain);
    }

    [Theory]
    [InlineData("OtlpTraceExporter")]
    [InlineData("OtlpMetricExporter")]
    [InlineData("OtlpLogExporter")]
    public void The_telemetry_exporters_clients_have_no_resilience_handler(string exporter)
    {
        Assert.Contains(exporter, HttpClientDefaults.OtlpExporterClients);
        Assert.DoesNotContain("ResilienceHandler", HandlerChain(_ => { }, exporter));
    }

    [Theory]
    [InlineData("GET", true)]
    [InlineData("HEAD", true)]
    [InlineData("POST", false)]
    [InlineData("PUT", false)]
    [InlineData("PATCH", false)]
    [InlineData("DELETE", false)]
    public async Task Only_safe_methods_are_retried(string method, bool retried)
    {
        var options = new HttpStandardResilienceOptions();
        HttpClientDefaults.ForOwnServices(options);
        using var request = new HttpRequestMessage(new HttpMethod(method), "http://licensing/api/hearings");
        var context = ResilienceContextPool.Shared.Get();
        context.SetRequestMessage(request);
        using var failed = new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
        var handled = await options.Retry.ShouldHandle(new RetryPredicateArguments<HttpResponseMessage>(context, Outcome.FromResult(failed), 0));
        ResilienceContextPool.Shared.Return(context);
        Assert.Equal(retried, handled);
    }

    [Fact]
    public void Timeouts_fit_a_large_903_upload()
    {
        var options = new HttpStandardResilienceOptions();
        HttpClientDefaults.ForOwnServices(options);
        Assert.True(options.AttemptTimeout.Timeout >= TimeSpan.FromMinutes(5));
        Assert.True(options.TotalRequestTimeout.Timeout >= options.AttemptTimeout.Timeout);
        Assert.True(options.CircuitBreaker.SamplingDuration >= 2 * options.AttemptTimeout.Timeout);
    }
}
