using Finance.API.Forecast;
using Finance.API.Infrastructure;
using Finance.API.Resilience;
using Intervention.Contracts.Finance;
using Intervention.Contracts.Finance.Http;
using Intervention.Contracts.Http;
using Intervention.ServiceDefaults.Http;
using Intervention.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Finance.API.Monitoring;

public static class MonitoringEndpoints
{
    public const string ManagementActionRule = "management-action-required";
    public const string CabinetApprovalRule = "virement-needs-cabinet-approval";
    public const string DemandLedRule = "forecast-is-demand-led";

    public static IEndpointRouteBuilder MapMonitoring(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/monitoring").WithTags("Monitoring");
        group.MapPut("/directorates/{code}", PutDirectorate).WithName("PutDirectorate").WithSummary("Record or rename a directorate");
        group.MapPut("/cost-centres/{code}", PutCostCentre).WithName("PutCostCentre").WithSummary("Record a cost centre within a directorate");
        group.MapPut("/{year}/budgets/{costCentre}", PutBudget).WithName("PutBudget").WithSummary("Set a cost centre's net budget for a year");
        group.MapPut("/{year}/virements/{id:guid}", PutVirement)
            .WithName("PutVirement")
            .WithSummary("Move budget between cost centres; above the threshold (£500k by default) only with a Cabinet decision (409 " +
                         "virement-needs-cabinet-approval)");
        group.MapPut("/{year}/forecasts/{month:int}/{costCentre}", PutForecast)
            .WithName("PutForecastReturn")
            .WithSummary("Record a month's forecast for a cost centre: actuals to date + forecast for the rest of the year")
            .WithDescription("A forecast outturn worse than the previous month's (or, for the first return, over budget) needs a management " +
                             "action (LGA 2003 s.28): else 409 management-action-required. " +
                             "The children's placements cost centre is forecast from demand, not by return (409 forecast-is-demand-led). " +
                             "A RAG crossing publishes ForecastOutturnChanged.");
        group.MapPut("/savings/{code}", PutSavings).WithName("PutSavingsProposal").WithSummary("Record a savings proposal with owner, value, delivery and RAG");
        group.MapGet("/{year}", Report)
            .WithName("GetMonitoring")
            .WithSummary("The year's monitoring at a month: budget, forecast outturn, variance and RAG per cost centre and directorate, savings at " +
                         "risk included");
        return app;
    }

    /// <param name="code">The directorate's code, e.g. <c>children-and-young-peoples-services</c>.</param>
    /// <param name="request">Its name.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Ok<DirectorateRequest>, ValidationProblem>> PutDirectorate(
        string code, DirectorateRequest request, FinanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = MonitoringRequests.Validate(code, request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var existing = await db.Directorates.FindAsync([code], ct);
        var directorate = Directorate.Amend(existing, code, request.Name!, clock.GetUtcNow());
        if (existing is null) db.Directorates.Add(directorate);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(request);
    }

