using Intervention.ServiceDefaults;
using Intervention.Contracts;
using Intervention.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Intervention.Messaging;

/// <summary>Settings of consumer retries (section <c>Messaging:Retry</c>).</summary>
public sealed class RetryOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "Messaging:Retry";

    public int Limit { get; set; } = 5;
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan IntervalDelta { get; set; } = TimeSpan.FromMilliseconds(500);
}

public static class MessagingExtensions
{
    /// <summary>
    /// This library's part of the "platform" migration scope: 0001, which created the outbox and the inbox (and, before
    /// the Directions became a library of their own, <c>authority_assignments</c>: applied migrations are history, so it
    /// stays whole). Recorded as <c>platform 0001_outbox_inbox_authority</c> with its checksum, as it always was.
    /// </summary>
    public static MigrationSet Migrations { get; } = new(MigrationSet.PlatformScope, typeof(MessagingExtensions).Assembly);

    /// <summary>
    /// MassTransit over RabbitMQ from <c>ConnectionStrings:messaging</c>, with the outbox relay for
    /// <typeparamref name="TDb"/>, the inbox around every consumer, retries with back-off and then the
    /// queue's <c>_error</c> queue. Queues are named <c>&lt;service&gt;-&lt;event&gt;</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDb>(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? consumers = null)
        where TDb : ServiceDb
    {
        var service = builder.ServiceIdentity();
        var connectionString = builder.Configuration.GetConnectionString("messaging")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:messaging is not set: name the RabbitMQ server, e.g. amqp://guest:guest@localhost:5672/.");

        // The outbox and inbox tables live in the service's own database, so an event commits with its change.
        builder.Services.AddServiceDbTables("Intervention.Messaging", MessagingTables.Configure);
        builder.Services.AddSingleton(Migrations);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxCommitInterceptor>();
        builder.Services.ConfigureDbContext<TDb>((sp, options) => options.AddInterceptors(sp.GetRequiredService<OutboxCommitInterceptor>()));

        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("Outbox");
        builder.Services.AddOptions<RetryOptions>().BindConfiguration(RetryOptions.Section);
        builder.Services.AddHostedService<OutboxRelay<TDb>>();

        builder.Services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service.Name + "-", includeNamespace: false));
            consumers?.Invoke(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                var retry = context.GetRequiredService<IOptions<RetryOptions>>().Value;
                cfg.Host(new Uri(connectionString));
                cfg.ConfigureJsonSerializerOptions(options => ContractJson.Apply(options));
                cfg.UseMessageRetry(r =>
                {
                    r.Exponential(retry.Limit, retry.MinInterval, retry.MaxInterval, retry.IntervalDelta);
                    r.Ignore<MessageRefusedException>(); // retrying a refused message only delays its arrival in _error
                });
                cfg.UseConsumeFilter(typeof(InboxFilter<>), context);
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
