using Intervention.Contracts.Governance;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Intervention.Gateway.Routing;

/// <summary>
/// A service behind the gateway, by its service-discovery name: <see cref="Address"/> is <c>http://&lt;svc&gt;</c>, which
/// service discovery resolves from <c>services:&lt;svc&gt;:http:0</c> when a request or a health check is made.
/// </summary>
public sealed record Downstream(string Name)
{
    public Uri Address { get; } = new($"http://{Name}/");
}

/// <summary>
/// The one public entry point's routes: <c>/&lt;portfolio&gt;/**</c> goes to that portfolio's service
/// with the prefix stripped (<c>/licensing/api/hearings</c> becomes <c>/api/hearings</c>). Destinations
/// are service names resolved by service discovery from <c>services:&lt;svc&gt;:http:0</c>, as an Aspire
/// AppHost gives them.
/// </summary>
public static class PortfolioRoutes
{
    public static readonly string[] Portfolios = [.. PortfolioNames.All];
    /// <summary>
    /// Services behind the gateway that hold no portfolio: <c>/integrations/**</c>, integrators' webhook subscriptions. Routed
    /// when their address is configured; without it the path is unknown (404), as for any other.
    /// </summary>
    public static readonly string[] Optional = ["integrations", Portal];

    /// <summary>
    /// The portal (portal/): every path no portfolio or the gateway itself answers, <c>/</c> and its pages, passed through
    /// whole. The portal signs its people in with its own cookie, so the gateway lets its routes through without a bearer
    /// token; the APIs behind <c>/&lt;portfolio&gt;/api</c> still demand one.
    /// </summary>
    public const string Portal = "portal";

    /// <summary>The services whose address is configured; a missing one is named, never guessed.</summary>
    public static IReadOnlyList<Downstream> FromConfiguration(IConfiguration configuration)
    {
        var missing = Portfolios.Where(name => !IsConfigured(configuration, name)).Select(name => $"services__{name}__http__0").ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"The gateway needs every portfolio service's address; not set: {string.Join(", ", missing)}.");
        return Portfolios.Concat(Optional.Where(name => IsConfigured(configuration, name))).Select(name => new Downstream(name)).ToList();
    }

    private static bool IsConfigured(IConfiguration configuration, string name) =>
        Uri.TryCreate(configuration[$"services:{name}:http:0"], UriKind.Absolute, out _);

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build(IReadOnlyList<Downstream> services, TimeSpan timeout)
    {
        var routes = services.Where(s => s.Name != Portal).Select(s => new RouteConfig
        {
            RouteId = s.Name,
            ClusterId = s.Name,
            Match = new RouteMatch { Path = $"/{s.Name}/{{**rest}}" },
        }
            .WithTransformPathRemovePrefix($"/{s.Name}")
            // Replace, never append, what a caller claims in X-Forwarded-*: the services see the address the gateway saw.
            .WithTransformXForwarded(xDefault: ForwardedTransformActions.Set)).ToList();
        if (services.Any(s => s.Name == Portal))
            routes.Add(new RouteConfig
            {
                RouteId = Portal,
                ClusterId = Portal,
                // After every other route and the gateway's own endpoints (/health, /alive, /openapi): only what they leave.
                Order = int.MaxValue,
                Match = new RouteMatch { Path = "/{**rest}" },
                AuthorizationPolicy = "anonymous",
            }.WithTransformXForwarded(xDefault: ForwardedTransformActions.Set));

        var clusters = services.Select(s => new ClusterConfig
        {
            ClusterId = s.Name,
            Destinations = new Dictionary<string, DestinationConfig> { [s.Name] = new() { Address = s.Address.ToString() } },
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = timeout },
        }).ToList();
        return (routes, clusters);
    }
}