    /// <param name="code">The cost centre's code, e.g. <c>children-placements</c>.</param>
    /// <param name="request">Its directorate and name.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Ok<CostCentreRequest>, ValidationProblem>> PutCostCentre(
        string code, CostCentreRequest request, FinanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var directorateRecorded = request.Directorate is not null && await db.Directorates.AnyAsync(d => d.Code == request.Directorate, ct);
        var errors = MonitoringRequests.Validate(code, request, directorateRecorded);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var existing = await db.CostCentres.FindAsync([code], ct);
        var centre = CostCentre.Amend(existing, code, request, clock.GetUtcNow());
        if (existing is null) db.CostCentres.Add(centre);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(request);
    }

    /// <param name="year">The financial year, <c>2017-18</c>.</param>
    /// <param name="costCentre">The cost centre's code.</param>
    /// <param name="request">The net budget.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Ok<BudgetRequest>, ValidationProblem>> PutBudget(
        string year, string costCentre, BudgetRequest request, FinanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var recorded = await db.CostCentres.AnyAsync(c => c.Code == costCentre, ct);
        var errors = MonitoringRequests.Validate(year, costCentre, request, recorded, out var financialYear);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var existing = await db.Budgets.FindAsync([financialYear.StartYear, costCentre], ct);
        var budget = Budget.Set(existing, financialYear, costCentre, request.NetBudget!.Value, clock.GetUtcNow());
        if (existing is null) db.Budgets.Add(budget);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(request);
    }

    /// <param name="year">The financial year.</param>
    /// <param name="id">The virement's id, chosen by the caller (the same id again is the same virement).</param>
    /// <param name="request">From, to, amount, reason and the approving decision.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="options">The Cabinet threshold.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Created<VirementRequest>, Ok<VirementRequest>, ValidationProblem, ProblemHttpResult>> PutVirement(
        string year, Guid id, VirementRequest request, FinanceDb db, IOptions<MonitoringOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var fromRecorded = request.From is not null && await db.CostCentres.AnyAsync(c => c.Code == request.From, ct);
        var toRecorded = request.To is not null && await db.CostCentres.AnyAsync(c => c.Code == request.To, ct);
        var errors = MonitoringRequests.Validate(year, request, fromRecorded, toRecorded, out var financialYear);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var existing = await db.Virements.FindAsync([id], ct);
        var decided = Virement.Record(existing, id, financialYear, request, options.Value.VirementCabinetThreshold, clock.GetUtcNow());
        if (decided.Refused is { } broken) return broken.AsProblem();
        if (decided.Changes == existing) return TypedResults.Ok(request);
        db.Virements.Add(decided.Changes!);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/monitoring/{financialYear}/virements/{id}", request);
    }

    /// <param name="year">The financial year.</param>
    /// <param name="month">The period, 1 (April) to 12 (March).</param>
    /// <param name="costCentre">The cost centre.</param>
    /// <param name="request">Actuals to date, forecast for the rest of the year, management action.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="rag">The RAG thresholds.</param>
    /// <param name="section114">The section 114 test, made again with the new forecast.</param>
    /// <param name="forecastOptions">Which cost centre's forecast is demand-led, not returned monthly.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Ok<CostCentreMonitoring>, ValidationProblem, ProblemHttpResult>> PutForecast(
        string year, int month, string costCentre, ForecastReturnRequest request, FinanceDb db, IOptions<RagThresholds> rag, Section114Watch section114,
        IOptions<ForecastOptions> forecastOptions, TimeProvider clock, CancellationToken ct)
    {
        var centre = await db.CostCentres.AsNoTracking().FirstOrDefaultAsync(c => c.Code == costCentre, ct);
        var errors = MonitoringRequests.Validate(year, month, costCentre, request, centre is not null, out var financialYear);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (ForecastReturn.DemandLed(costCentre, forecastOptions.Value.PlacementsCostCentre) is { } demandLed) return demandLed.AsProblem();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (budget, previous, existing) = await LoadForecastAsync(db, financialYear, month, costCentre, ct);
        var now = clock.GetUtcNow();
        var decided = ForecastReturn.Record(existing, previous, centre!, budget, financialYear, month, request, rag.Value, now);
        if (decided.Refused is { } broken) return broken.NamesFields ? broken.AsValidationProblem() : broken.AsProblem();
        var recorded = decided.Changes!;
        if (recorded.IsNew) db.ForecastReturns.Add(recorded.Return);
        if (recorded.Changed is { } changed) db.AddEvent(changed, now);
        await db.SaveChangesAsync(ct);
        await section114.CheckAsync(financialYear, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(recorded.Monitoring(centre!));
    }

    /// <summary>What a month's return is decided over: the year's budget, the latest earlier return and the month's own.</summary>
    private static async Task<(decimal? Budget, ForecastReturn? Previous, ForecastReturn? Existing)> LoadForecastAsync(FinanceDb db,
        FinancialYear year, int month, string costCentre, CancellationToken ct)
    {
        var budgets = await Budgets.CurrentAsync(db, year: year.StartYear, costCentre: costCentre, ct: ct);
        var previous = await db.ForecastReturns.AsNoTracking()
            .Where(forecast => forecast.Year == year.StartYear && forecast.CostCentre == costCentre && forecast.Month < month)
            .OrderByDescending(forecast => forecast.Month).FirstOrDefaultAsync(ct);
        var existing = await db.ForecastReturns.FindAsync([year.StartYear, month, costCentre], ct);
        return (budgets.TryGetValue((year.StartYear, costCentre), out var budget) ? budget : null, previous, existing);
    }

    /// <param name="code">The proposal's code.</param>
    /// <param name="request">Year, directorate, description, owner, value, delivered and RAG.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Ok<SavingsProposalDetail>, ValidationProblem>> PutSavings(
        string code, SavingsProposalRequest request, FinanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var directorateRecorded = request.Directorate is not null && await db.Directorates.AnyAsync(d => d.Code == request.Directorate, ct);
        var errors = MonitoringRequests.Validate(code, request, directorateRecorded, out var financialYear);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var existing = await db.SavingsProposals.FindAsync([code], ct);
        var proposal = SavingsProposal.Amend(existing, code, financialYear, request, clock.GetUtcNow());
        if (existing is null) db.SavingsProposals.Add(proposal);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Detail(proposal));
    }

    /// <param name="year">The financial year.</param>
    /// <param name="month">The period, 1 (April) to 12 (March); 12 when absent.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="placements">The demand-led forecast for the placements cost centre.</param>
    /// <param name="forecastOptions">Which cost centre is the placements one.</param>
    /// <param name="rag">The RAG thresholds.</param>
    private static async Task<Results<Ok<MonitoringReport>, ValidationProblem>> Report(string year, int? month, FinanceDb db,
        ChildrenPlacements placements, IOptions<ForecastOptions> forecastOptions, IOptions<RagThresholds> rag, CancellationToken ct)
    {
        var errors = MonitoringRequests.YearErrors(year, out var financialYear);
        if (month is < 1 or > 12) errors["month"] = [MonitoringRequests.MonthRule];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await MonitoringReports.BuildAsync(db, placements, forecastOptions.Value, rag.Value, financialYear, month ?? 12, ct));
    }

    internal static SavingsProposalDetail Detail(SavingsProposal s) =>
        new(s.Code, new FinancialYear(s.Year).ToString(), s.Directorate, s.Description, s.Owner, s.Value, s.Delivered, s.Rag, MonitoringReports.AtRisk(s));
}

