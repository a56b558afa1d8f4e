using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Finance.API.Monitoring;

/// <summary>A cost centre's net budget for a year, as set (virements are kept apart and added when asked).</summary>
public sealed class Budget
{
    public int Year { get; init; }
    public required string CostCentre { get; init; }
    public decimal NetBudget { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The year's budget for the cost centre set to <paramref name="netBudget"/>: a new one, or <paramref name="existing"/> amended.</summary>
    public static Budget Set(Budget? existing, FinancialYear year, string costCentre, decimal netBudget, DateTimeOffset now)
    {
        var budget = existing ?? new Budget { Year = year.StartYear, CostCentre = costCentre };
        budget.NetBudget = netBudget;
        budget.RecordedAt = now;
        return budget;
    }
}

internal sealed class BudgetConfiguration : IEntityTypeConfiguration<Budget>
{
    public void Configure(EntityTypeBuilder<Budget> b)
    {
        b.ToTable("budgets");
        b.HasKey(budget => new { budget.Year, budget.CostCentre });
    }
}
