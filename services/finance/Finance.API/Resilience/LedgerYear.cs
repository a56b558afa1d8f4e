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

    /// <summary>The year's totals as requested: a new ledger year, or <paramref name="existing"/> amended.</summary>
    public static LedgerYear Amend(LedgerYear? existing, FinancialYear year, LedgerYearRequest request, DateTimeOffset now)
    {
        var ledger = existing ?? new LedgerYear { Year = year.StartYear, Source = "" };
        ledger.NetRevenueExpenditure = request.NetRevenueExpenditure!.Value;
        ledger.UsableReserves = request.UsableReserves!.Value;
        ledger.SocialCareSpend = request.SocialCareSpend!.Value;
        ledger.CouncilTaxIncome = request.CouncilTaxIncome!.Value;
        ledger.FeesAndChargesIncome = request.FeesAndChargesIncome!.Value;
        ledger.TotalServiceExpenditure = request.TotalServiceExpenditure!.Value;
        ledger.Source = request.Source!.Trim();
        ledger.RecordedAt = now;
        return ledger;
    }

    public LedgerFacts Facts() =>
        new(NetRevenueExpenditure, UsableReserves, SocialCareSpend, CouncilTaxIncome, FeesAndChargesIncome, TotalServiceExpenditure);
}

internal sealed class LedgerYearConfiguration : IEntityTypeConfiguration<LedgerYear>
{
    public void Configure(EntityTypeBuilder<LedgerYear> b)
    {
        b.ToTable("ledger_years");
        b.HasKey(l => l.Year);
    }
}
