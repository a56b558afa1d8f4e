using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Finance.API.Resilience;

/// <summary>A section 114 notice as logged.</summary>
public sealed class Section114NoticeRecord
{
    public Guid Id { get; init; }
    public int Year { get; init; }
    public DateOnly IssuedOn { get; init; }
    public required string IssuedBy { get; init; }
    public DateOnly FullCouncilBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>A notice for <paramref name="year"/> as requested, with the day full council must meet by.</summary>
    public static Section114NoticeRecord Log(FinancialYear year, Section114NoticeRequest request, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Year = year.StartYear,
        IssuedOn = request.IssuedOn!.Value,
        IssuedBy = request.IssuedBy!.Trim(),
        FullCouncilBy = Section114Test.FullCouncilBy(request.IssuedOn.Value),
        RecordedAt = now,
    };

    public Section114Notice ToResponse() => new(Id, new FinancialYear(Year).ToString(), IssuedOn, IssuedBy, FullCouncilBy);
}

internal sealed class Section114NoticeRecordConfiguration : IEntityTypeConfiguration<Section114NoticeRecord>
{
    public void Configure(EntityTypeBuilder<Section114NoticeRecord> b)
    {
        b.ToTable("section114_notices");
        b.HasKey(n => n.Id);
    }
}
