using Intervention.ServiceDefaults.Authority;
using Intervention.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Intervention.ServiceDefaults.Data;

/// <summary>
/// Base of every service's DbContext: it carries the platform's own tables (the outbox, the inbox
/// and the service's copy of who holds its functions) beside the service's entities, so that an
/// event row commits in the same transaction as the business change.
/// </summary>
public abstract class ServiceDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<AuthorityAssignment> AuthorityAssignments => Set<AuthorityAssignment>();

    /// <summary>Set by the outbox interceptor when this unit of work added events not yet signalled to the relay.</summary>
    internal bool HasUnsignalledEvents { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new InboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new AuthorityAssignmentConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        // Only where the service has entities of its own (EF warns when an assembly has none).
        if (GetType().Assembly.GetTypes().Any(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>))))
            modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Conventions.Add(_ => new SnakeCaseNames());
    }
}
