using Intervention.ServiceDefaults.Security;
using Finance.API.Infrastructure;
using Intervention.Contracts.Finance.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Finance.API.Resilience;

public static class ResilienceEndpoints
{
    public static IEndpointRouteBuilder MapResilience(this IEndpointRouteBuilder app)
    {
        var resilience = app.MapGroup("/api/resilience").WithTags("Resilience");
        resilience.MapPut("/ledger/{year}", PutLedger)
            .WithName("PutLedgerYear")
            .WithSummary("Record a year's ledger totals and usable reserves at its end; the next year's section 114 test is made again");
        resilience.MapGet("/{year}", Indicators).RequireAccess(Access.Aggregate)
            .WithName("GetResilienceIndicators")
            .WithSummary("CIPFA-style resilience indicators for a year, each with its numerator and denominator");

        var s114 = app.MapGroup("/api/section-114").WithTags("Resilience");
        s114.MapGet("/{year}", Assess)
            .WithName("GetSection114Assessment")
            .WithSummary("Whether forecast spending exceeds resources plus usable reserves, with the figures, and the notices logged");
        s114.MapPost("/{year}/notices", LogNotice)
            .WithName("LogSection114Notice")
            .WithSummary("Log a section 114 notice: full council must meet within 21 days");
        return app;
    }

    /// <param name="year">The financial year the totals are for.</param>
    /// <param name="request">The ledger totals and the reserves at 31 March.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="watch">The section 114 test.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Ok<LedgerYearRequest>, ValidationProblem>> PutLedger(
        string year, LedgerYearRequest request, FinanceDb db, Section114Watch watch, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!FinancialYear.TryParse(year, out var fy)) errors["year"] = [FinancialYear.Rule];
        if (request.NetRevenueExpenditure is not > 0) errors["netRevenueExpenditure"] = ["is required and must be more than zero pounds"];
        if (request.TotalServiceExpenditure is not > 0) errors["totalServiceExpenditure"] = ["is required and must be more than zero pounds"];
        foreach (var (field, value) in new[] { ("usableReserves", request.UsableReserves), ("socialCareSpend", request.SocialCareSpend), ("councilTaxIncome", request.CouncilTaxIncome), ("feesAndChargesIncome", request.FeesAndChargesIncome) })
            if (value is not >= 0) errors[field] = ["is required and cannot be negative"];
        if (string.IsNullOrWhiteSpace(request.Source)) errors["source"] = ["is required: where the figures come from"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ledger = await db.Set<LedgerYear>().FindAsync([fy.StartYear], ct);
        if (ledger is null) db.Add(ledger = new LedgerYear { Year = fy.StartYear, Source = request.Source!.Trim() });
        ledger.NetRevenueExpenditure = request.NetRevenueExpenditure!.Value;
        ledger.UsableReserves = request.UsableReserves!.Value;
        ledger.SocialCareSpend = request.SocialCareSpend!.Value;
        ledger.CouncilTaxIncome = request.CouncilTaxIncome!.Value;
        ledger.FeesAndChargesIncome = request.FeesAndChargesIncome!.Value;
        ledger.TotalServiceExpenditure = request.TotalServiceExpenditure!.Value;
        ledger.Source = request.Source!.Trim();
        ledger.RecordedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await watch.CheckAsync(fy.Next, ct); // these reserves are what the next year can fall back on
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(request);
    }

    /// <param name="year">The financial year.</param>
    /// <param name="db">The finance database.</param>
    private static async Task<Results<Ok<ResilienceReport>, NotFound, ValidationProblem>> Indicators(string year, FinanceDb db, CancellationToken ct)
    {
        if (!FinancialYear.TryParse(year, out var fy)) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [FinancialYear.Rule] });
        var ledgers = await db.Set<LedgerYear>().AsNoTracking().Where(l => l.Year <= fy.StartYear && l.Year >= fy.StartYear - 3).ToDictionaryAsync(l => l.Year, ct);
        static LedgerFacts? Facts(LedgerYear? l) => l is null ? null
            : new(l.NetRevenueExpenditure, l.UsableReserves, l.SocialCareSpend, l.CouncilTaxIncome, l.FeesAndChargesIncome, l.TotalServiceExpenditure);
        if (Facts(ledgers.GetValueOrDefault(fy.StartYear)) is not { } facts) return TypedResults.NotFound();
        return TypedResults.Ok(new ResilienceReport(fy.ToString(),
            ResilienceIndicators.Compute(facts, Facts(ledgers.GetValueOrDefault(fy.StartYear - 1)), Facts(ledgers.GetValueOrDefault(fy.StartYear - 3)))));
    }

    /// <param name="year">The financial year.</param>
    /// <param name="watch">The section 114 test.</param>
    private static async Task<Results<Ok<Section114Assessment>, ValidationProblem>> Assess(string year, Section114Watch watch, CancellationToken ct) =>
        FinancialYear.TryParse(year, out var fy)
            ? TypedResults.Ok(await watch.AssessAsync(fy, ct))
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [FinancialYear.Rule] });

    /// <param name="year">The financial year the notice concerns.</param>
    /// <param name="request">When it was issued and by whom.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Created<Section114Notice>, ValidationProblem>> LogNotice(
        string year, Section114NoticeRequest request, FinanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!FinancialYear.TryParse(year, out var fy)) errors["year"] = [FinancialYear.Rule];
        if (request.IssuedOn is null) errors["issuedOn"] = ["is required, yyyy-MM-dd"];
        if (string.IsNullOrWhiteSpace(request.IssuedBy)) errors["issuedBy"] = ["is required: the chief finance officer"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var notice = new Section114NoticeRecord
        {
            Id = Guid.CreateVersion7(), Year = fy.StartYear, IssuedOn = request.IssuedOn!.Value, IssuedBy = request.IssuedBy!.Trim(),
            FullCouncilBy = Section114Test.FullCouncilBy(request.IssuedOn.Value), RecordedAt = clock.GetUtcNow(),
        };
        db.Add(notice);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/section-114/{fy}", new Section114Notice(notice.Id, fy.ToString(), notice.IssuedOn, notice.IssuedBy, notice.FullCouncilBy));
    }
}