/// <summary>A year's monitoring at a month, built from budgets, virements, the latest returns, the demand-led forecast and savings at risk.</summary>
public static class MonitoringReports
{
    /// <summary>The undelivered value of a Red proposal is at risk: the budget counted on it.</summary>
    public static decimal AtRisk(SavingsProposal s) => s.Rag == Rag.Red ? s.Value - s.Delivered : 0m;

    public static async Task<MonitoringReport> BuildAsync(FinanceDb db, ChildrenPlacements placements, ForecastOptions forecastOptions, RagThresholds rag,
        FinancialYear fy, int period, CancellationToken ct)
    {
        var budgets = await Budgets.CurrentAsync(db, year: fy.StartYear, ct: ct);
        var directorates = await db.Directorates.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct);
        var centres = await db.CostCentres.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        var returns = (await db.ForecastReturns.AsNoTracking().Where(f => f.Year == fy.StartYear && f.Month <= period).ToListAsync(ct))
            .GroupBy(f => f.CostCentre).ToDictionary(g => g.Key, g => g.OrderByDescending(f => f.Month).First());
        var savings = await db.SavingsProposals.AsNoTracking().Where(s => s.Year == fy.StartYear).OrderBy(s => s.Code).ToListAsync(ct);
        var placementsForecast = budgets.ContainsKey((fy.StartYear, forecastOptions.PlacementsCostCentre))
            ? (await placements.ForecastAsync(fy, ct)).ForecastExcludingStovewood
            : 0m;

        var lines = new List<DirectorateMonitoring>();
        foreach (var d in directorates)
        {
            var rows = new List<CostCentreMonitoring>();
            foreach (var c in centres.Where(c => c.Directorate == d.Code))
            {
                if (!budgets.TryGetValue((fy.StartYear, c.Code), out var budget)) continue;
                var (outturn, basis, actuals, action) = c.Code == forecastOptions.PlacementsCostCentre
                    ? (placementsForecast, "demand-led forecast", (decimal?)null, (string?)null)
                    : returns.TryGetValue(c.Code, out var r)
                        ? (r.ForecastOutturn, $"return P{r.Month}", r.ActualsToDate, r.ManagementAction)
                        : (budget, "no return: budget assumed", null, null);
                rows.Add(new CostCentreMonitoring(c.Code, c.Name, budget, R(outturn), R(outturn - budget), rag.Of(budget, outturn), basis, actuals, action));
            }
            var atRisk = savings.Where(s => s.Directorate == d.Code).Sum(AtRisk);
            if (rows.Count == 0 && atRisk == 0) continue;
            var dBudget = rows.Sum(r => r.Budget);
            var dOutturn = rows.Sum(r => r.ForecastOutturn) + atRisk;
            lines.Add(new DirectorateMonitoring(d.Code, d.Name, dBudget, atRisk, dOutturn, dOutturn - dBudget, rag.Of(dBudget, dOutturn), rows));
        }
        var total = lines.Sum(l => l.Budget);
        var totalOutturn = lines.Sum(l => l.ForecastOutturn);
        return new MonitoringReport(fy.ToString(), period, total, totalOutturn, totalOutturn - total, rag.Of(total, totalOutturn), lines,
            savings.Select(MonitoringEndpoints.Detail).ToList());
    }

    private static decimal R(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);
}
