using Licensing.API.Infrastructure;
using Intervention.ServiceDefaults.Authority;
using Intervention.ServiceDefaults.Data;
using Intervention.ServiceDefaults.Messaging;

namespace Licensing.API;

public static class LicensingModule
{
    public static IHostApplicationBuilder AddLicensing(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<LicensingDb>();
        builder.AddMessaging<LicensingDb>(bus => bus.AddDirectionsCopy());
        return builder;
    }

    public static WebApplication MapLicensing(this WebApplication app)
    {
        app.MapAuthority();
        return app;
    }
}
