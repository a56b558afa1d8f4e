using Finance.API.Infrastructure;
using Intervention.ServiceDefaults.Authority;
using Intervention.ServiceDefaults.Data;
using Intervention.ServiceDefaults.Messaging;

namespace Finance.API;

public static class FinanceModule
{
    public static IHostApplicationBuilder AddFinance(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<FinanceDb>();
        builder.AddMessaging<FinanceDb>(bus => bus.AddDirectionsCopy());
        return builder;
    }

    public static IEndpointRouteBuilder MapFinance(this IEndpointRouteBuilder app)
    {
        app.MapAuthority();
        return app;
    }
}
