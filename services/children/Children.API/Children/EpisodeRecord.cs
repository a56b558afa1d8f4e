using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Children.API.Children;

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

internal sealed class EpisodeRecordConfiguration : IEntityTypeConfiguration<EpisodeRecord>
{
    public void Configure(EntityTypeBuilder<EpisodeRecord> b) => b.ToTable("episode_rows");
}
