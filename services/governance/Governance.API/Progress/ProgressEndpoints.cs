using Intervention.ServiceDefaults.Security;
using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Http;
using System.Globalization;
using Governance.API.Infrastructure;
using Governance.API.Restoration;
using Intervention.Contracts.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Governance.API.Progress;

public static class ProgressEndpoints
{
    public static IEndpointRouteBuilder MapProgress(this IEndpointRouteBuilder app)
    {
        var plan = app.MapGroup("/api/improvement-plan").WithTags("Progress");
        plan.MapPut("/objectives/{code}", PutObjective)
            .WithName("PutImprovementObjective")
            .WithSummary("Record or amend an improvement plan objective under a stable code");
        plan.MapPut("/milestones/{code}", PutMilestone)
            .WithName("PutImprovementMilestone")
            .WithSummary("Record or amend a milestone of an objective, with its due date");
        plan.MapPost("/milestones/{code}/status", AddStatus)
            .WithName("RecordMilestoneStatus")
            .WithSummary("Record the status a milestone took on a date (history kept)");
        plan.MapGet("/milestones/{code}", GetMilestone)
            .WithName("GetImprovementMilestone")
            .WithSummary("One milestone with its status history");
        plan.MapGet("/summary", Summary).RequireAccess(Access.Aggregate)
            .WithName("GetImprovementPlanSummary")
            .WithSummary("Objectives, milestones and milestones delivered, counted as at a date")
            .WithDescription("Counted from the milestones' status histories when asked; nothing counted is stored. A milestone not delivered by its" +
                             " due date counts as Late.");

        var corporate = app.MapGroup("/api/corporate-plan").WithTags("Progress");
        corporate.MapGet("/", Quarters).RequireAccess(Access.Aggregate)
            .WithName("GetCorporatePlanQuarters")
            .WithSummary("Every quarter's corporate plan measures, with % on target and direction of travel computed");
        corporate.MapGet("/{year}/{quarter}", Quarter).RequireAccess(Access.Aggregate)
            .WithName("GetCorporatePlanQuarter")
            .WithSummary("One quarter's measures, with % on target and direction of travel computed");
        corporate.MapPut("/{year}/{quarter}/measures/{measure}", PutMeasure)
            .WithName("PutCorporatePlanMeasure")
            .WithSummary("Record whether a measure was on target in a quarter, and its direction of travel");

        var health = app.MapGroup("/api/health-check").WithTags("Progress");
        health.MapGet("/", HealthCheck)
            .WithName("GetHealthCheck")
            .WithSummary("The Independent Health Check's ten factors, each with its latest RAG and history");
        health.MapGet("/factors/{factor:int}", Factor)
            .WithName("GetHealthCheckFactor")
            .WithSummary("One factor with its latest RAG and history");
        health.MapPost("/factors/{factor:int}/assessments", AssessFactor)
            .WithName("AssessHealthCheckFactor")
            .WithSummary("Record an assessment (RAG and evidence) of a factor; earlier ones are kept");

        var days = app.MapGroup("/api/commissioner-days").WithTags("Progress");
        days.MapGet("/", AllDays)
            .WithName("GetCommissionerDays")
            .WithSummary("Commissioner days per financial year: pooled allocation, days used and what remains");
        days.MapGet("/{year}", Days)
            .WithName("GetCommissionerDaysForYear")
            .WithSummary("One year's Commissioner days");
        days.MapPut("/{year}", PutDays)
            .WithName("PutCommissionerDays")
            .WithSummary("Record a year's pooled allocation and the days used");
        return app;
    }

    /// <param name="code">The objective's stable code, e.g. <c>phase-two-01</c>.</param>
    /// <param name="request">The phase and the objective's wording.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Created<ImprovementObjective>, Ok<ImprovementObjective>, ValidationProblem>> PutObjective(
        string code, ImprovementObjectiveRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = ProgressRequests.Validate(code, request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The objective cannot be recorded");

        var existing = await db.Set<PlanObjective>().FindAsync([code], ct);
        var objective = PlanObjective.Amend(existing, code, request, clock.GetUtcNow());
        if (existing is null) db.Set<PlanObjective>().Add(objective);
        await db.SaveChangesAsync(ct);
        return existing is null
            ? TypedResults.Created($"/api/improvement-plan/objectives/{code}", objective.ToResponse())
            : TypedResults.Ok(objective.ToResponse());
    }

    /// <param name="code">The milestone's stable code.</param>
    /// <param name="request">Its objective, wording and due date.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Created<ImprovementMilestone>, Ok<ImprovementMilestone>, ValidationProblem>> PutMilestone(
        string code, ImprovementMilestoneRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var objectiveExists = !string.IsNullOrWhiteSpace(request.Objective) && await db.Set<PlanObjective>().FindAsync([request.Objective], ct) is not null;
        var errors = ProgressRequests.Validate(code, request, objectiveExists);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The milestone cannot be recorded");

