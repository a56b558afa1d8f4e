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
            .WithSummary("Move budget between cost centres; above the threshold (£500k by default) only with a Cabinet decision (409 virement-needs-cabinet-approval)");
        group.MapPut("/{year}/forecasts/{month:int}/{costCentre}", PutForecast)
            .WithName("PutForecastReturn")
            .WithSummary("Record a month's forecast for a cost centre: actuals to date + forecast for the rest of the year")
            .WithDescription("A forecast outturn worse than the previous month's (or, for the first return, over budget) needs a management action (LGA 2003 s.28): else 409 management-action-required. " +
                             "The children's placements cost centre is forecast from demand, not by return (409 forecast-is-demand-led). " +
                             "A RAG crossing publishes ForecastOutturnChanged.");
        group.MapPut("/savings/{code}", PutSavings).WithName("PutSavingsProposal").WithSummary("Record a savings proposal with owner, value, delivery and RAG");
        group.MapGet("/{year}", Report)
            .WithName("GetMonitoring")
            .WithSummary("The year's monitoring at a month: budget, forecast outturn, variance and RAG per cost centre and directorate, savings at risk included");
        return app;
    }

    /// <param name="code">The directorate's code, e.g. <c>children-and-young-peoples-services</c>.</param>
    /// <param name="request">Its name.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Ok<DirectorateRequest>, ValidationProblem>> PutDirectorate(string code, DirectorateRequest request, FinanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!MonitoringCodes.IsValid(code)) errors["code"] = [MonitoringCodes.Rule];
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["is required"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var existing = await db.Directorates.FindAsync([code], ct);
        if (existing is null) db.Directorates.Add(new Directorate { Code = code, Name = request.Name!.Trim(), RecordedAt = clock.GetUtcNow() });
        else if (existing.Name != request.Name!.Trim()) { existing.Name = request.Name.Trim(); existing.RecordedAt = clock.GetUtcNow(); }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(request);
    }

    /// <param name="code">The cost centre's code, e.g. <c>children-placements</c>.</param>
    /// <param name="request">Its directorate and name.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Ok<CostCentreRequest>, ValidationProblem>> PutCostCentre(string code, CostCentreRequest request, FinanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!MonitoringCodes.IsValid(code)) errors["code"] = [MonitoringCodes.Rule];
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["is required"];
        if (string.IsNullOrWhiteSpace(request.Directorate)) errors["directorate"] = ["is required: the code of a recorded directorate"];
        else if (!await db.Directorates.AnyAsync(d => d.Code == request.Directorate, ct)) errors["directorate"] = [$"'{request.Directorate}' is not a recorded directorate"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var existing = await db.CostCentres.FindAsync([code], ct);
        if (existing is null) db.CostCentres.Add(new CostCentre { Code = code, Directorate = request.Directorate!, Name = request.Name!.Trim(), RecordedAt = clock.GetUtcNow() });
        else { existing.Directorate = request.Directorate!; existing.Name = request.Name!.Trim(); existing.RecordedAt = clock.GetUtcNow(); }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(request);
    }

    /// <param name="year">The financial year, <c>2017-18</c>.</param>
    /// <param name="costCentre">The cost centre's code.</param>
    /// <param name="request">The net budget.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Ok<BudgetRequest>, ValidationProblem>> PutBudget(string year, string costCentre, BudgetRequest request, FinanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!FinancialYear.TryParse(year, out var fy)) errors["year"] = [FinancialYear.Rule];
        if (!await db.CostCentres.AnyAsync(c => c.Code == costCentre, ct)) errors["costCentre"] = [$"'{costCentre}' is not a recorded cost centre"];
        if (request.NetBudget is null) errors["netBudget"] = ["is required, in pounds"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var existing = await db.Budgets.FindAsync([fy.StartYear, costCentre], ct);
        if (existing is null) db.Budgets.Add(new Budget { Year = fy.StartYear, CostCentre = costCentre, NetBudget = request.NetBudget!.Value, RecordedAt = clock.GetUtcNow() });
        else { existing.NetBudget = request.NetBudget!.Value; existing.RecordedAt = clock.GetUtcNow(); }
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
        string year, Guid id, VirementRequest request, FinanceDb db, MonitoringOptions options, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!FinancialYear.TryParse(year, out var fy)) errors["year"] = [FinancialYear.Rule];
        if (request.From is null || !await db.CostCentres.AnyAsync(c => c.Code == request.From, ct)) errors["from"] = [$"'{request.From}' is not a recorded cost centre"];
        if (request.To is null || !await db.CostCentres.AnyAsync(c => c.Code == request.To, ct)) errors["to"] = [$"'{request.To}' is not a recorded cost centre"];
        else if (request.To == request.From) errors["to"] = ["must differ from 'from'"];
        if (request.Amount is not > 0) errors["amount"] = ["must be more than zero pounds"];
        if (string.IsNullOrWhiteSpace(request.Reason)) errors["reason"] = ["is required"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var existing = await db.Virements.FindAsync([id], ct);
        if (existing is not null)
            return existing.Year == fy.StartYear && existing.FromCostCentre == request.From && existing.ToCostCentre == request.To && existing.Amount == request.Amount
                ? TypedResults.Ok(request)
                : RuleBroken.Conflict("virement-id-reused", $"Virement {id} is already recorded with other figures.");
        if (request.Amount > options.VirementCabinetThreshold && string.IsNullOrWhiteSpace(request.CabinetDecision))
            return RuleBroken.Conflict(CabinetApprovalRule,
                $"A virement of {request.Amount:N2} pounds is over the {options.VirementCabinetThreshold:N2} threshold: name the Cabinet decision that approved it (cabinetDecision).",
                new Dictionary<string, object?> { ["threshold"] = options.VirementCabinetThreshold });
        db.Virements.Add(new Virement
        {
            Id = id, Year = fy.StartYear, FromCostCentre = request.From!, ToCostCentre = request.To!, Amount = request.Amount!.Value,
            Reason = request.Reason!.Trim(), CabinetDecision = request.CabinetDecision?.Trim(), RecordedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/monitoring/{fy}/virements/{id}", request);
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
        string year, int month, string costCentre, ForecastReturnRequest request, FinanceDb db, RagThresholds rag, Section114Watch section114,
        ForecastOptions forecastOptions, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!FinancialYear.TryParse(year, out var fy)) errors["year"] = [FinancialYear.Rule];
        if (month is < 1 or > 12) errors["month"] = ["must be 1 (April) to 12 (March)"];
        var centre = await db.CostCentres.AsNoTracking().FirstOrDefaultAsync(c => c.Code == costCentre, ct);
        if (centre is null) errors["costCentre"] = [$"'{costCentre}' is not a recorded cost centre"];
        if (request.ActualsToDate is null) errors["actualsToDate"] = ["is required, in pounds"];
        if (request.ForecastRemaining is null) errors["forecastRemaining"] = ["is required, in pounds"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (costCentre == forecastOptions.PlacementsCostCentre)
            return RuleBroken.Conflict(DemandLedRule,
                $"'{costCentre}' is forecast from the children's placements the children's service reports (GET /api/forecast/children-placements), not by monthly return.");

        var budgets = await Budgets.CurrentAsync(db, year: fy.StartYear, costCentre: costCentre, ct: ct);
        if (!budgets.TryGetValue((fy.StartYear, costCentre), out var budget))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["costCentre"] = [$"'{costCentre}' has no budget for {fy}: set one first"] });

        var previous = await db.ForecastReturns.AsNoTracking()
            .Where(f => f.Year == fy.StartYear && f.CostCentre == costCentre && f.Month < month)
            .OrderByDescending(f => f.Month).FirstOrDefaultAsync(ct);
        var before = previous?.ForecastOutturn ?? budget;
        var outturn = request.ActualsToDate!.Value + request.ForecastRemaining!.Value;
        var action = string.IsNullOrWhiteSpace(request.ManagementAction) ? null : request.ManagementAction.Trim();
        if (outturn > before && action is null)
            return RuleBroken.Conflict(ManagementActionRule,
                $"The forecast outturn {outturn:N2} is worse than {(previous is null ? "the budget" : $"period {previous.Month}'s")} {before:N2}: record the management action (managementAction).",
                new Dictionary<string, object?> { ["previousForecastOutturn"] = before, ["forecastOutturn"] = outturn });

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.ForecastReturns.FindAsync([fy.StartYear, month, costCentre], ct);
        if (existing is null)
            db.ForecastReturns.Add(new ForecastReturn
            {
                Year = fy.StartYear, Month = month, CostCentre = costCentre, ActualsToDate = request.ActualsToDate.Value,
                ForecastRemaining = request.ForecastRemaining.Value, ManagementAction = action, RecordedAt = now,
            });
        else
        {
            existing.ActualsToDate = request.ActualsToDate.Value;
            existing.ForecastRemaining = request.ForecastRemaining.Value;
            existing.ManagementAction = action;
            existing.RecordedAt = now;
        }
        var (was, isNow) = (rag.Of(budget, before), rag.Of(budget, outturn));
        if (was != isNow)
            db.AddEvent(new ForecastOutturnChanged
            {
                EventId = Guid.CreateVersion7(now), OccurredAt = now, Year = fy.ToString(), CostCentre = costCentre, Directorate = centre!.Directorate,
                Budget = budget, PreviousForecastOutturn = before, ForecastOutturn = outturn, Variance = outturn - budget,
                PreviousRag = was, Rag = isNow, Cause = $"monitoring return P{month}",
            }, now);
        await db.SaveChangesAsync(ct);
        await section114.CheckAsync(fy, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new CostCentreMonitoring(costCentre, centre!.Name, budget, outturn, outturn - budget, isNow, $"return P{month}", request.ActualsToDate, action));
    }

    /// <param name="code">The proposal's code.</param>
    /// <param name="request">Year, directorate, description, owner, value, delivered and RAG.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Ok<SavingsProposalDetail>, ValidationProblem>> PutSavings(string code, SavingsProposalRequest request, FinanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!MonitoringCodes.IsValid(code)) errors["code"] = [MonitoringCodes.Rule];
        if (!FinancialYear.TryParse(request.Year, out var fy)) errors["year"] = [FinancialYear.Rule];
        if (request.Directorate is null || !await db.Directorates.AnyAsync(d => d.Code == request.Directorate, ct)) errors["directorate"] = [$"'{request.Directorate}' is not a recorded directorate"];
        if (string.IsNullOrWhiteSpace(request.Description)) errors["description"] = ["is required"];
        if (string.IsNullOrWhiteSpace(request.Owner)) errors["owner"] = ["is required: who answers for it"];
        if (request.Value is not >= 0) errors["value"] = ["is required and cannot be negative"];
        if (request.Delivered is not >= 0) errors["delivered"] = ["is required and cannot be negative"];
        else if (request.Delivered > request.Value) errors["delivered"] = ["cannot be more than the value"];
        if (request.Rag is null) errors["rag"] = [$"is required: one of {string.Join(", ", Enum.GetNames<Rag>())}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var proposal = await db.SavingsProposals.FindAsync([code], ct);
        if (proposal is null)
            db.SavingsProposals.Add(proposal = new SavingsProposal { Code = code, Directorate = request.Directorate!, Description = request.Description!.Trim(), Owner = request.Owner!.Trim() });
        proposal.Year = fy.StartYear;
        proposal.Directorate = request.Directorate!;
        proposal.Description = request.Description!.Trim();
        proposal.Owner = request.Owner!.Trim();
        proposal.Value = request.Value!.Value;
        proposal.Delivered = request.Delivered!.Value;
        proposal.Rag = request.Rag!.Value;
        proposal.RecordedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Detail(proposal));
    }

    /// <param name="year">The financial year.</param>
    /// <param name="month">The period, 1 (April) to 12 (March); 12 when absent.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="placements">The demand-led forecast for the placements cost centre.</param>
    /// <param name="forecastOptions">Which cost centre is the placements one.</param>
    /// <param name="rag">The RAG thresholds.</param>
    private static async Task<Results<Ok<MonitoringReport>, ValidationProblem>> Report(
        string year, int? month, FinanceDb db, ChildrenPlacements placements, ForecastOptions forecastOptions, RagThresholds rag, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!FinancialYear.TryParse(year, out var fy)) errors["year"] = [FinancialYear.Rule];
        if (month is < 1 or > 12) errors["month"] = ["must be 1 (April) to 12 (March)"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var period = month ?? 12;
        var report = await MonitoringReports.BuildAsync(db, placements, forecastOptions, rag, fy, period, ct);
        return TypedResults.Ok(report);
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
