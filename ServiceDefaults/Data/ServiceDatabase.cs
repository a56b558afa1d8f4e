using Intervention.ServiceDefaults.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Intervention.ServiceDefaults.Data;

public static class ServiceDatabase
{
    /// <summary>
    /// The service's PostgreSQL database from <c>ConnectionStrings:&lt;service&gt;db</c>, as
    /// <typeparamref name="TDb"/> (and as <see cref="ServiceDb"/> for the platform's own code), migrated
    /// before anything else starts.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDb>(this IHostApplicationBuilder builder) where TDb : ServiceDb
    {
        var service = builder.ServiceIdentity();
        var connectionString = builder.Configuration.GetConnectionString(service.DatabaseConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{service.DatabaseConnectionName} is not set: name the service's PostgreSQL database.");

        // The service runs as its application role; migrations run as the owner.
        var applicationConnection = ApplicationRole.ConnectionString(connectionString, builder.Configuration, service.DatabaseConnectionName);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<AuditChangeInterceptor>();
        // The audit line of an API change is saved in the change's own SaveChanges (AuditTrail.AuditChanges).
        builder.Services.AddDbContext<TDb>((sp, options) =>
            options.UseNpgsql(applicationConnection).AddInterceptors(sp.GetRequiredService<AuditChangeInterceptor>()));
        builder.Services.AddScoped<ServiceDb>(sp => sp.GetRequiredService<TDb>());
        builder.Services.AddHealthChecks().AddCheck<Http.DatabaseHealthCheck>("database", tags: ["ready"]);
        // Every service with a database keeps its POSTs' Idempotency-Keys in it (platform migration 0003).
        builder.Services.AddIdempotencyKeys(applicationConnection);

        // What the database is built from: the platform's tables (here and in the platform libraries the service
        // adds, which register their own part of the "platform" set), then the service's own migrations.
        builder.Services.AddSingleton(PlatformMigrations);
        builder.Services.AddSingleton(new MigrationSet(service.Name, typeof(TDb).Assembly));
        builder.Services.AddSingleton(sp => new DatabaseMigrations(connectionString, sp.GetServices<MigrationSet>().ToList()));
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Database");
        builder.Services.AddHostedService<MigrateOnStart>();
        return builder;
    }

    /// <summary>ServiceDefaults' part of the "platform" set: the audit trail (0002) and the Idempotency-Keys (0003).</summary>
    public static MigrationSet PlatformMigrations { get; } = new(MigrationSet.PlatformScope, typeof(ServiceDb).Assembly);
}

internal sealed record DatabaseMigrations(string ConnectionString, IReadOnlyList<MigrationSet> Sets);

/// <summary>The <c>Database</c> section, as the migrations at start read it.</summary>
public sealed class DatabaseOptions
{
    /// <summary><c>Database:StartupTimeout</c>: how long the start waits for an unreachable database before failing (60 s).</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <c>Database:AppPassword</c>: the application role's password (none for a local server that trusts loopback). The
    /// connection string is made from it when the service is registered, before options exist; the grant at start reads it here.
    /// </summary>
    public string? AppPassword { get; set; }
}

/// <summary>
/// Applies pending migrations before any other hosted service (the bus, the relay, Kestrel) starts.
/// While the database is unreachable it retries for <c>Database:StartupTimeout</c> (60 s), then fails
/// the start so that whoever runs the process sees it and can restart it.
/// </summary>
internal sealed class MigrateOnStart(DatabaseMigrations database, IOptions<DatabaseOptions> options, ILogger<MigrateOnStart> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken ct)
    {
        var timeout = options.Value.StartupTimeout;
        var deadline = DateTimeOffset.UtcNow + timeout;
        var migrator = new SchemaMigrator(logger);
        while (true)
        {
            try
            {
                await migrator.MigrateAsync(database.ConnectionString, database.Sets, ct);
                await ApplicationRole.GrantAsync(database.ConnectionString, options.Value.AppPassword, ct);
                return;
            }
            catch (Exception e) when (e is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException && DateTimeOffset.UtcNow < deadline)
            {
                logger.LogWarning("Database not reachable yet ({Error}); retrying", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
