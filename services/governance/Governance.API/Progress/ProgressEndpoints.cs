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
            .WithDescription("Counted from the milestones' status histories when asked; nothing counted is stored. A milestone not delivered by its due date counts as Late.");

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
        var errors = new Dictionary<string, string[]>();
        if (!PlanCodes.IsValid(code)) errors["code"] = [PlanCodes.Rule];
        if (string.IsNullOrWhiteSpace(request.Phase)) errors["phase"] = ["is required: the plan phase, e.g. Phase Two"];
        if (string.IsNullOrWhiteSpace(request.Title)) errors["title"] = ["is required: the objective as the plan words it"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The objective cannot be recorded");

        var existing = await db.Set<PlanObjective>().FindAsync([code], ct);
        var objective = existing ?? db.Set<PlanObjective>().Add(new PlanObjective { Code = code, Phase = "", Title = "" }).Entity;
        objective.Phase = request.Phase!.Trim();
        objective.Title = request.Title!.Trim();
        objective.RecordedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        var response = new ImprovementObjective(objective.Code, objective.Phase, objective.Title);
        return existing is null ? TypedResults.Created($"/api/improvement-plan/objectives/{code}", response) : TypedResults.Ok(response);
    }

    /// <param name="code">The milestone's stable code.</param>
    /// <param name="request">Its objective, wording and due date.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Created<ImprovementMilestone>, Ok<ImprovementMilestone>, ValidationProblem>> PutMilestone(
        string code, ImprovementMilestoneRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PlanCodes.IsValid(code)) errors["code"] = [PlanCodes.Rule];
        if (string.IsNullOrWhiteSpace(request.Objective)) errors["objective"] = ["is required: the code of the milestone's objective"];
        else if (await db.Set<PlanObjective>().FindAsync([request.Objective], ct) is null) errors["objective"] = [$"'{request.Objective}' is not an objective of the plan"];
        if (string.IsNullOrWhiteSpace(request.Title)) errors["title"] = ["is required: the milestone as the plan words it"];
        if (request.DueOn is null) errors["dueOn"] = ["is required: the date it is due, yyyy-MM-dd"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The milestone cannot be recorded");

        var existing = await db.Set<PlanMilestone>().Include(m => m.History).FirstOrDefaultAsync(m => m.Code == code, ct);
        var milestone = existing ?? db.Set<PlanMilestone>().Add(new PlanMilestone { Code = code, ObjectiveCode = "", Title = "" }).Entity;
        milestone.ObjectiveCode = request.Objective!;
        milestone.Title = request.Title!.Trim();
        milestone.DueOn = request.DueOn!.Value;
        milestone.RecordedAt = clock.GetUtcNow();
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
        var errors = new Dictionary<string, string[]>();
        if (request.Status is null) errors["status"] = [$"is required: one of {string.Join(", ", Enum.GetNames<MilestoneStatus>())}"];
        if (request.On is null) errors["on"] = ["is required: the date the milestone took the status, yyyy-MM-dd"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The status cannot be recorded");

        var milestone = await db.Set<PlanMilestone>().Include(m => m.History).FirstOrDefaultAsync(m => m.Code == code, ct);
        if (milestone is null) return TypedResults.NotFound();
        // The same status on the same date again (a seed run twice) adds nothing to the history.
        if (!milestone.History.Any(h => h.Status == request.Status && h.StatusOn == request.On))
        {
            var now = clock.GetUtcNow();
            db.Set<MilestoneStatusRecord>().Add(new MilestoneStatusRecord
            {
                Id = Guid.CreateVersion7(now),
                MilestoneCode = code,
                Status = request.Status!.Value,
                StatusOn = request.On!.Value,
                RecordedAt = now,
            });
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
            .Select(g => CorporatePlanFigures.Quarter(g.Key.Year, g.Key.Quarter, g.Select(m => new CorporateMeasure(m.Measure, m.OnTarget, m.Direction)).ToList()))
            .ToList());
    }

    /// <param name="year">The financial year, e.g. <c>2016-17</c>.</param>
    /// <param name="quarter">The quarter, <c>Q1</c> to <c>Q4</c>.</param>
    /// <param name="db">The governance register.</param>
    private static async Task<Results<Ok<CorporatePlanQuarter>, NotFound, ValidationProblem>> Quarter(string year, string quarter, GovernanceDb db, CancellationToken ct)
    {
        if (PeriodErrors(year, quarter, out var y, out var q) is { } errors) return TypedResults.ValidationProblem(errors);
        var measures = await db.Set<CorporateMeasureRecord>().AsNoTracking().Where(m => m.Year == y && m.Quarter == q).ToListAsync(ct);
        if (measures.Count == 0) return TypedResults.NotFound();
        return TypedResults.Ok(CorporatePlanFigures.Quarter(y, q, measures.Select(m => new CorporateMeasure(m.Measure, m.OnTarget, m.Direction)).ToList()));
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
        var errors = PeriodErrors(year, quarter, out var y, out var q) ?? new Dictionary<string, string[]>();
        if (!PlanCodes.IsValid(measure)) errors["measure"] = [PlanCodes.Rule];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The measure cannot be recorded");

        var record = await db.Set<CorporateMeasureRecord>().FindAsync([y, q, measure], ct)
            ?? db.Set<CorporateMeasureRecord>().Add(new CorporateMeasureRecord { Year = y, Quarter = q, Measure = measure }).Entity;
        record.OnTarget = request.OnTarget;
        record.Direction = request.Direction;
        record.RecordedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new CorporateMeasure(measure, record.OnTarget, record.Direction));
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
        var errors = new Dictionary<string, string[]>();
        if (request.Rag is null) errors["rag"] = [$"is required: one of {string.Join(", ", Enum.GetNames<Rag>())}"];
        if (string.IsNullOrWhiteSpace(request.Evidence)) errors["evidence"] = ["is required: the evidence the assessment rests on"];
        if (request.AssessedOn is null) errors["assessedOn"] = ["is required: the date of the assessment, yyyy-MM-dd"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The assessment cannot be recorded");

        var now = clock.GetUtcNow();
        var record = new HealthCheckRecord
        {
            Id = Guid.CreateVersion7(now),
            Factor = factor,
            Rag = request.Rag!.Value,
            Evidence = request.Evidence!.Trim(),
            AssessedOn = request.AssessedOn!.Value,
            Assessor = string.IsNullOrWhiteSpace(request.Assessor) ? null : request.Assessor.Trim(),
            RecordedAt = now,
        };
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
        var errors = new Dictionary<string, string[]>();
        if (!FinancialYear.TryParse(year, out var financialYear)) errors["year"] = [FinancialYear.Rule];
        var y = financialYear.ToString();
        if (request.AllocatedDays is < 0) errors["allocatedDays"] = ["must not be negative"];
        if (request.DaysUsed is null) errors["daysUsed"] = ["is required: the days used (0 when none)"];
        else if (request.DaysUsed < 0) errors["daysUsed"] = ["must not be negative"];
        if (request.Commissioners is < 1) errors["commissioners"] = ["must be at least 1"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The Commissioner days cannot be recorded");

        var record = await db.Set<CommissionerDaysRecord>().FindAsync([y], ct)
            ?? db.Set<CommissionerDaysRecord>().Add(new CommissionerDaysRecord { Year = y }).Entity;
        record.AllocatedDays = request.AllocatedDays;
        record.DaysUsed = request.DaysUsed!.Value;
        record.Commissioners = request.Commissioners;
        record.Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        record.RecordedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(record.ToResponse());
    }

    private static Dictionary<string, string[]>? PeriodErrors(string year, string quarter, out string y, out int q)
    {
        var errors = new Dictionary<string, string[]>();
        y = FinancialYear.TryParse(year, out var financialYear) ? financialYear.ToString() : "";
        if (y == "") errors["year"] = [FinancialYear.Rule];
        if (!FinancialPeriods.TryParseQuarter(quarter, out q)) errors["quarter"] = [FinancialPeriods.QuarterRule];
        return errors.Count > 0 ? errors : null;
    }

    private static HealthCheckFactor FactorOf(int factor, IEnumerable<HealthCheckRecord> all)
    {
        var history = all.Where(h => h.Factor == factor).OrderByDescending(h => h.AssessedOn).ThenByDescending(h => h.RecordedAt).Select(h => h.ToResponse()).ToList();
        return new HealthCheckFactor(factor, HealthCheckFactors.All[factor - 1], history.FirstOrDefault(), history);
    }
}
