using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.API.Progress;

/// <summary>One corporate plan measure in one quarter: the facts the percentages are computed from.</summary>
public sealed class CorporateMeasureRecord
{
    public required string Year { get; init; }
    public int Quarter { get; init; }
    public required string Measure { get; init; }
    public bool? OnTarget { get; set; }
    public DirectionOfTravel? Direction { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The measure in the quarter as the request says: <paramref name="existing"/> amended, or a new one.</summary>
    public static CorporateMeasureRecord Amend(CorporateMeasureRecord? existing, string year, int quarter, string measure,
        CorporateMeasureRequest request, DateTimeOffset now)
    {
        var record = existing ?? new CorporateMeasureRecord { Year = year, Quarter = quarter, Measure = measure };
        record.OnTarget = request.OnTarget;
        record.Direction = request.Direction;
        record.RecordedAt = now;
        return record;
    }

    public CorporateMeasure ToResponse() => new(Measure, OnTarget, Direction);
}

internal sealed class CorporateMeasureRecordConfiguration : IEntityTypeConfiguration<CorporateMeasureRecord>
{
    public void Configure(EntityTypeBuilder<CorporateMeasureRecord> b)
    {
        b.ToTable("corporate_plan_measures");
        b.HasKey(m => new { m.Year, m.Quarter, m.Measure });
        b.Property(m => m.Direction).HasConversion<string>();
    }
}
