using Intervention.Contracts.Governance;
using Intervention.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intervention.Directions;

/// <summary>
/// One function's assignment under one Directions, with both of its times: when it takes effect
/// and when it was recorded. Rows are never updated: the history is the register.
/// </summary>
public sealed class AuthorityAssignment
{
    public Guid DirectionsId { get; init; }
    public required string Function { get; init; }
    public Contracts.Governance.Authority Authority { get; init; }
    public Oversight Oversight { get; init; }
    public DateTimeOffset EffectiveFrom { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

internal sealed class AuthorityAssignmentConfiguration : IEntityTypeConfiguration<AuthorityAssignment>
{
    public void Configure(EntityTypeBuilder<AuthorityAssignment> b)
    {
        b.ToTable("authority_assignments");
        b.HasKey(a => new { a.DirectionsId, a.Function });
        b.Property(a => a.Authority).HasConversion<string>();
        b.Property(a => a.Oversight).HasConversion<string>();
    }
}

/// <summary>The Directions in force as a set of the service's <see cref="ServiceDb"/>.</summary>
public static class DirectionsTables
{
    extension(ServiceDb db)
    {
        public DbSet<AuthorityAssignment> AuthorityAssignments => db.Set<AuthorityAssignment>();
    }

    /// <summary>
    /// Maps <c>authority_assignments</c> in the service's database: governance's register, or a service's own copy. The
    /// table itself was created by the platform's migration 0001 (in Intervention.Messaging), in every service's database.
    /// </summary>
    public static IServiceCollection AddDirectionsInForce(this IServiceCollection services) =>
        services.AddServiceDbTables("Intervention.Directions", model => model.ApplyConfiguration(new AuthorityAssignmentConfiguration()));
}
