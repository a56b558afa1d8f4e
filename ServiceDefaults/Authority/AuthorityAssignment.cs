using Intervention.Contracts.Governance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intervention.ServiceDefaults.Authority;

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
