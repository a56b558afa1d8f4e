using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Children.API.Children;

/// <summary>A child known to the service: the council's identifier, the pseudonymous reference and the Stovewood flag.</summary>
public sealed class Child
{
    public Guid Id { get; init; }
    /// <summary>The council's identifier (903 CHILD); never leaves this service.</summary>
    public required string LocalId { get; init; }
    public required string Ref { get; init; }
    /// <summary>Linked to the Operation Stovewood investigation: the cost of their care is claimed separately.</summary>
    public bool Stovewood { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class ChildConfiguration : IEntityTypeConfiguration<Child>
{
    public void Configure(EntityTypeBuilder<Child> b)
    {
        b.ToTable("children");
        b.Property(c => c.LocalId).HasColumnName("child");
    }
}

/// <summary>A 903 episode row, as stored (values as written; live records have no collection year).</summary>
public sealed class EpisodeRecord
{
    public long Id { get; init; }
    public string? CollectionYear { get; init; }
    public int RowNo { get; init; }
    public required string Child { get; init; }
    public required string Decom { get; init; }
    public required string Rne { get; init; }
    public required string Ls { get; init; }
    public required string Cin { get; init; }
    public required string Place { get; init; }
    public required string PlaceProvider { get; init; }
    public string Dec { get; set; } = "";
    public string Rec { get; set; } = "";
    public string ReasonPlaceChange { get; set; } = "";
    public string HomePost { get; init; } = "";
    public string PlPost { get; init; } = "";
    public string Urn { get; init; } = "";
    public DateOnly? DecomOn { get; init; }
    public DateOnly? DecOn { get; set; }
    public decimal? WeeklyCost { get; init; }
}

/// <summary>A 903 header row, as stored.</summary>
public sealed class HeaderRecord
{
    public long Id { get; init; }
    public string? CollectionYear { get; init; }
    public int RowNo { get; init; }
    public required string Child { get; init; }
    public required string Sex { get; init; }
    public required string Dob { get; init; }
    public required string Ethnic { get; init; }
    public string Upn { get; init; } = "";
    public string Mother { get; init; } = "";
    public string McDob { get; init; } = "";
}

internal sealed class EpisodeRecordConfiguration : IEntityTypeConfiguration<EpisodeRecord>
{
    public void Configure(EntityTypeBuilder<EpisodeRecord> b) => b.ToTable("episode_rows");
}

internal sealed class HeaderRecordConfiguration : IEntityTypeConfiguration<HeaderRecord>
{
    public void Configure(EntityTypeBuilder<HeaderRecord> b) => b.ToTable("header_rows");
}
