using Children.API.Casework;
using Children.API.Children;
using Children.API.FrontDoor;
using Children.API.Improvement;
using Children.API.Infrastructure;
using Children.API.Kpis;
using Children.API.Returns903;
using Intervention.Directions;
using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Data;
using Intervention.Messaging;

namespace Children.API;

public static class ChildrenModule
{
    public static IHostApplicationBuilder AddChildren(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ChildrenDb>();
        builder.AddMessaging<ChildrenDb>(bus =>
        {
            bus.AddDirectionsCopy();
            bus.AddConsumer<SafeguardingConcernRaisedConsumer>();
        });
        builder.Services.AddSingleton<ChildReferences>();
        builder.Services.AddSingleton(sp => PlacementDecisions.From(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var districts = configuration.GetSection("Children:HomeDistricts").Get<string[]>() is { Length: > 0 } d ? d : PlacementDecisions.RotherhamDistricts;
            return new KpiCalculator(WorkingCalendar.From(configuration), districts, configuration.GetSection("Children:Kpis").Get<KpiPolicy>() ?? new KpiPolicy());
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapChildren(this IEndpointRouteBuilder app)
    {
        app.MapAuthority();
        ChildEndpoints.MapChildren(app);
        app.MapReturns();
        app.MapKpis();
        app.MapCasework();
        app.MapFrontDoor();
        app.MapImprovement();
        return app;
    }
}
