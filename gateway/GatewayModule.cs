using Intervention.ServiceDefaults;
using Intervention.Gateway.Health;
using Intervention.Gateway.Limits;
using Intervention.Gateway.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Yarp.ReverseProxy.Forwarder;

namespace Intervention.Gateway;

public static class GatewayModule
{
    /// <summary>Largest body the gateway forwards: a 903 upload; each service enforces its own, smaller, limits.</summary>
    public const long ForwardedBodyLimit = 256L * 1024 * 1024;

    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var services = PortfolioRoutes.FromConfiguration(builder.Configuration);
        var (routes, clusters) = PortfolioRoutes.Build(services, builder.Configuration.GetValue("Gateway:Timeout", TimeSpan.FromSeconds(30)));
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters).AddServiceDiscoveryDestinationResolver();
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = ForwardedBodyLimit);

        builder.AddGatewayLimits();
        builder.Services.AddHttpClient("health");
        var health = builder.Services.AddHealthChecks();
        foreach (var service in services)
            health.Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
                service.Name, sp => new DownstreamHealthCheck(sp.GetRequiredService<IHttpClientFactory>(), service.Address), null, ["ready"]));
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseGatewayRateLimits();
        // An API path of no portfolio is a 404 problem here, not a page of the portal's (which takes every other path): a
        // portfolio's own route, a literal first segment, always comes before this one.
        app.Map("/{portfolio}/api/{**rest}", (HttpContext context, string portfolio) => GatewayProblem.WriteAsync(context, StatusCodes.Status404NotFound,
            "No such API", $"There is no API at /{portfolio}/api: the APIs are at /{string.Join("/api, /", PortfolioRoutes.Portfolios)}/api."))
                .AllowAnonymous();
        app.MapReverseProxy(proxy => proxy.Use(async (context, next) =>
        {
            // A body over the services' JSON limit is refused here, before it is forwarded: refused by the service
            // half-way through the upload, it would reach the caller as a 502 that invites a retry.
            if (!IsUpload(context.Request) && context.Request.ContentLength > ServiceDefaultsExtensions.JsonBodyLimit)
            {
                await BodyTooLargeAsync(context);
                return;
            }
            // A body sent without a length (chunked) is counted as it is read: past the limit the gateway stops forwarding and
            // answers 413 itself, before the service refuses it mid-stream and the forward fails as a 502.
            if (!IsUpload(context.Request)) context.Request.Body = new CountedBody(context.Request.Body, ServiceDefaultsExtensions.JsonBodyLimit);
            await next();
            // The proxy leaves a failed forward with a bare status: say what happened, as problem details.
            if (context.GetForwarderErrorFeature() is { } error && !context.Response.HasStarted)
            {
                if (IsBodyTooLarge(error.Exception))
                {
                    await BodyTooLargeAsync(context);
                    return;
                }
                var service = context.Features.Get<Yarp.ReverseProxy.Model.IReverseProxyFeature>()?.Route.Config.RouteId ?? "the service";
                var timedOut = error.Error is ForwarderError.RequestTimedOut;
                await GatewayProblem.WriteAsync(context, timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
                    timedOut ? "The service did not answer in time" : "The service could not be reached",
                    $"The gateway could not get an answer from {service} ({error.Error}). Nothing is known to have changed; try again shortly.");
            }
        }));
        return app;
    }

    private static Task BodyTooLargeAsync(HttpContext context) =>
        GatewayProblem.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large", IsUpload(context.Request)
            ? $"A 903 upload may be at most {ForwardedBodyLimit / 1024 / 1024} MB."
            : $"A request body may be at most {ServiceDefaultsExtensions.JsonBodyLimit / 1024} KB (903 uploads excepted).");

    private static bool IsBodyTooLarge(Exception? e) =>
        e is Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || e?.InnerException is { } inner && IsBodyTooLarge(inner);

    /// <summary>The one route whose bodies may exceed the JSON limit: a 903 return's files (POST /children/api/903/imports).</summary>
    private static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/children/api/903/imports", StringComparison.OrdinalIgnoreCase);
}
