using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Intervention.Gateway.Routing;

/// <summary>A portfolio service behind the gateway and where it listens.</summary>
public sealed record Downstream(string Name, Uri Address);

/// <summary>
/// The one public entry point's routes: <c>/&lt;portfolio&gt;/**</c> goes to that portfolio's service
/// with the prefix stripped (<c>/licensing/api/hearings</c> becomes <c>/api/hearings</c>). Addresses
/// come from <c>services:&lt;svc&gt;:http:0</c>, as an Aspire AppHost gives them.
/// </summary>
public static class PortfolioRoutes
{
    public static readonly string[] Portfolios = ["children", "licensing", "governance", "finance"];
    /// <summary>
    /// Services behind the gateway that hold no portfolio: <c>/integrations/**</c>, integrators' webhook subscriptions. Routed
    /// when their address is configured; without it the path is unknown (404), as for any other.
    /// </summary>
    public static readonly string[] Optional = ["integrations"];

    /// <summary>The services whose address is configured; a missing one is named, never guessed.</summary>
    public static IReadOnlyList<Downstream> FromConfiguration(IConfiguration configuration)
    {
        var missing = new List<string>();
        var downstream = new List<Downstream>();
        foreach (var name in Portfolios)
        {
            var address = configuration[$"services:{name}:http:0"];
            if (Uri.TryCreate(address, UriKind.Absolute, out var uri)) downstream.Add(new Downstream(name, uri));
            else missing.Add($"services__{name}__http__0");
        }
        if (missing.Count > 0)
            throw new InvalidOperationException($"The gateway needs every portfolio service's address; not set: {string.Join(", ", missing)}.");
        foreach (var name in Optional)
            if (Uri.TryCreate(configuration[$"services:{name}:http:0"], UriKind.Absolute, out var uri)) downstream.Add(new Downstream(name, uri));
        return downstream;
    }

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build(IReadOnlyList<Downstream> services, TimeSpan timeout)
    {
        var routes = services.Select(s => new RouteConfig
        {
            RouteId = s.Name,
            ClusterId = s.Name,
            Match = new RouteMatch { Path = $"/{s.Name}/{{**rest}}" },
        }
            .WithTransformPathRemovePrefix($"/{s.Name}")
            // Replace, never append, what a caller claims in X-Forwarded-*: the services see the address the gateway saw.
            .WithTransformXForwarded(xDefault: ForwardedTransformActions.Set)).ToList();

        var clusters = services.Select(s => new ClusterConfig
        {
            ClusterId = s.Name,
            Destinations = new Dictionary<string, DestinationConfig> { [s.Name] = new() { Address = s.Address.ToString() } },
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = timeout },
        }).ToList();
        return (routes, clusters);
    }
}
