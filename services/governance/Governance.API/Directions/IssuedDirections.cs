using Intervention.Directions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.API.Directions;

/// <summary>
/// Directions issued by a Secretary of State under LGA 1999 s.15, as recorded in the register.
/// Two times: when they take effect and when they were recorded (a decision confirmed late in the
/// day applies from the previous midnight, so the first may precede the second).
/// </summary>
public sealed class IssuedDirections
{
    public Guid Id { get; init; }
    public DateOnly IssuedOn { get; init; }
    public required List<string> IssuedBy { get; init; }
    public DateTimeOffset EffectiveFrom { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public DateOnly? InterventionEndsOn { get; init; }
    public List<AuthorityAssignment> Assignments { get; init; } = [];
}

internal sealed class IssuedDirectionsConfiguration : IEntityTypeConfiguration<IssuedDirections>
{
    public void Configure(EntityTypeBuilder<IssuedDirections> b)
    {
        b.ToTable("directions");
        b.HasKey(d => d.Id);
        b.HasMany(d => d.Assignments).WithOne().HasForeignKey(a => a.DirectionsId);
    }
}
