using Integrations.API.Deliveries;
using Integrations.API.Events;
using Integrations.API.Subscriptions;
using Intervention.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.API.Infrastructure;

public sealed class IntegrationsDb(DbContextOptions<IntegrationsDb> options) : ServiceDb(options)
{
    public DbSet<StoredEvent> Events => Set<StoredEvent>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
}
