using Finance.API.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Finance.API.Monitoring;

/// <summary>A cost centre's budget for a year as it stands: the budget set plus virements in, less virements out.</summary>
public static class Budgets
{
    public static async Task<Dictionary<(int Year, string CostCentre), decimal>> CurrentAsync(FinanceDb db,
        int? year = null, string? costCentre = null, int? fromYear = null, CancellationToken ct = default)
    {
        var budgets = db.Budgets.AsNoTracking();
        var virements = db.Virements.AsNoTracking();
        if (year is { } y) { budgets = budgets.Where(b => b.Year == y); virements = virements.Where(v => v.Year == y); }
        if (fromYear is { } f) { budgets = budgets.Where(b => b.Year >= f); virements = virements.Where(v => v.Year >= f); }
        if (costCentre is not null)
        {
            budgets = budgets.Where(b => b.CostCentre == costCentre);
            virements = virements.Where(v => v.FromCostCentre == costCentre || v.ToCostCentre == costCentre);
        }
        var answer = (await budgets.ToListAsync(ct)).ToDictionary(b => (b.Year, b.CostCentre), b => b.NetBudget);
        foreach (var v in await virements.ToListAsync(ct))
        {
            if (costCentre is null || v.FromCostCentre == costCentre)
                answer[(v.Year, v.FromCostCentre)] = answer.GetValueOrDefault((v.Year, v.FromCostCentre)) - v.Amount;
            if (costCentre is null || v.ToCostCentre == costCentre)
                answer[(v.Year, v.ToCostCentre)] = answer.GetValueOrDefault((v.Year, v.ToCostCentre)) + v.Amount;
        }
        return answer;
    }
}
