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
        var errors = ResilienceRequests.Validate(year, request, out var financialYear);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.Set<LedgerYear>().FindAsync([financialYear.StartYear], ct);
        var ledger = LedgerYear.Amend(existing, financialYear, request, clock.GetUtcNow());
        if (existing is null) db.Add(ledger);
        await db.SaveChangesAsync(ct);
        await watch.CheckAsync(financialYear.Next, ct); // these reserves are what the next year can fall back on
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(request);
    }

    /// <param name="year">The financial year.</param>
    /// <param name="db">The finance database.</param>
    private static async Task<Results<Ok<ResilienceReport>, NotFound, ValidationProblem>> Indicators(string year, FinanceDb db, CancellationToken ct)
    {
        if (!FinancialYear.TryParse(year, out var financialYear)) return YearProblem();
        var first = financialYear.StartYear - 3;
        var ledgers = await db.Set<LedgerYear>().AsNoTracking()
            .Where(l => l.Year <= financialYear.StartYear && l.Year >= first).ToDictionaryAsync(l => l.Year, ct);
        if (ledgers.GetValueOrDefault(financialYear.StartYear)?.Facts() is not { } facts) return TypedResults.NotFound();
        var indicators = ResilienceIndicators.Compute(facts,
            ledgers.GetValueOrDefault(financialYear.StartYear - 1)?.Facts(), ledgers.GetValueOrDefault(first)?.Facts());
        return TypedResults.Ok(new ResilienceReport(financialYear.ToString(), indicators));
    }

    /// <param name="year">The financial year.</param>
    /// <param name="watch">The section 114 test.</param>
    private static async Task<Results<Ok<Section114Assessment>, ValidationProblem>> Assess(string year, Section114Watch watch, CancellationToken ct) =>
        FinancialYear.TryParse(year, out var financialYear) ? TypedResults.Ok(await watch.AssessAsync(financialYear, ct)) : YearProblem();

    /// <param name="year">The financial year the notice concerns.</param>
    /// <param name="request">When it was issued and by whom.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Created<Section114Notice>, ValidationProblem>> LogNotice(
        string year, Section114NoticeRequest request, FinanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = ResilienceRequests.Validate(year, request, out var financialYear);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var notice = Section114NoticeRecord.Log(financialYear, request, clock.GetUtcNow());
        db.Add(notice);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/section-114/{financialYear}", notice.ToResponse());
    }

    private static ValidationProblem YearProblem() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [FinancialYear.Rule] });
}
