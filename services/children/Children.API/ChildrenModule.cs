using Children.API.Infrastructure;
using Intervention.ServiceDefaults.Authority;
using Intervention.ServiceDefaults.Data;
using Intervention.ServiceDefaults.Messaging;

namespace Children.API;

public static class ChildrenModule
{
    public static IHostApplicationBuilder AddChildren(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ChildrenDb>();
        builder.AddMessaging<ChildrenDb>(bus => bus.AddDirectionsCopy());
        return builder;
    }

    public static IEndpointRouteBuilder MapChildren(this IEndpointRouteBuilder app)
    {
        app.MapAuthority();
        return app;
    }
}
