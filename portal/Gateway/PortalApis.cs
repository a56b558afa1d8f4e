using System.Net.Http.Headers;
using Intervention.Contracts.Children.Http;
using Intervention.Contracts.Finance.Http;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Http;
using Intervention.Contracts.Licensing.Http;
using Intervention.Portal.SignIn;
using Microsoft.Extensions.Http.Resilience;

namespace Intervention.Portal.Gateway;

/// <summary>The portal's way to the APIs, bound from <c>Portal</c>.</summary>
public sealed class PortalGatewayOptions
{
    /// <summary>The gateway's address: <c>http://gateway</c>, resolved by service discovery from <c>services__gateway__http__0</c>.</summary>
    public Uri Gateway { get; set; } = new("http://gateway");
    /// <summary>How long a page waits for one API before it says the service is not answering (the rest of the page still shows).</summary>
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The portfolio APIs' Refit clients (contracts/&lt;Portfolio&gt;/Http), through the gateway as every other caller, each call
/// carrying the signed-in person's own token (<see cref="ApiTokens"/>).
/// </summary>
public static class PortalApis
{
    public static IHostApplicationBuilder AddPortalApis(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Portal").Get<PortalGatewayOptions>() ?? new();
        builder.Services.AddSingleton<ApiTokens>();
        builder.Services.AddTransient<PersonsToken>();
        Add<IGovernanceApi>(builder.Services, options);
        Add<IFinanceApi>(builder.Services, options);
        Add<ILicensingApi>(builder.Services, options);
        Add<IChildrenApi>(builder.Services, options);
        return builder;
    }

#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation; it is the library's one way to replace the defaults' handler on one client
    private static void Add<TApi>(IServiceCollection services, PortalGatewayOptions options) where TApi : class
    {
        // Made by InterventionApis, as every other caller makes them: the contracts' generated clients with their wire format
        // (Refit.HttpClientFactory's AddRefitClient asks for Refit's reflection builder, which is not installed).
        var name = typeof(TApi).Name;
        services.AddHttpClient(name, http => http.BaseAddress = options.Gateway)
            .AddHttpMessageHandler<PersonsToken>()
            // A person is waiting: one quick retry of a read, then the page says the service is not answering. The services'
            // own defaults (minutes, for 903 uploads) would keep a page blank while a service is down.
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.Retry.DisableForUnsafeHttpMethods();
                resilience.Retry.MaxRetryAttempts = 1;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
                resilience.AttemptTimeout.Timeout = options.ApiTimeout;
                resilience.TotalRequestTimeout.Timeout = 2 * options.ApiTimeout + TimeSpan.FromSeconds(1);
                resilience.CircuitBreaker.SamplingDuration = 2 * options.ApiTimeout;
            });
        services.AddTransient(sp => InterventionApis.For<TApi>(sp.GetRequiredService<IHttpClientFactory>().CreateClient(name)));
    }
#pragma warning restore EXTEXP0001

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
