using Integrations.API.Deliveries;
using Integrations.API.Events;
using Integrations.API.Infrastructure;
using Integrations.API.Subscriptions;
using Intervention.ServiceDefaults.Data;
using Intervention.ServiceDefaults.Http;
using Intervention.Messaging;
using Intervention.ServiceDefaults.Security;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Integrations.API;

/// <summary>
/// Webhooks for integrators outside the council's network: every published event is consumed from RabbitMQ, stored once
/// and delivered as a signed CloudEvent to each subscription that asked for its type, retried with back-off, then parked.
/// This service holds no portfolio: its endpoints need the <c>integrator</c> role.
/// </summary>
public static class IntegrationsModule
{
    public const string IntegratorPolicy = "integrator";

    public static IHostApplicationBuilder AddIntegrations(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IntegrationsDb>();
        builder.AddMessaging<IntegrationsDb>(bus =>
        {
            // One consumer, on its own queue, per event contract: a new contract is picked up without a change here.
            foreach (var contract in EventContracts.All)
                bus.AddConsumer(typeof(EventConsumer<>).MakeGenericType(contract), typeof(EventConsumerDefinition<>).MakeGenericType(contract));
        });
        builder.Services.AddAuthorization(authorization => authorization.AddPolicy(IntegratorPolicy, policy => policy.RequireAuthenticatedUser()
            .RequireRole(Roles.Integrator)));

        builder.Services.AddOptions<SubscriptionOptions>().BindConfiguration(SubscriptionOptions.Section);
        builder.Services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section);
        builder.Services.AddSingleton(services => new DeliverySchedule(services.GetRequiredService<IOptions<DeliveryOptions>>().Value));
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddHttpClient(DeliveryWorker.HttpClientName, (services, client) =>
                client.Timeout = services.GetRequiredService<IOptions<DeliveryOptions>>().Value.Timeout + TimeSpan.FromSeconds(5))
            // Deliveries keep their own schedule (DeliverySchedule) and timeout: no standard resilience handler here.
            .ForOutsideAddresses()
            // A redirect would send a signed event somewhere the subscriber did not register; an address inside the network is refused.
            .ConfigurePrimaryHttpMessageHandler(services =>
                PublicAddresses.Handler(services.GetRequiredService<IOptions<SubscriptionOptions>>().Value.AllowHttpLoopback));
        builder.Services.AddHostedService<DeliveryWorker>();
        return builder;
    }

    public static IEndpointRouteBuilder MapIntegrations(this IEndpointRouteBuilder app)
    {
        app.MapSubscriptions();
        app.MapDeliveries();
        return app;
    }
}
