using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Children.API.Children;

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

internal sealed class HeaderRecordConfiguration : IEntityTypeConfiguration<HeaderRecord>
{
    public void Configure(EntityTypeBuilder<HeaderRecord> b) => b.ToTable("header_rows");
}
