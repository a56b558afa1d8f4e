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
            .WithDescription("409 appeal-out-of-time after the last day; not-appealable for no action or a warning. A decision without immediate effect then waits for the court.");
        var group = app.MapGroup("/api/appeals").WithTags("Appeals");
        group.MapPost("/{id:guid}/outcome", Determine).WithName("DetermineAppeal")
            .WithSummary("Record the court's decision: upheld sets the decision aside, dismissed or varied makes it take effect that day; publishes AppealDetermined");
        group.MapGet("/{id:guid}", Get).WithName("GetAppeal").WithSummary("One appeal");
        group.MapGet("/defended-rate", Rate).WithName("GetDefendedRate").RequireAccess(Access.Aggregate)
            .WithSummary("The share of appeals decided in a period in which the council's decision stood (dismissed)");
        return app;
    }

    private static async Task<Results<Created<AppealView>, ValidationProblem, NotFound, ProblemHttpResult>> Lodge(
        Guid id, LodgeAppeal request, LicensingDb db, EffectDates effects, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (request.LodgedOn is not { } lodgedOn)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lodgedOn"] = ["is required: the day the appeal was lodged, yyyy-MM-dd"] });
        if (lodgedOn > CouncilTime.DateOf(now))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lodgedOn"] = ["must not be in the future"] });

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var hearing = await HearingsEndpoints.LoadAsync(db, id, ct, tracking: true);
        if (hearing is null) return TypedResults.NotFound();
        if (hearing.Decision is not { } decision) return RuleBroken.Conflict("not-decided", $"Hearing {id} has no decision to appeal.");
        if (!EffectDates.IsAppealable(decision.Outcome))
            return RuleBroken.Conflict("not-appealable", $"{decision.Outcome} cannot be appealed to the magistrates' court.");
        if (await db.Set<LicensingAppeal>().AnyAsync(a => a.DecisionId == decision.Id, ct))
            return RuleBroken.Conflict("appeal-already-lodged", $"An appeal against decision {decision.Id} is already recorded.");
        if (!effects.IsAppealInTime(decision.Outcome, decision.NoticeGivenOn, lodgedOn))
            return RuleBroken.Conflict("appeal-out-of-time",
                $"Notice was given on {decision.NoticeGivenOn:yyyy-MM-dd}; the last day to appeal was {effects.LastDayToAppeal(decision.Outcome, decision.NoticeGivenOn):yyyy-MM-dd}, and it was lodged on {lodgedOn:yyyy-MM-dd}.",
                new Dictionary<string, object?> { ["lastDayToAppeal"] = effects.LastDayToAppeal(decision.Outcome, decision.NoticeGivenOn) });

        var appeal = new LicensingAppeal { Id = Guid.CreateVersion7(now), DecisionId = decision.Id, LodgedOn = lodgedOn, RecordedAt = now };
        db.Add(appeal);
        await ApplyEffectAsync(db, decision, effects.Decide(decision.ToHearingDecision(), appeal.ToAppeal()), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/appeals/{appeal.Id}", await ToViewAsync(db, appeal, decision, ct));
    }

    private static async Task<Results<Ok<AppealView>, ValidationProblem, NotFound, ProblemHttpResult>> Determine(
        Guid id, DetermineAppeal request, LicensingDb db, EffectDates effects, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (request.Outcome is null) errors["outcome"] = [$"is required: one of {string.Join(", ", Enum.GetNames<AppealOutcome>())}"];
        if (request.DecidedOn is not { } decidedOn) errors["decidedOn"] = ["is required: the day the court decided, yyyy-MM-dd"];
        else if (decidedOn > CouncilTime.DateOf(now)) errors["decidedOn"] = ["must not be in the future"];
        if (request.Outcome == AppealOutcome.Varied && string.IsNullOrWhiteSpace(request.VariedTerms)) errors["variedTerms"] = ["are required when the court varied the decision"];
        if (request.Outcome != AppealOutcome.Varied && request.VariedTerms is not null) errors["variedTerms"] = ["apply only when the court varied the decision"];
        if (request.VariedTerms is { Length: > 4000 }) errors["variedTerms"] = ["must be at most 4000 characters"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The appeal's outcome cannot be recorded");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var appeal = await db.Set<LicensingAppeal>().FromSql($"SELECT * FROM appeals WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (appeal is null) return TypedResults.NotFound();
        if (appeal.Outcome is not null)
            return RuleBroken.Conflict("appeal-already-determined", $"Appeal {id} was determined on {appeal.DecidedOn:yyyy-MM-dd}: {appeal.Outcome}.");
        if (request.DecidedOn < appeal.LodgedOn)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["decidedOn"] = [$"must not be before the appeal was lodged ({appeal.LodgedOn:yyyy-MM-dd})"] });
        appeal.Outcome = request.Outcome;
        appeal.DecidedOn = request.DecidedOn;
        appeal.VariedTerms = request.VariedTerms?.Trim();
        var decision = await db.Set<HearingDecisionRecord>().SingleAsync(d => d.Id == appeal.DecisionId, ct);
        var effect = effects.Decide(decision.ToHearingDecision(), appeal.ToAppeal());
        await ApplyEffectAsync(db, decision, effect, ct);
        var reference = await ReferenceOfAsync(db, decision, ct);
        db.AddEvent(new AppealDetermined
        {
            EventId = Guid.NewGuid(), OccurredAt = now, AppealId = appeal.Id, DecisionId = decision.Id, LicenceReference = reference,
            Outcome = appeal.Outcome!.Value, DecidedOn = appeal.DecidedOn!.Value, EffectiveOn = effect.EffectiveOn,
        }, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ToViewAsync(db, appeal, decision, ct));
    }

    private static async Task<Results<Ok<AppealView>, NotFound>> Get(Guid id, LicensingDb db, CancellationToken ct)
    {
        var appeal = await db.Set<LicensingAppeal>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (appeal is null) return TypedResults.NotFound();
        var decision = await db.Set<HearingDecisionRecord>().AsNoTracking().SingleAsync(d => d.Id == appeal.DecisionId, ct);
        return TypedResults.Ok(await ToViewAsync(db, appeal, decision, ct));
    }

    private static async Task<Results<Ok<DefendedRateView>, ValidationProblem>> Rate(string? from, string? to, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Dates.TryParse(from, DateOnly.MinValue, out var first)) errors["from"] = [Dates.Rule];
        if (!Dates.TryParse(to, CouncilTime.DateOf(clock.GetUtcNow()), out var last)) errors["to"] = [Dates.Rule];
        if (errors.Count == 0 && first > last) errors["to"] = ["must not be before from"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var decided = await db.Set<LicensingAppeal>().AsNoTracking()
            .Where(a => a.Outcome != null && a.DecidedOn >= first && a.DecidedOn <= last).Select(a => a.Outcome!.Value).ToListAsync(ct);
        var pending = await db.Set<LicensingAppeal>().CountAsync(a => a.Outcome == null && a.LodgedOn <= last, ct);
        var (determined, dismissed, varied, upheld, rate) = DefendedRate.Of(decided);
        return TypedResults.Ok(new DefendedRateView(first, last, determined, dismissed, varied, upheld, pending, rate));
    }

    /// <summary>Moves the decision's effect, the licence's status change and the register entry to what the appeal makes of them.</summary>
    private static async Task ApplyEffectAsync(LicensingDb db, HearingDecisionRecord decision, DecisionEffect effect, CancellationToken ct)
    {
        decision.EffectiveOn = effect.EffectiveOn;
        decision.EffectRule = effect.Rule;
        foreach (var change in await db.Set<LicenceStatusChange>().Where(c => c.DecisionId == decision.Id).ToListAsync(ct))
        {
            change.EffectiveOn = effect.EffectiveOn;
            change.Reason = $"{decision.Outcome} ({effect.Rule})";
        }
        var entry = await db.Set<RegisterEntry>().FirstOrDefaultAsync(e => e.DecisionId == decision.Id, ct);
        // A decision set aside on appeal never took effect: it does not stay on the national register.
        if (entry is not null && effect.Status == EffectStatus.SetAsideOnAppeal) db.Remove(entry);
        else if (entry is not null) entry.EffectiveOn = effect.EffectiveOn;
    }

    private static async Task<string> ReferenceOfAsync(LicensingDb db, HearingDecisionRecord decision, CancellationToken ct) =>
        await (from h in db.Set<CaseHearing>() join l in db.Set<Licence>() on h.LicenceId equals l.Id where h.Id == decision.HearingId select l.Reference).SingleAsync(ct);

    private static async Task<AppealView> ToViewAsync(LicensingDb db, LicensingAppeal a, HearingDecisionRecord d, CancellationToken ct) =>
        new(a.Id, a.DecisionId, await ReferenceOfAsync(db, d, ct), a.LodgedOn, a.DecidedOn, a.Outcome, a.VariedTerms, d.EffectiveOn, d.EffectRule);
}
