using System.Net.Http.Headers;
using Intervention.Contracts.Children.Http;
using Intervention.Contracts.Finance.Http;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Http;
using Intervention.Contracts.Licensing.Http;
using Intervention.Portal.SignIn;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Intervention.Portal.Gateway;

/// <summary>The portal's way to the APIs, bound from <c>Portal</c>.</summary>
public sealed class PortalGatewayOptions
{
    public const string Section = "Portal";

    /// <summary>The gateway's address: <c>http://gateway</c>, resolved by service discovery from <c>services__gateway__http__0</c>.</summary>
    public Uri Gateway { get; set; } = new("http://gateway");
    /// <summary>How long a page waits for one API before it says the service is not answering (the rest of the page still shows).</summary>
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>
    /// How long the children's API may take over one call: a whole 903 year is uploaded and validated in one request (a few
    /// seconds on a loaded machine for a large authority), which a page's <see cref="ApiTimeout"/> would cut off. The children's
    /// pages then wait this long for a service that hangs; one that is down is refused at once and its page says so.
    /// Under HttpClient's own 100 s.
    /// </summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromSeconds(90);
}

/// <summary>
/// The portfolio APIs' Refit clients (contracts/&lt;Portfolio&gt;/Http), through the gateway as every other caller, each call
/// carrying the signed-in person's own token (<see cref="ApiTokens"/>).
/// </summary>
public static class PortalApis
{
    public static IHostApplicationBuilder AddPortalApis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PortalGatewayOptions>().BindConfiguration(PortalGatewayOptions.Section);
        builder.Services.AddSingleton<ApiTokens>();
        builder.Services.AddTransient<PersonsToken>();
        Add<IGovernanceApi>(builder.Services);
        Add<IFinanceApi>(builder.Services);
        Add<ILicensingApi>(builder.Services);
        Add<IChildrenApi>(builder.Services, options => options.UploadTimeout);
        AddGatewayHealth(builder.Services);
        return builder;
    }

    // RemoveAllResilienceHandlers is marked for evaluation; it is the library's one way to replace the defaults' handler on one client.
#pragma warning disable EXTEXP0001
    private static void Add<TApi>(IServiceCollection services, Func<PortalGatewayOptions, TimeSpan>? timeout = null) where TApi : class
    {
        // Made by InterventionApis, as every other caller makes them: the contracts' generated clients with their wire format
        // (Refit.HttpClientFactory's AddRefitClient asks for Refit's reflection builder, which is not installed).
        var name = typeof(TApi).Name;
        services.AddHttpClient(name, (provider, http) => http.BaseAddress = GatewayOptions(provider).Gateway)
            .AddHttpMessageHandler<PersonsToken>()
            // A person is waiting: one quick retry of a read, then the page says the service is not answering. The services'
            // own defaults (minutes, for 903 uploads) would keep a page blank while a service is down.
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler().Configure((resilience, provider) =>
            {
                var options = GatewayOptions(provider);
                var attempt = timeout?.Invoke(options) ?? options.ApiTimeout;
                resilience.Retry.DisableForUnsafeHttpMethods();
                resilience.Retry.MaxRetryAttempts = 1;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
                resilience.AttemptTimeout.Timeout = attempt;
                resilience.TotalRequestTimeout.Timeout = 2 * attempt + TimeSpan.FromSeconds(1);
                resilience.CircuitBreaker.SamplingDuration = 2 * attempt;
            });
        services.AddTransient(sp => InterventionApis.For<TApi>(sp.GetRequiredService<IHttpClientFactory>().CreateClient(name)));
    }
    // The ops page: the gateway's own health report, with the person's token. The gateway answers 503 when a service is down:
    // that is the answer, not a failure to retry.
    private static void AddGatewayHealth(IServiceCollection services) =>
        services.AddHttpClient(Ops.ServiceHealth.Client, (provider, http) =>
            {
                var options = GatewayOptions(provider);
                (http.BaseAddress, http.Timeout) = (options.Gateway, options.ApiTimeout);
            })
            .AddHttpMessageHandler<PersonsToken>()
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

    private static PortalGatewayOptions GatewayOptions(IServiceProvider provider) => provider.GetRequiredService<IOptions<PortalGatewayOptions>>().Value;

    /// <summary>Adds the signed-in person's bearer token to each call.</summary>
    private sealed class PersonsToken(IHttpContextAccessor http, ApiTokens tokens) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (http.HttpContext is { } context && await tokens.ForAsync(context) is { } token)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
