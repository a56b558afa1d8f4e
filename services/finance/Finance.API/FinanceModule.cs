using Finance.API.Forecast;
using Finance.API.Infrastructure;
using Finance.API.Monitoring;
using Finance.API.Mtfs;
using Finance.API.Resilience;
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
            bus.AddConsumer<ChildBecameLookedAfterConsumer>(typeof(ChildrenEventConsumerDefinition<ChildBecameLookedAfterConsumer>));
            bus.AddConsumer<PlacementChangedConsumer>(typeof(ChildrenEventConsumerDefinition<PlacementChangedConsumer>));
            bus.AddConsumer<ChildCeasedToBeLookedAfterConsumer>(typeof(ChildrenEventConsumerDefinition<ChildCeasedToBeLookedAfterConsumer>));
        });

        // Policy numbers are configuration, with the defaults in code (binding a dictionary onto them overrides per key).
        var configuration = builder.Configuration;
        builder.Services.AddSingleton(Bind(configuration.GetSection("Mtfs:ReferendumLimits"), new ReferendumLimits()));
        builder.Services.AddSingleton(Bind(configuration.GetSection("Forecast:UnitCosts"), new UnitCosts()));
        builder.Services.AddSingleton(Bind(configuration.GetSection("Forecast"), new ForecastOptions()));
        builder.Services.AddSingleton(Bind(configuration.GetSection("Monitoring:Rag"), new RagThresholds()));
        builder.Services.AddSingleton(Bind(configuration.GetSection("Monitoring"), new MonitoringOptions()));
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

    private static T Bind<T>(IConfiguration section, T defaults)
    {
        section.Bind(defaults);
        return defaults;
    }
}
