using Finance.API.Forecast;
using Finance.API.Infrastructure;
using Finance.API.Monitoring;
using Finance.API.Mtfs;
using Finance.API.Resilience;
using Intervention.Contracts.Children;
using Intervention.Directions;
using Intervention.ServiceDefaults.Data;
using Intervention.Messaging;

namespace Finance.API;

public static class FinanceModule
{
    public static IHostApplicationBuilder AddFinance(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<FinanceDb>();
        builder.AddMessaging<FinanceDb>(bus =>
        {
            bus.AddDirectionsCopy();
            bus.AddConsumer<ChildrenPlacementsConsumer>(typeof(ChildrenPlacementsConsumerDefinition));
        });
        // The children's events keep their inbox in the forecast writer's group transactions, not one transaction each.
        builder.Services.AddSingleton(new InboxKeptByConsumer(typeof(ChildBecameLookedAfter)));
        builder.Services.AddSingleton(new InboxKeptByConsumer(typeof(PlacementChanged)));
        builder.Services.AddSingleton(new InboxKeptByConsumer(typeof(ChildCeasedToBeLookedAfter)));
        builder.Services.AddSingleton<ForecastWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ForecastWriter>());

        // Policy numbers are configuration, with the defaults in code (binding a dictionary onto them overrides per key).
        builder.Services.AddOptions<ReferendumLimits>().BindConfiguration(ReferendumLimits.Section);
        builder.Services.AddOptions<UnitCosts>().BindConfiguration(UnitCosts.Section);
        builder.Services.AddOptions<ForecastOptions>().BindConfiguration(ForecastOptions.Section);
        builder.Services.AddOptions<RagThresholds>().BindConfiguration(RagThresholds.Section)
            .Validate(t => t.AmberAtPercent <= t.RedAtPercent, "Monitoring:Rag: AmberAtPercent must not be above RedAtPercent")
            .ValidateOnStart();
        builder.Services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section);
        builder.Services.AddScoped<ChildrenPlacements>();
        builder.Services.AddScoped<Section114Watch>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFinance(this IEndpointRouteBuilder app)
    {
        app.MapAuthority();
        app.MapMtfs();
        app.MapForecast();
        app.MapMonitoring();
        app.MapResilience();
        return app;
    }
}
