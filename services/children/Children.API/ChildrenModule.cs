using Children.API.Casework;
using Children.API.Children;
using Children.API.FrontDoor;
using Children.API.Improvement;
using Children.API.Infrastructure;
using Children.API.Kpis;
using Children.API.ReferenceData;
using Children.API.Returns903;
using Intervention.Directions;
using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Data;
using Intervention.Messaging;
using Microsoft.Extensions.Options;

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
        builder.Services.AddOptions<ChildrenOptions>().BindConfiguration(ChildrenOptions.Section)
            .Validate(options => options.HasReadableReferenceKey, "Children:ReferenceKey must be base64").ValidateOnStart();
        builder.Services.AddSingleton<ChildReferences>();
        builder.Services.AddSingleton(services => new PlacementDecisions(services.GetRequiredService<IOptions<ChildrenOptions>>().Value.Districts));
        builder.Services.AddWorkingCalendar();
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<ChildrenOptions>>().Value;
            return new KpiCalculator(services.GetRequiredService<WorkingCalendar>(), options.Districts, options.Kpis);
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapChildren(this IEndpointRouteBuilder app)
    {
        app.MapAuthority();
        ChildEndpoints.MapChildren(app);
        app.MapReturns();
        app.MapImportFindings();
        app.MapReferenceData();
        app.MapKpis();
        app.MapCasework();
        app.MapFrontDoor();
        app.MapImprovement();
        return app;
    }
}
