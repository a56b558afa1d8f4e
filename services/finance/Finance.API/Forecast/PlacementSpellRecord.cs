using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Finance.API.Forecast;

/// <summary>A child (by pseudonymous reference) in one placement type from a day until another, as the children's events report it.</summary>
public sealed class PlacementSpellRecord
{
    public Guid Id { get; init; }
    public required string ChildRef { get; init; }
    public required string PlacementType { get; init; }
    public bool Stovewood { get; init; }
    public DateOnly StartedOn { get; init; }
    public DateOnly? EndedOn { get; set; }
    public Guid StartedBy { get; init; }
    public Guid? EndedBy { get; set; }
    public DateTimeOffset RecordedAt { get; init; }

    public Spell ToSpell() => new(ChildRef, PlacementType, Stovewood, StartedOn, EndedOn);
}

internal sealed class PlacementSpellConfiguration : IEntityTypeConfiguration<PlacementSpellRecord>
{
    public void Configure(EntityTypeBuilder<PlacementSpellRecord> b)
    {
        b.ToTable("placement_spells");
        b.HasKey(s => s.Id);
        // Declared here as well as in the migration so that EF Core ends a spell before it opens the next one.
        b.HasIndex(s => s.ChildRef).IsUnique().HasFilter("ended_on IS NULL").HasDatabaseName("placement_spells_one_open");
    }
}
