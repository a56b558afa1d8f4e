using Governance.API.Decisions;
using Governance.API.Directions;
using Governance.API.Functions;
using Governance.API.Infrastructure;
using Governance.API.Progress;
using Governance.API.Restoration;
using Intervention.Directions;
using Intervention.ServiceDefaults.Data;
using Intervention.Messaging;

namespace Governance.API;

public static class GovernanceModule
{
    public static IHostApplicationBuilder AddGovernance(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<GovernanceDb>();
        // Governance is the system of record for Directions: it writes its register directly and
        // consumes no DirectionsIssued of its own.
        builder.Services.AddDirectionsInForce();
        builder.AddMessaging<GovernanceDb>(bus => bus.AddConsumer<DecisionRecordedConsumer>());
        builder.Services.AddDecisionCalendar();
        builder.AddRestoration();
        return builder;
    }

    public static IEndpointRouteBuilder MapGovernance(this IEndpointRouteBuilder app)
    {
        app.MapDirections();
        app.MapFunctions();
        app.MapAuthority();
        app.MapDecisions();
        app.MapRestoration();
        app.MapProgress();
        return app;
    }
}
