using Intervention.ServiceDefaults.Security;
using Intervention.ServiceDefaults;
using Governance.API.Infrastructure;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Governance.API.Decisions;

public static class DecisionsEndpoints
{
    public static IEndpointRouteBuilder MapDecisions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/decisions").WithTags("Decisions");
        group.MapPost("/", Record)
            .WithName("RecordDecision")
            .WithSummary("Record a decision in the register and check it against the Directions")
            .WithDescription("Idempotent by id: the same decision again answers 200 with the register's copy; different facts under an existing " +
                             "id are refused (409, rule decision-id-reused). " +
                             "A decision taken by an authority that did not hold its function at that instant is kept, marked Questioned, and " +
                             "DecisionValidityQuestioned is published. " +
                             "The same path takes DecisionRecorded events from the broker.");
        group.MapGet("/", List).RequireAccess(Access.Aggregate)
            .WithName("ListDecisions")
            .WithSummary("Decisions in the register, by status, function and period, in the order they were taken");
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Aggregate)
            .WithName("GetDecision")
            .WithSummary("One decision with its status today, the day it takes effect and the reason");
        group.MapPost("/{id:guid}/sign-off", SignOff).RequireAccess(Access.Decide)
            .WithName("SignOffDecision")
            .WithSummary("Record a Commissioner's sign-off of a key decision taken under veto oversight")
            .WithDescription("Only a key decision on a function held under Commissioner veto needs one (else 409, rule sign-off-not-required). " +
                             "Signing again by the same Commissioner answers 200; by another, 409 (rule already-signed-off).");
        return app;
    }

    /// <param name="request">The decision: id, source service, function, decided-at, authority, decider, meeting, summary, key decision, call-in.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant and today's date.</param>
    /// <param name="calendar">Working days, bank holidays and the call-in period.</param>
    private static async Task<Results<Created<DecisionDetail>, Ok<DecisionDetail>, ValidationProblem, ProblemHttpResult>> Record(
        RecordDecisionRequest request, GovernanceDb db, TimeProvider clock, DecisionCalendar calendar, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = DecisionRules.Validate(request, now);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The decision cannot be recorded");

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var recording = await DecisionRegister.RecordAsync(db, DecisionRules.ToDecision(request, now), now, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return recording switch
                {
                    DecisionRegister.Recorded r => TypedResults.Created($"/api/decisions/{r.Decision.Id}", ToDetail(r.Decision, calendar, now)),
                    DecisionRegister.AlreadyRecorded a => TypedResults.Ok(ToDetail(a.Decision, calendar, now)),
                    DecisionRegister.IdReused reused => reused.Refused.AsProblem(),
                    _ => throw new InvalidOperationException($"Unexpected recording {recording}"),
                };
            }
            catch (DbUpdateException e) when (attempt == 1 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same id reported twice at once: the other report won; compare with it.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <param name="status">Valid, Questioned, PendingCallIn or AwaitingSignOff (any case); all when absent.</param>
    /// <param name="function">A function code from the functions register; all when absent.</param>
    /// <param name="from">Decisions taken at or after this instant (ISO 8601 with offset).</param>
    /// <param name="to">Decisions taken before this instant (ISO 8601 with offset).</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Today's date, for the call-in periods.</param>
    /// <param name="calendar">Working days, bank holidays and the call-in period.</param>
    /// <param name="http">The caller: an integrator reads summaries that name a person withheld.</param>
    private static async Task<Results<Ok<List<DecisionDetail>>, ValidationProblem>> List(string? status, string? function, string? from, string? to,
        GovernanceDb db, TimeProvider clock, DecisionCalendar calendar, HttpContext http, CancellationToken ct)
    {
        var errors = DecisionRules.ValidateQuery(status, function, from, to, clock, out var wanted);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var query = db.Set<Decision>().AsNoTracking();
        if (wanted.Function is { } code) query = query.Where(d => d.Function == code);
        if (wanted.From is { } lower) query = query.Where(d => d.DecidedAt >= lower);
        if (wanted.To is { } upper) query = query.Where(d => d.DecidedAt < upper);
        // Questioned is stored; the other statuses depend on today and are worked out below.
        if (wanted.Status == DecisionStatus.Questioned) query = query.Where(d => d.QuestionedReason != null);
        else if (wanted.Status is not null) query = query.Where(d => d.QuestionedReason == null);
        var decisions = await query.OrderBy(d => d.DecidedAt).ThenBy(d => d.Id).ToListAsync(ct);

        var now = clock.GetUtcNow();
        var outsider = http.User.IsOutsider(Portfolio.Governance);
        return TypedResults.Ok(decisions
            .Select(decision => ToDetail(decision, calendar, now))
            .Where(detail => wanted.Status is null || detail.Status == wanted.Status)
            .Select(detail => outsider ? DecisionSummaries.ForOutsiders(detail) : detail)
            .ToList());
    }

    /// <param name="id">The decision's id.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Today's date, for the call-in period.</param>
    /// <param name="calendar">Working days, bank holidays and the call-in period.</param>
    /// <param name="http">The caller: an integrator reads a summary that names a person withheld.</param>
    private static async Task<Results<Ok<DecisionDetail>, NotFound>> Get(
        Guid id, GovernanceDb db, TimeProvider clock, DecisionCalendar calendar, HttpContext http, CancellationToken ct)
    {
        var decision = await db.Set<Decision>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (decision is null) return TypedResults.NotFound();
        var detail = ToDetail(decision, calendar, clock.GetUtcNow());
        return TypedResults.Ok(http.User.IsOutsider(Portfolio.Governance) ? DecisionSummaries.ForOutsiders(detail) : detail);
    }

    /// <param name="id">The decision's id.</param>
    /// <param name="request">The signing Commissioner's name and, for a past sign-off, its instant.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">The sign-off instant when none is given, and today's date.</param>
    /// <param name="calendar">Working days, bank holidays and the call-in period.</param>
    private static async Task<Results<Ok<DecisionDetail>, NotFound, ValidationProblem, ProblemHttpResult>> SignOff(
        Guid id, SignOffDecisionRequest request, GovernanceDb db, TimeProvider clock, DecisionCalendar calendar, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = DecisionRules.Validate(request, now);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The sign-off cannot be recorded");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var decision = await db.Set<Decision>().FromSql($"SELECT * FROM decisions WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (decision is null) return TypedResults.NotFound();

        if (decision.SignOff(request.SignerName!.Trim(), (request.SignedAt ?? now).ToUniversalTime()) is { } broken) return broken.AsProblem();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(ToDetail(decision, calendar, now));
    }

    internal static DecisionDetail ToDetail(Decision d, DecisionCalendar calendar, DateTimeOffset now)
    {
        var standing = DecisionValidity.Assess(d, calendar, CouncilTime.DateOf(now));
        return new DecisionDetail
        {
            Id = d.Id,
            SourceService = d.SourceService,
            Function = d.Function,
            DecidedAt = d.DecidedAt,
            Authority = d.Authority,
            DeciderName = d.DeciderName,
            Meeting = d.Meeting,
            Summary = d.Summary,
            KeyDecision = d.KeyDecision,
            CallIn = d.CallIn,
            RecordedAt = d.RecordedAt,
            Status = standing.Status,
            EffectiveOn = standing.EffectiveOn,
            Reason = standing.Reason,
            HeldBy = d.HolderAuthority,
            Oversight = d.HolderOversight,
            DirectionsId = d.HolderDirectionsId,
            SignedOffBy = d.SignedOffBy,
            SignedOffAt = d.SignedOffAt,
        };
    }
}
