using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.API.Progress;

/// <summary>Commissioner days for a financial year; what remains is computed, not stored.</summary>
public sealed class CommissionerDaysRecord
{
    public required string Year { get; init; }
    public decimal? AllocatedDays { get; set; }
    public decimal DaysUsed { get; set; }
    public int? Commissioners { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The year's days as the request gives them: <paramref name="existing"/> amended, or a new record (a blank note is none).</summary>
    public static CommissionerDaysRecord Amend(CommissionerDaysRecord? existing, string year, CommissionerDaysRequest request, DateTimeOffset now)
    {
        var record = existing ?? new CommissionerDaysRecord { Year = year };
        record.AllocatedDays = request.AllocatedDays;
        record.DaysUsed = request.DaysUsed!.Value;
        record.Commissioners = request.Commissioners;
        record.Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        record.RecordedAt = now;
        return record;
    }

    public CommissionerDays ToResponse() =>
        new(Year, AllocatedDays, DaysUsed, CommissionerDayRules.Remaining(AllocatedDays, DaysUsed), Commissioners, Note);
}

internal sealed class CommissionerDaysRecordConfiguration : IEntityTypeConfiguration<CommissionerDaysRecord>
{
    public void Configure(EntityTypeBuilder<CommissionerDaysRecord> b)
    {
        b.ToTable("commissioner_days");
        b.HasKey(d => d.Year);
    }
}
