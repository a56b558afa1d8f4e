using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Finance.API.Resilience;

/// <summary>A year's totals from the ledger and the usable reserves at its end.</summary>
public sealed class LedgerYear
{
    public int Year { get; init; }
    public decimal NetRevenueExpenditure { get; set; }
    public decimal UsableReserves { get; set; }
    public decimal SocialCareSpend { get; set; }
    public decimal CouncilTaxIncome { get; set; }
    public decimal FeesAndChargesIncome { get; set; }
    public decimal TotalServiceExpenditure { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The year a section 114 risk was raised for, once.</summary>
public sealed class Section114Risk
{
    public int Year { get; init; }
    public Guid EventId { get; init; }
    public decimal ForecastSpending { get; init; }
    public decimal Resources { get; init; }
    public decimal UsableReserves { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
}

/// <summary>A section 114 notice as logged.</summary>
public sealed class Section114NoticeRecord
{
    public Guid Id { get; init; }
    public int Year { get; init; }
    public DateOnly IssuedOn { get; init; }
    public required string IssuedBy { get; init; }
    public DateOnly FullCouncilBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

internal sealed class ResilienceConfiguration :
    IEntityTypeConfiguration<LedgerYear>, IEntityTypeConfiguration<Section114Risk>, IEntityTypeConfiguration<Section114NoticeRecord>
{
    public void Configure(EntityTypeBuilder<LedgerYear> b) { b.ToTable("ledger_years"); b.HasKey(l => l.Year); }
    public void Configure(EntityTypeBuilder<Section114Risk> b) { b.ToTable("section114_risks"); b.HasKey(r => r.Year); }
    public void Configure(EntityTypeBuilder<Section114NoticeRecord> b) { b.ToTable("section114_notices"); b.HasKey(n => n.Id); }
}
