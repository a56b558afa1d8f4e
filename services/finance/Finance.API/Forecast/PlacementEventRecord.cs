using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Finance.API.Forecast;

/// <summary>What a children's event did to a child's placement.</summary>
public enum PlacementEventKind
{
    /// <summary>The child came into care (<c>ChildBecameLookedAfter</c>).</summary>
    Start,
    /// <summary>The child moved placement (<c>PlacementChanged</c>).</summary>
    Move,
    /// <summary>The child left care (<c>ChildCeasedToBeLookedAfter</c>).</summary>
    End,
}

/// <summary>
/// A children's event as finance keeps it: the facts its child's spells are made from, in the order the children's service
/// recorded them (<see cref="OccurredAt"/>), not the order they arrived in.
/// </summary>
public sealed class PlacementEventRecord
{
    public Guid EventId { get; init; }
    public required string ChildRef { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public PlacementEventKind Kind { get; init; }
    public DateOnly HappenedOn { get; init; }
    /// <summary>The placement type it opened; null for an end.</summary>
    public string? PlacementType { get; init; }
    public bool Stovewood { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

internal sealed class PlacementEventConfiguration : IEntityTypeConfiguration<PlacementEventRecord>
{
    public void Configure(EntityTypeBuilder<PlacementEventRecord> b)
    {
        b.ToTable("placement_events");
        b.HasKey(e => e.EventId);
        b.Property(e => e.Kind).HasConversion<string>();
    }
}
