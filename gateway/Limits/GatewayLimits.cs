using System.Globalization;
using System.Threading.RateLimiting;
using Intervention.ServiceDefaults.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Intervention.Gateway.Limits;

/// <summary>The gateway's limits, bindable from <c>Gateway:Limits</c>.</summary>
public sealed class GatewayLimitOptions
{
    public const string Section = "Gateway:Limits";

    /// <summary>Requests a client may make to one portfolio's routes in each window.</summary>
    public int PermitsPerWindow { get; set; } = 3000;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>All request headers together, in bytes (431 above it).</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;
    public int MaxRequestHeaderCount { get; set; } = 64;
    /// <summary>Origins allowed to call from a browser; none by default, so browsers refuse cross-origin calls.</summary>
    public string[] CorsOrigins { get; set; } = [];
}

/// <summary>
/// Rate limits per client and per portfolio route (429 with Retry-After), header limits, security headers on every answer,
/// and CORS closed unless origins are configured.
/// </summary>
public static class GatewayLimits
{
    private const string CorsPolicy = "configured-origins";

    public static IHostApplicationBuilder AddGatewayLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayLimitOptions>().BindConfiguration(GatewayLimitOptions.Section);
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayLimitOptions>>((kestrel, limits) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.Value.MaxRequestHeadersTotalSize;
            kestrel.Limits.MaxRequestHeaderCount = limits.Value.MaxRequestHeaderCount;
        });
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<GatewayLimitOptions>>((limiter, limits) => LimitEachClientPerPortfolio(limiter, limits.Value));
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<GatewayLimitOptions>>((cors, limits) => cors.AddPolicy(CorsPolicy, policy =>
        {
            if (limits.Value.CorsOrigins.Length > 0)
                policy.WithOrigins(limits.Value.CorsOrigins).AllowAnyMethod().WithHeaders("authorization", "content-type", "traceparent");
        }));
        return builder;
    }

    /// <summary>A fixed window per client and portfolio route; a refused request is told when to try again (429, Retry-After).</summary>
    private static void LimitEachClientPerPortfolio(RateLimiterOptions limiter, GatewayLimitOptions options)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetFixedWindowLimiter($"{ClientOf(context)}|{RouteOf(context)}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.PermitsPerWindow,
                Window = options.Window,
                QueueLimit = 0,
            }));
        limiter.OnRejected = async (rejected, ct) =>
        {
            var context = rejected.HttpContext;
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.Window;
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await GatewayProblem.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
                $"More than {options.PermitsPerWindow} requests to /{RouteOf(context)} in {options.Window.TotalSeconds:0} s from this client; " +
                $"try again after {seconds} s.");
        };
    }

    /// <summary>
    /// First in the pipeline, so that every answer (a 401 too) carries the security headers and a preflight meets CORS
    /// before authentication.
    /// </summary>
    public static WebApplication UseGatewayHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = ContentSecurityPolicy(context.Features.Get<IReverseProxyFeature>()?.Route.Config.RouteId);
                // Answers hold personal and sensitive data: no shared or browser cache keeps them.
                if (!headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";
                headers.Remove("Server"); // the services' own, passed through by the proxy
                if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                return Task.CompletedTask;
            });
            await next();
        });
        if (app.Services.GetRequiredService<IOptions<GatewayLimitOptions>>().Value.CorsOrigins.Length > 0) app.UseCors(CorsPolicy);
        return app;
    }

    /// <summary>
    /// The APIs' answers are data, never a page: nothing may load from them. The portal's pages load their own scripts,
    /// styles, fonts and images and nothing from anywhere else (no inline script or style either).
    /// </summary>
    public static string ContentSecurityPolicy(string? routeId) => routeId == Routing.PortfolioRoutes.Portal
        ? "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; " +
            "base-uri 'self'; frame-ancestors 'none'"
        : "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// After authentication, so that a signed-in caller is limited by identity; a caller without a valid token is
    /// refused with 401 before this.
    /// </summary>
    public static WebApplication UseGatewayRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>A signed-in caller is limited by who they are; anyone else by address.</summary>
    private static string ClientOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? "sub:" + context.User.CallerName() : "ip:" + context.Connection.RemoteIpAddress;

    private static string RouteOf(HttpContext context) =>
        context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
}