        var existing = await db.Set<PlanMilestone>().Include(m => m.History).FirstOrDefaultAsync(m => m.Code == code, ct);
        var milestone = PlanMilestone.Amend(existing, code, request, clock.GetUtcNow());
        if (existing is null) db.Set<PlanMilestone>().Add(milestone);
        await db.SaveChangesAsync(ct);
        return existing is null
            ? TypedResults.Created($"/api/improvement-plan/milestones/{code}", milestone.ToResponse())
            : TypedResults.Ok(milestone.ToResponse());
    }

    /// <param name="code">The milestone's code.</param>
    /// <param name="request">The status and the date it took it.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Ok<ImprovementMilestone>, NotFound, ValidationProblem>> AddStatus(
        string code, MilestoneStatusRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = ProgressRequests.Validate(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The status cannot be recorded");

        var milestone = await db.Set<PlanMilestone>().Include(m => m.History).FirstOrDefaultAsync(m => m.Code == code, ct);
        if (milestone is null) return TypedResults.NotFound();
        if (milestone.RecordStatus(request, clock.GetUtcNow()) is { } change)
        {
            db.Set<MilestoneStatusRecord>().Add(change);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(milestone.ToResponse());
    }

    /// <param name="code">The milestone's code.</param>
    /// <param name="db">The governance register.</param>
    private static async Task<Results<Ok<ImprovementMilestone>, NotFound>> GetMilestone(string code, GovernanceDb db, CancellationToken ct)
    {
        var milestone = await db.Set<PlanMilestone>().AsNoTracking().Include(m => m.History).FirstOrDefaultAsync(m => m.Code == code, ct);
        return milestone is null ? TypedResults.NotFound() : TypedResults.Ok(milestone.ToResponse());
    }

    /// <param name="asAt">The date to count at (<c>yyyy-MM-dd</c>); today (Europe/London) when absent.</param>
    /// <param name="phase">Count only this phase's objectives, e.g. <c>Phase Two</c>; every phase when absent.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets today.</param>
    private static async Task<Results<Ok<ImprovementPlanSummary>, ValidationProblem>> Summary(
        string? asAt, string? phase, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!Dates.TryParse(asAt, CouncilTime.DateOf(clock.GetUtcNow()), out var date))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["asAt"] = [Dates.Rule] });

        var objectives = db.Set<PlanObjective>().AsNoTracking().Where(o => phase == null || o.Phase == phase);
        var objectiveCount = await objectives.CountAsync(ct);
        var milestones = await db.Set<PlanMilestone>().AsNoTracking().Include(m => m.History)
            .Where(m => objectives.Any(o => o.Code == m.ObjectiveCode)).ToListAsync(ct);
        return TypedResults.Ok(ImprovementPlanCounts.Summarise(objectiveCount, milestones.Select(m => m.Facts()).ToList(), date, phase));
    }

    /// <param name="db">The governance register.</param>
    private static async Task<Ok<List<CorporatePlanQuarter>>> Quarters(GovernanceDb db, CancellationToken ct)
    {
        var measures = await db.Set<CorporateMeasureRecord>().AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(measures
            .GroupBy(m => (m.Year, m.Quarter))
            .OrderBy(g => g.Key.Year, StringComparer.Ordinal).ThenBy(g => g.Key.Quarter)
            .Select(g => CorporatePlanFigures.Quarter(g.Key.Year, g.Key.Quarter, g.Select(m => m.ToResponse()).ToList()))
            .ToList());
    }

    /// <param name="year">The financial year, e.g. <c>2016-17</c>.</param>
    /// <param name="quarter">The quarter, <c>Q1</c> to <c>Q4</c>.</param>
    /// <param name="db">The governance register.</param>
    private static async Task<Results<Ok<CorporatePlanQuarter>, NotFound, ValidationProblem>> Quarter(
        string year, string quarter, GovernanceDb db, CancellationToken ct)
    {
        if (ProgressRequests.ValidatePeriod(year, quarter, out var y, out var q) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        var measures = await db.Set<CorporateMeasureRecord>().AsNoTracking().Where(m => m.Year == y && m.Quarter == q).ToListAsync(ct);
        if (measures.Count == 0) return TypedResults.NotFound();
        return TypedResults.Ok(CorporatePlanFigures.Quarter(y, q, measures.Select(m => m.ToResponse()).ToList()));
    }

    /// <param name="year">The financial year, e.g. <c>2016-17</c>.</param>
    /// <param name="quarter">The quarter, <c>Q1</c> to <c>Q4</c>.</param>
    /// <param name="measure">The measure's stable code.</param>
    /// <param name="request">Whether it was on target, and its direction of travel.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Ok<CorporateMeasure>, ValidationProblem>> PutMeasure(
        string year, string quarter, string measure, CorporateMeasureRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = ProgressRequests.ValidatePeriod(year, quarter, out var financialYear, out var quarterNumber);
        if (!PlanCodes.IsValid(measure)) errors["measure"] = [PlanCodes.Rule];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The measure cannot be recorded");

        var existing = await db.Set<CorporateMeasureRecord>().FindAsync([financialYear, quarterNumber, measure], ct);
        var record = CorporateMeasureRecord.Amend(existing, financialYear, quarterNumber, measure, request, clock.GetUtcNow());
        if (existing is null) db.Set<CorporateMeasureRecord>().Add(record);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(record.ToResponse());
    }

    /// <param name="db">The governance register.</param>
    private static async Task<Ok<List<HealthCheckFactor>>> HealthCheck(GovernanceDb db, CancellationToken ct)
    {
        var all = await db.Set<HealthCheckRecord>().AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(Enumerable.Range(1, HealthCheckFactors.All.Count).Select(f => FactorOf(f, all)).ToList());
    }

    /// <param name="factor">The factor, 1 to 10.</param>
    /// <param name="db">The governance register.</param>
    private static async Task<Results<Ok<HealthCheckFactor>, NotFound>> Factor(int factor, GovernanceDb db, CancellationToken ct)
    {
        if (HealthCheckFactors.Find(factor) is null) return TypedResults.NotFound();
        var all = await db.Set<HealthCheckRecord>().AsNoTracking().Where(h => h.Factor == factor).ToListAsync(ct);
        return TypedResults.Ok(FactorOf(factor, all));
    }

    /// <param name="factor">The factor, 1 to 10.</param>
    /// <param name="request">The RAG, the evidence, the date and the assessor.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Created<HealthCheckAssessment>, NotFound, ValidationProblem>> AssessFactor(
        int factor, HealthCheckAssessmentRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (HealthCheckFactors.Find(factor) is null) return TypedResults.NotFound();
        var errors = ProgressRequests.Validate(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The assessment cannot be recorded");

        var record = HealthCheckRecord.Record(factor, request, clock.GetUtcNow());
        db.Set<HealthCheckRecord>().Add(record);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/health-check/factors/{factor}", record.ToResponse());
    }

    /// <param name="db">The governance register.</param>
    private static async Task<Ok<List<CommissionerDays>>> AllDays(GovernanceDb db, CancellationToken ct)
    {
        var all = await db.Set<CommissionerDaysRecord>().AsNoTracking().OrderBy(d => d.Year).ToListAsync(ct);
        return TypedResults.Ok(all.Select(d => d.ToResponse()).ToList());
    }

    /// <param name="year">The financial year, e.g. <c>2018-19</c>.</param>
    /// <param name="db">The governance register.</param>
    private static async Task<Results<Ok<CommissionerDays>, NotFound, ValidationProblem>> Days(string year, GovernanceDb db, CancellationToken ct)
    {
        if (!FinancialYear.TryParse(year, out var financialYear))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [FinancialYear.Rule] });
        var y = financialYear.ToString();
        var record = await db.Set<CommissionerDaysRecord>().AsNoTracking().FirstOrDefaultAsync(d => d.Year == y, ct);
        return record is null ? TypedResults.NotFound() : TypedResults.Ok(record.ToResponse());
    }

    /// <param name="year">The financial year, e.g. <c>2018-19</c>.</param>
    /// <param name="request">The pooled allocation, the days used, the Commissioners sharing them and a note.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Ok<CommissionerDays>, ValidationProblem>> PutDays(
        string year, CommissionerDaysRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = ProgressRequests.Validate(year, request, out var financialYear);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The Commissioner days cannot be recorded");

        var existing = await db.Set<CommissionerDaysRecord>().FindAsync([financialYear], ct);
        var record = CommissionerDaysRecord.Amend(existing, financialYear, request, clock.GetUtcNow());
        if (existing is null) db.Set<CommissionerDaysRecord>().Add(record);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(record.ToResponse());
    }

    private static HealthCheckFactor FactorOf(int factor, IEnumerable<HealthCheckRecord> all)
    {
        var history = all.Where(h => h.Factor == factor).OrderByDescending(h => h.AssessedOn).ThenByDescending(h => h.RecordedAt)
            .Select(h => h.ToResponse()).ToList();
        return new HealthCheckFactor(factor, HealthCheckFactors.All[factor - 1], history.FirstOrDefault(), history);
    }
}
