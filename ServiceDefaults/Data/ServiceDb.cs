using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Intervention.ServiceDefaults.Data;

/// <summary>
/// Tables a platform library keeps in every service's database that uses it, beside the service's own (the outbox and
/// the inbox, the Directions in force). The library registers one when it is added to a service; <see cref="ServiceDb"/>
/// maps them, so that its rows commit in the same transaction as the business change.
/// </summary>
public sealed record ServiceDbTables(string Library, Action<ModelBuilder> Configure);

public static class ServiceDbTablesExtensions
{
    /// <summary>Adds a library's tables to the service's <see cref="ServiceDb"/> (once, however often it is called).</summary>
    public static IServiceCollection AddServiceDbTables(this IServiceCollection services, string library, Action<ModelBuilder> configure)
    {
        if (!services.Any(d => d.ServiceType == typeof(ServiceDbTables) && d.ImplementationInstance is ServiceDbTables { } t && t.Library == library))
            services.AddSingleton(new ServiceDbTables(library, configure));
        return services;
    }
}

/// <summary>
/// Base of every service's DbContext: it carries the platform's tables (the audit trail, and those the platform
/// libraries the service uses register as <see cref="ServiceDbTables"/>) beside the service's entities.
/// </summary>
public abstract class ServiceDb(DbContextOptions options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        var services = this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        foreach (var tables in services?.GetServices<ServiceDbTables>() ?? [])
            tables.Configure(modelBuilder);
        // Only where the service has entities of its own (EF warns when an assembly has none).
        if (GetType().Assembly.GetTypes().Any(t => !t.IsAbstract
            && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>))))
            modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Conventions.Add(_ => new SnakeCaseNames());
    }
}
