using Governance.API.Directions;
using Governance.API.Functions;
using Governance.API.Infrastructure;
using Intervention.ServiceDefaults.Authority;
using Intervention.ServiceDefaults.Data;
using Intervention.ServiceDefaults.Messaging;

namespace Governance.API;

public static class GovernanceModule
{
    public static IHostApplicationBuilder AddGovernance(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<GovernanceDb>();
        // Governance is the system of record for Directions: it writes its register directly and
        // consumes no DirectionsIssued of its own.
        builder.AddMessaging<GovernanceDb>();
        return builder;
    }

    public static WebApplication MapGovernance(this WebApplication app)
    {
        app.MapDirections();
        app.MapFunctions();
        app.MapAuthority();
        return app;
    }
}
