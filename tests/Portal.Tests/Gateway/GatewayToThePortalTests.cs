using Intervention.Gateway.Limits;
using Intervention.Gateway.Routing;

namespace Portal.Tests.Gateway;

/// <summary>The gateway's way to the portal: what no API route takes, passed through whole and without a bearer token; the pages' own CSP.</summary>
public sealed class GatewayToThePortalTests
{
    private static readonly IReadOnlyList<Downstream> WithPortal = [new("governance"), new("licensing"), new("children"), new("finance"), new("portal")];

    [Fact]
    public void The_portal_takes_what_no_portfolio_route_takes_whole_and_lets_its_own_cookie_sign_people_in()
    {
        var (routes, clusters) = PortfolioRoutes.Build(WithPortal, TimeSpan.FromSeconds(30));

        var portal = Assert.Single(routes, r => r.RouteId == "portal");
        Assert.Equal("/{**rest}", portal.Match.Path);
        Assert.Equal("anonymous", portal.AuthorizationPolicy);
        Assert.True(routes.Where(r => r.RouteId != "portal").All(r => r.Order is null or < int.MaxValue && portal.Order == int.MaxValue), "the portal's route must come last");
        Assert.DoesNotContain(portal.Transforms ?? [], t => t.ContainsKey("PathRemovePrefix"));
        // The APIs still demand a token: no other route is opened.
        Assert.All(routes.Where(r => r.RouteId != "portal"), r => Assert.Null(r.AuthorizationPolicy));
        Assert.Contains(clusters, c => c.ClusterId == "portal" && c.Destinations!["portal"].Address == "http://portal/");
    }

    [Fact]
    public void Without_the_portal_configured_the_gateway_routes_the_APIs_alone()
    {
        var (routes, _) = PortfolioRoutes.Build(WithPortal.Where(s => s.Name != "portal").ToList(), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(routes, r => r.Match.Path == "/{**rest}");
    }

    [Fact]
    public void The_portals_pages_may_load_their_own_scripts_styles_fonts_and_images_and_nothing_else()
    {
        var policy = GatewayLimits.ContentSecurityPolicy("portal");

        foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "style-src 'self'", "font-src 'self'", "img-src 'self'", "frame-ancestors 'none'" })
            Assert.Contains(directive, policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("*", policy);
    }

    [Fact]
    public void The_APIs_answers_still_load_nothing() =>
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", GatewayLimits.ContentSecurityPolicy("licensing"));
}
