using Intervention.Contracts.Licensing;
using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Http;
using Intervention.ServiceDefaults.Security;
using Intervention.Messaging;
using Licensing.API.Hearings;
using Licensing.API.Infrastructure;
using Licensing.API.Licences;
using Licensing.API.Register;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Licensing.API.Appeals;

public static class AppealsEndpoints
{
    public static IEndpointRouteBuilder MapAppeals(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/hearings/{id:guid}/appeal", Lodge).WithTags("Appeals").WithName("LodgeAppeal")
            .WithSummary("Record an appeal to the magistrates' court, within 21 days of notice")
            .WithDescription("409 appeal-out-of-time after the last day; not-appealable for no action or a warning. A decision without immediate " +
                "effect then waits for the court.");
        var group = app.MapGroup("/api/appeals").WithTags("Appeals");
        group.MapPost("/{id:guid}/outcome", Determine).WithName("DetermineAppeal")
            .WithSummary("Record the court's decision: upheld sets the decision aside, dismissed or varied makes it take effect that day; publishes " +
                "AppealDetermined");
        group.MapGet("/{id:guid}", Get).WithName("GetAppeal").WithSummary("One appeal");
        group.MapGet("/defended-rate", Rate).WithName("GetDefendedRate").RequireAccess(Access.Aggregate)
            .WithSummary("The share of appeals decided in a period in which the council's decision stood (dismissed)");
        return app;
    }

    private static async Task<Results<Created<AppealView>, ValidationProblem, NotFound, ProblemHttpResult>> Lodge(
        Guid id, LodgeAppeal request, LicensingDb db, EffectDates effects, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = AppealRequests.LodgeProblems(request, CouncilTime.DateOf(now));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var hearing = await HearingsEndpoints.LoadAsync(db, id, ct, tracking: true);
        if (hearing is null) return TypedResults.NotFound();
        var decided = hearing.Decision is { } decision ? await DecisionRowsAsync(db, decision, ct) : null;
        var alreadyLodged = decided is not null && await db.Set<LicensingAppeal>().AnyAsync(appeal => appeal.DecisionId == decided.Decision.Id, ct);

        var lodged = LicensingAppeal.Lodge(id, decided, alreadyLodged, request.LodgedOn!.Value, effects, now);
        if (lodged.Changes is not { } changes) return lodged.Refused!.AsProblem();
        db.Add(changes.Appeal);
        await SaveAsync(db, changes, now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/appeals/{changes.Appeal.Id}", await ToViewAsync(db, changes.Appeal, decided!.Decision, ct));
    }

    private static async Task<Results<Ok<AppealView>, ValidationProblem, NotFound, ProblemHttpResult>> Determine(
        Guid id, DetermineAppeal request, LicensingDb db, EffectDates effects, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = AppealRequests.DetermineProblems(request, CouncilTime.DateOf(now));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The appeal's outcome cannot be recorded");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One outcome per appeal, even when two arrive at once.
        var appeal = await db.Set<LicensingAppeal>().FromSql($"SELECT * FROM appeals WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (appeal is null) return TypedResults.NotFound();
        var decision = await db.Set<HearingDecisionRecord>().SingleAsync(decision => decision.Id == appeal.DecisionId, ct);
        var decided = await DecisionRowsAsync(db, decision, ct);

        var determined = appeal.Determine(request, decided, await ReferenceOfAsync(db, decision, ct), effects, now);
        if (determined.Refused is { } refused) return refused.NamesFields ? refused.AsValidationProblem() : refused.AsProblem();
        await SaveAsync(db, determined.Changes!, now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ToViewAsync(db, appeal, decision, ct));
    }

    private static async Task<Results<Ok<AppealView>, NotFound>> Get(Guid id, LicensingDb db, CancellationToken ct)
    {
        var appeal = await db.Set<LicensingAppeal>().AsNoTracking().FirstOrDefaultAsync(appeal => appeal.Id == id, ct);
        if (appeal is null) return TypedResults.NotFound();
        var decision = await db.Set<HearingDecisionRecord>().AsNoTracking().SingleAsync(decision => decision.Id == appeal.DecisionId, ct);
        return TypedResults.Ok(await ToViewAsync(db, appeal, decision, ct));
    }

    private static async Task<Results<Ok<DefendedRateView>, ValidationProblem>> Rate(
        string? from, string? to, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Dates.TryParse(from, DateOnly.MinValue, out var first)) errors["from"] = [Dates.Rule];
        if (!Dates.TryParse(to, CouncilTime.DateOf(clock.GetUtcNow()), out var last)) errors["to"] = [Dates.Rule];
        if (errors.Count == 0 && first > last) errors["to"] = ["must not be before from"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var decided = await db.Set<LicensingAppeal>().AsNoTracking()
            .Where(appeal => appeal.Outcome != null && appeal.DecidedOn >= first && appeal.DecidedOn <= last).Select(appeal => appeal.Outcome!.Value)
                .ToListAsync(ct);
        var pending = await db.Set<LicensingAppeal>().CountAsync(appeal => appeal.Outcome == null && appeal.LodgedOn <= last, ct);
        var (determined, dismissed, varied, upheld, rate) = DefendedRate.Of(decided);
        return TypedResults.Ok(new DefendedRateView(first, last, determined, dismissed, varied, upheld, pending, rate));
    }

    /// <summary>The decision with the rows its effect moves, tracked so that the change is saved.</summary>
    private static async Task<DecisionRows> DecisionRowsAsync(LicensingDb db, HearingDecisionRecord decision, CancellationToken ct) => new(decision,
        await db.Set<LicenceStatusChange>().Where(change => change.DecisionId == decision.Id).ToListAsync(ct),
        await db.Set<RegisterEntry>().FirstOrDefaultAsync(entry => entry.DecisionId == decision.Id, ct));

    private static async Task SaveAsync(LicensingDb db, AppealChanges changes, DateTimeOffset now, CancellationToken ct)
    {
        if (changes.RemovedFromRegister is { } entry) db.Remove(entry);
        if (changes.Determined is { } determined) db.AddEvent(determined, now);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<string> ReferenceOfAsync(LicensingDb db, HearingDecisionRecord decision, CancellationToken ct) =>
        await (from hearing in db.Set<CaseHearing>()
               join licence in db.Set<Licence>() on hearing.LicenceId equals licence.Id
               where hearing.Id == decision.HearingId
               select licence.Reference).SingleAsync(ct);

    private static async Task<AppealView> ToViewAsync(LicensingDb db, LicensingAppeal appeal, HearingDecisionRecord decision, CancellationToken ct) =>
        new(appeal.Id, appeal.DecisionId, await ReferenceOfAsync(db, decision, ct), appeal.LodgedOn, appeal.DecidedOn, appeal.Outcome, appeal.VariedTerms,
            decision.EffectiveOn, decision.EffectRule);
}
