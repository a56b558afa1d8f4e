using Intervention.Portal.Gateway;
using Intervention.Portal.SignIn;
using Microsoft.AspNetCore.HttpOverrides;

namespace Intervention.Portal;

/// <summary>
/// The portal: Razor Pages rendered on the server, one folder per feature (Overview/, Finance/, Licensing/, SignIn/), in the
/// GOV.UK Design System's look (govuk-frontend, vendored into wwwroot/govuk). Every page needs a signed-in person; every
/// figure comes from the portfolio APIs through the gateway with that person's own token.
/// </summary>
public static class PortalModule
{
    public static IHostApplicationBuilder AddPortal(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/";
            pages.Conventions.AllowAnonymousToFolder("/SignIn");
        });
        builder.AddPortalSignIn();
        builder.AddPortalApis();
        builder.Services.AddOptions<Ops.OpsOptions>().BindConfiguration(Ops.OpsOptions.Section);
        builder.Services.AddTransient<Ops.ServiceHealth>();
        // The gateway is the one way in: it says which host and scheme the person used (the OpenID Connect redirect
        // address is built from them). It replaces, never appends, what a caller claims (PortfolioRoutes).
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
        });
        return builder;
    }

    /// <summary>Before authentication: the forwarded scheme and host, and the vendored assets, which need no sign-in.</summary>
    public static WebApplication UsePortalFront(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Versioned by govuk-frontend's release (see wwwroot/govuk/VERSION.txt): a day's cache is safe.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=86400",
        });
        return app;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        app.MapRazorPages();
        // Any other path: GOV.UK's "Page not found", not the status code pages' problem details (those are for the APIs).
        app.MapFallbackToPage("/Errors/NotFound");
        return app;
    }
}
