using Intervention.Contracts.Governance;
using Intervention.Contracts.Licensing;
using Intervention.ServiceDefaults;
using Intervention.Directions;
using Intervention.ServiceDefaults.Http;
using Intervention.Messaging;
using Intervention.ServiceDefaults.Security;
using Licensing.API.Drivers;
using Licensing.API.Infrastructure;
using Licensing.API.Licences;
using Licensing.API.Register;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Licensing.API.Hearings;

public static class HearingsEndpoints
{
    public static IEndpointRouteBuilder MapHearings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/hearings").WithTags("Hearings");
        group.MapPost("/", Schedule).WithName("ScheduleHearing")
            .WithSummary("Schedule a case hearing; the decision-maker is whoever holds the licensing function that day under the Directions")
            .WithDescription("409 no-decision-maker when no Directions known to this service assign the licensing function on that day.");
        group.MapGet("/{id:guid}", Get).WithName("GetHearing").WithSummary("A hearing with its panel, record and decision");
        group.MapGet("/", List).WithName("ListHearings").WithSummary("Hearings, optionally for one driver, in date order");
        group.MapPost("/{id:guid}/interests", Declare).WithName("DeclareInterest")
            .WithSummary("A member declares an interest and takes no part from then on");
        group.MapPost("/{id:guid}/record", AddToRecord).WithName("AddToHearingRecord")
            .WithSummary("Record a question from a member or a statement by the driver (409 member-has-interest for a member who takes no part)");
        group.MapPost("/{id:guid}/decision", Decide).WithName("DecideHearing").RequireAccess(Access.Decide)
            .WithSummary("Record the decision with written reasons; answers when it takes effect")
            .WithDescription("A suspension or revocation takes effect 21 days after notice, or when an appeal is decided, unless ordered with " +
                             "immediate effect in the interests of public safety. " +
                             "The decision goes to governance's decision register (DecisionRecorded), LicensingDecisionMade is published, " +
                             "SafeguardingConcernRaised on safeguarding grounds, " +
                             "and a refusal, suspension or revocation on safeguarding or road-safety grounds makes a national register entry.");
        group.MapPost("/{id:guid}/decision/preview", PreviewDecision).WithName("PreviewHearingDecision").RequireAccess(Access.Decide)
            .WithSummary("What the decision would say if recorded now: the decision-maker of the hearing's day, the effect and appeal dates; records nothing")
            .WithDescription("Takes the same request, checks and decision as DecideHearing (so the two never disagree) and answers 200 with the " +
                             "preview, or the refusal the decision would give (400 naming the field, 403, 409 naming the rule).");
        return app;
    }

    private static async Task<Results<Created<HearingView>, ValidationProblem, ProblemHttpResult>> Schedule(
        ScheduleHearing request, LicensingDb db, HearingPanel panel, TimeProvider clock, CancellationToken ct)
    {
        var errors = HearingRequests.ScheduleProblems(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: HearingRequests.ScheduleTitle);
        var licence = await db.Set<Licence>().AsNoTracking()
            .Where(licence => licence.DriverId == request.DriverId).OrderByDescending(licence => licence.AppliedOn).FirstOrDefaultAsync(ct);
        if (licence is null)
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["driverId"] = [$"no driver has id {request.DriverId}"] }, title: HearingRequests.ScheduleTitle);
        var holder = await DecisionMakerOnAsync(db, request.HeldOn!.Value, ct);

        var scheduled = CaseHearing.Schedule(request, licence, holder, panel, clock.GetUtcNow());
        if (scheduled.Changes is not { } hearing) return scheduled.Refused!.NamesFields ? scheduled.Refused.AsValidationProblem()
            : scheduled.Refused.AsProblem();
        db.Add(hearing);
        await db.SaveChangesAsync(ct);
        HearingMetrics.HearingsScheduled.Add(1, new KeyValuePair<string, object?>("decision_maker", hearing.DecisionMakerAuthority.ToString()));
        return TypedResults.Created($"/api/hearings/{hearing.Id}", ToView(hearing, licence.Reference, null));
    }

    private static async Task<Results<Ok<HearingView>, NotFound>> Get(Guid id, LicensingDb db, EffectDates effects, CancellationToken ct)
    {
        var hearing = await LoadAsync(db, id, ct, tracking: false);
        if (hearing is null) return TypedResults.NotFound();
        var reference = await db.Set<Licence>().Where(licence => licence.Id == hearing.LicenceId).Select(licence => licence.Reference).SingleAsync(ct);
        return TypedResults.Ok(ToView(hearing, reference, effects));
    }

    private static async Task<Ok<List<HearingView>>> List(Guid? driverId, LicensingDb db, EffectDates effects, CancellationToken ct)
    {
        var query = db.Set<CaseHearing>().AsNoTracking().Include(hearing => hearing.Members).Include(hearing => hearing.Record)
            .Include(hearing => hearing.Decision).AsSplitQuery();
        if (driverId is { } wanted) query = query.Where(hearing => hearing.DriverId == wanted);
        var hearings = await query.OrderBy(hearing => hearing.HeldOn).ThenBy(hearing => hearing.Id).Take(1000).ToListAsync(ct);
        var licenceIds = hearings.Select(hearing => hearing.LicenceId).Distinct().ToList();
        var references = await db.Set<Licence>().Where(licence => licenceIds.Contains(licence.Id))
            .ToDictionaryAsync(licence => licence.Id, licence => licence.Reference, ct);
        return TypedResults.Ok(hearings.Select(hearing => ToView(hearing, references[hearing.LicenceId], effects)).ToList());
    }

    private static async Task<Results<Ok<HearingView>, ValidationProblem, NotFound, ProblemHttpResult>> Declare(
        Guid id, DeclareInterest request, LicensingDb db, EffectDates effects, CancellationToken ct)
    {
        var errors = HearingRequests.InterestProblems(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The interest cannot be recorded");
        var hearing = await LoadAsync(db, id, ct, tracking: true);
        if (hearing is null) return TypedResults.NotFound();
        var declared = hearing.DeclareInterest(request.Member!, request.Interest!);
        if (declared.Refused is { } refused) return refused.NamesFields ? refused.AsValidationProblem() : refused.AsProblem();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToView(hearing, await ReferenceOfAsync(db, hearing, ct), effects));
    }

    private static async Task<Results<Created<RecordEntryView>, ValidationProblem, NotFound, ProblemHttpResult>> AddToRecord(
        Guid id, NewRecordEntry request, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = HearingRequests.RecordProblems(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The record cannot be added to");
        var hearing = await LoadAsync(db, id, ct, tracking: true);
        if (hearing is null) return TypedResults.NotFound();
        var added = hearing.AddToRecord(request.Kind!.Value, request.Speaker!, request.Text!, clock.GetUtcNow());
        if (added.Changes is not { } entry) return added.Refused!.NamesFields ? added.Refused.AsValidationProblem() : added.Refused.AsProblem();
        db.Add(entry);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/hearings/{id}", new RecordEntryView(entry.Seq, entry.Kind, entry.Speaker, entry.Text));
    }

    private static async Task<Results<Created<HearingView>, ValidationProblem, NotFound, ProblemHttpResult>> Decide(
        Guid id, DecideHearing request, LicensingDb db, HearingPanel panel, EffectDates effects, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = HearingRequests.DecideProblems(request, CouncilTime.DateOf(now));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The decision cannot be recorded");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One decision per hearing, even when two arrive at once.
        if (!await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM hearings WHERE id = {id} FOR UPDATE").AnyAsync(ct)) return TypedResults.NotFound();
        var hearing = (await LoadAsync(db, id, ct, tracking: true))!;
        var context = await DecidingContextAsync(db, hearing, panel, effects, http, now, ct);
        var licence = context.Licence;

        var decided = hearing.Decide(request, context, now);
        if (decided.Changes is not { } changes) return decided.Refused!.NamesFields ? decided.Refused.AsValidationProblem() : decided.Refused.AsProblem();
        // Added explicitly: found only through the navigation, an entity with its key already set would be taken for an existing row.
        db.Add(changes.Decision);
        if (changes.StatusChange is { } statusChange) db.Add(statusChange);
        if (changes.RegisterEntry is { } entry) db.Add(entry);
        changes.Notices.AddTo(db, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        HearingMetrics.DecisionsMade.Add(1, new("outcome", changes.Decision.Outcome.ToString()), new("grounds", changes.Decision.Grounds.ToString()));
        return TypedResults.Created($"/api/hearings/{id}", ToView(hearing, licence.Reference, effects));
    }

    private static async Task<Results<Ok<HearingDecisionPreview>, ValidationProblem, NotFound, ProblemHttpResult>> PreviewDecision(
        Guid id, DecideHearing request, LicensingDb db, HearingPanel panel, EffectDates effects, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = HearingRequests.DecideProblems(request, CouncilTime.DateOf(now));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The decision cannot be recorded");
        // Nothing is written: no transaction, no lock; the hearing is read untracked and never saved.
        var hearing = await LoadAsync(db, id, ct, tracking: false);
        if (hearing is null) return TypedResults.NotFound();
        var context = await DecidingContextAsync(db, hearing, panel, effects, http, now, ct);

        var preview = hearing.PreviewDecision(request, context, now);
        if (preview.Changes is not { } answer) return preview.Refused!.NamesFields ? preview.Refused.AsValidationProblem() : preview.Refused.AsProblem();
        return TypedResults.Ok(answer);
    }

    /// <summary>What deciding <paramref name="hearing"/> is taken with; the licence is tracked (its status changes with the decision).</summary>
    private static async Task<DecidingContext> DecidingContextAsync(
        LicensingDb db, CaseHearing hearing, HearingPanel panel, EffectDates effects, HttpContext http, DateTimeOffset now, CancellationToken ct)
    {
        var licence = await db.Set<Licence>().SingleAsync(licence => licence.Id == hearing.LicenceId, ct);
        var driver = await db.Set<Driver>().AsNoTracking().SingleAsync(driver => driver.Id == hearing.DriverId, ct);
        var holder = await DecisionMakerOnAsync(db, hearing.HeldOn, ct);
        return new DecidingContext(CouncilTime.DateOf(now), holder, http.User.IsInRole(Roles.Licensing), licence, driver, panel, effects);
    }

    private static Task<string> ReferenceOfAsync(LicensingDb db, CaseHearing hearing, CancellationToken ct) =>
        db.Set<Licence>().Where(licence => licence.Id == hearing.LicenceId).Select(licence => licence.Reference).SingleAsync(ct);

    private static async Task<AuthorityAssignment?> DecisionMakerOnAsync(LicensingDb db, DateOnly heldOn, CancellationToken ct)
    {
        var at = HearingPanel.SittingAt(heldOn);
        var history = await db.AuthorityAssignments.AsNoTracking()
            .Where(assignment => assignment.Function == HearingPanel.Function && assignment.EffectiveFrom <= at).ToListAsync(ct);
        return DirectionsInForce.HolderOf(history, HearingPanel.Function, at);
    }

    internal static async Task<CaseHearing?> LoadAsync(LicensingDb db, Guid id, CancellationToken ct, bool tracking)
    {
        var query = db.Set<CaseHearing>().Include(hearing => hearing.Members).Include(hearing => hearing.Record).Include(hearing => hearing.Decision)
            .AsSplitQuery();
        return await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(hearing => hearing.Id == id, ct);
    }

    internal static HearingView ToView(CaseHearing hearing, string licenceReference, EffectDates? effects) => new(
        hearing.Id, hearing.DriverId, licenceReference, hearing.HeldOn, hearing.Grounds,
        new DecisionMakerView(hearing.DecisionMakerAuthority, hearing.DecisionMakerOversight, hearing.DecisionMakerName, hearing.DirectionsId),
        hearing.Members.OrderBy(member => member.Name).Select(member => new MemberView(member.Name, member.Role, member.Interest, member.TakesPart)).ToList(),
        hearing.Record.OrderBy(entry => entry.Seq).Select(entry => new RecordEntryView(entry.Seq, entry.Kind, entry.Speaker, entry.Text)).ToList(),
        hearing.Decision is { } decision
            ? new DecisionView(decision.Id, decision.Outcome, decision.Grounds, decision.Reasons, decision.Immediate, decision.ImmediateReasons,
                decision.NoticeGivenOn, decision.EffectiveOn, decision.EffectRule,
                (effects ?? new EffectDates()).LastDayToAppeal(decision.Outcome, decision.NoticeGivenOn),
                HearingPanel.GoesToNationalRegister(decision.Outcome, decision.Grounds))
            : null);
}
