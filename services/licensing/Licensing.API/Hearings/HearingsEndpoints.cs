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
            .WithDescription("A suspension or revocation takes effect 21 days after notice, or when an appeal is decided, unless ordered with immediate effect in the interests of public safety. " +
                             "The decision goes to governance's decision register (DecisionRecorded), LicensingDecisionMade is published, SafeguardingConcernRaised on safeguarding grounds, " +
                             "and a refusal, suspension or revocation on safeguarding or road-safety grounds makes a national register entry.");
        return app;
    }

    private static async Task<Results<Created<HearingView>, ValidationProblem, ProblemHttpResult>> Schedule(
        ScheduleHearing request, LicensingDb db, HearingPanel panel, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (request.DriverId is null) errors["driverId"] = ["is required"];
        if (request.HeldOn is null) errors["heldOn"] = ["is required: the day of the hearing, yyyy-MM-dd"];
        if (string.IsNullOrWhiteSpace(request.Grounds)) errors["grounds"] = ["is required: why the driver may be in breach"];
        else if (request.Grounds.Length > 4000) errors["grounds"] = ["must be at most 4000 characters"];
        var members = request.Members ?? [];
        foreach (var (field, rules) in HearingPanel.MemberProblems(members)) errors[field] = rules;
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The hearing cannot be scheduled");

        var licence = await db.Set<Licence>().AsNoTracking()
            .Where(l => l.DriverId == request.DriverId).OrderByDescending(l => l.AppliedOn).FirstOrDefaultAsync(ct);
        if (licence is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["driverId"] = [$"no driver has id {request.DriverId}"] }, title: "The hearing cannot be scheduled");
        var heldOn = request.HeldOn!.Value;
        if (HearingPanel.HeldBeforeApplication(heldOn, licence.AppliedOn) is { } tooEarly)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["heldOn"] = [tooEarly] }, title: "The hearing cannot be scheduled");
        var holder = await DecisionMakerOnAsync(db, heldOn, ct);
        if (holder is null)
            return RuleBroken.Conflict("no-decision-maker", $"No Directions known to the licensing service assign the '{HearingPanel.Function}' function on {heldOn:yyyy-MM-dd}.");

        var hearing = new CaseHearing
        {
            Id = Guid.CreateVersion7(now), DriverId = request.DriverId!.Value, LicenceId = licence.Id, HeldOn = heldOn, Grounds = request.Grounds!.Trim(),
            DecisionMakerAuthority = holder.Authority, DecisionMakerOversight = holder.Oversight, DecisionMakerName = panel.DecisionMakerName(holder.Authority),
            DirectionsId = holder.DirectionsId, RecordedAt = now,
        };
        hearing.Members.AddRange(members.Select(m => new HearingMember
        {
            HearingId = hearing.Id, Name = m.Name!.Trim(), Role = m.Role ?? MemberRole.Advisory, Interest = string.IsNullOrWhiteSpace(m.Interest) ? null : m.Interest.Trim(),
        }));
        db.Add(hearing);
        await db.SaveChangesAsync(ct);
        HearingMetrics.HearingsScheduled.Add(1, new KeyValuePair<string, object?>("decision_maker", hearing.DecisionMakerAuthority.ToString()));
        return TypedResults.Created($"/api/hearings/{hearing.Id}", ToView(hearing, licence.Reference, null));
    }

    private static async Task<Results<Ok<HearingView>, NotFound>> Get(Guid id, LicensingDb db, EffectDates effects, CancellationToken ct)
    {
        var hearing = await LoadAsync(db, id, ct, tracking: false);
        if (hearing is null) return TypedResults.NotFound();
        var reference = await db.Set<Licence>().Where(l => l.Id == hearing.LicenceId).Select(l => l.Reference).SingleAsync(ct);
        return TypedResults.Ok(ToView(hearing, reference, effects));
    }

    private static async Task<Ok<List<HearingView>>> List(Guid? driverId, LicensingDb db, EffectDates effects, CancellationToken ct)
    {
        var query = db.Set<CaseHearing>().AsNoTracking().Include(h => h.Members).Include(h => h.Record).Include(h => h.Decision).AsSplitQuery();
        if (driverId is { } d) query = query.Where(h => h.DriverId == d);
        var hearings = await query.OrderBy(h => h.HeldOn).ThenBy(h => h.Id).Take(1000).ToListAsync(ct);
        var licenceIds = hearings.Select(h => h.LicenceId).Distinct().ToList();
        var references = await db.Set<Licence>().Where(l => licenceIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Reference, ct);
        return TypedResults.Ok(hearings.Select(h => ToView(h, references[h.LicenceId], effects)).ToList());
    }

    private static async Task<Results<Ok<HearingView>, ValidationProblem, NotFound, ProblemHttpResult>> Declare(Guid id, DeclareInterest request, LicensingDb db, EffectDates effects, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Member)) errors["member"] = ["is required: the member's name as on the panel"];
        if (string.IsNullOrWhiteSpace(request.Interest) || request.Interest.Length > 2000) errors["interest"] = ["is required: what the interest is, at most 2000 characters"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The interest cannot be recorded");
        var hearing = await LoadAsync(db, id, ct, tracking: true);
        if (hearing is null) return TypedResults.NotFound();
        var member = hearing.Members.FirstOrDefault(m => string.Equals(m.Name, request.Member!.Trim(), StringComparison.OrdinalIgnoreCase));
        if (member is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["member"] = [$"'{request.Member}' is not a member of this panel"] });
        if (hearing.Decision is not null)
            return RuleBroken.Conflict("hearing-already-decided", $"Hearing {id} was decided; interests are declared before the decision.");
        member.Interest = request.Interest!.Trim();
        await db.SaveChangesAsync(ct);
        var reference = await db.Set<Licence>().Where(l => l.Id == hearing.LicenceId).Select(l => l.Reference).SingleAsync(ct);
        return TypedResults.Ok(ToView(hearing, reference, effects));
    }

    private static async Task<Results<Created<RecordEntryView>, ValidationProblem, NotFound, ProblemHttpResult>> AddToRecord(
        Guid id, NewRecordEntry request, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Kind is null) errors["kind"] = [$"is required: one of {string.Join(", ", Enum.GetNames<RecordKind>())}"];
        if (string.IsNullOrWhiteSpace(request.Speaker) || request.Speaker.Length > 200) errors["speaker"] = ["is required, at most 200 characters"];
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 20000) errors["text"] = ["is required, at most 20000 characters"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The record cannot be added to");
        var hearing = await LoadAsync(db, id, ct, tracking: true);
        if (hearing is null) return TypedResults.NotFound();
        if (hearing.Decision is not null)
            return RuleBroken.Conflict("hearing-already-decided", $"Hearing {id} was decided; its record is closed.");
        var speaker = request.Speaker!.Trim();
        if (request.Kind == RecordKind.Question)
        {
            var member = hearing.Members.FirstOrDefault(m => string.Equals(m.Name, speaker, StringComparison.OrdinalIgnoreCase));
            if (member is { TakesPart: false })
                return RuleBroken.Conflict("member-has-interest", $"{member.Name} declared an interest ({member.Interest}) and takes no part in hearing {id}.");
        }
        var entry = new HearingRecordEntry
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), HearingId = id, Seq = hearing.Record.Count + 1, Kind = request.Kind!.Value,
            Speaker = speaker, Text = request.Text!.Trim(), RecordedAt = clock.GetUtcNow(),
        };
        db.Add(entry);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/hearings/{id}", new RecordEntryView(entry.Seq, entry.Kind, entry.Speaker, entry.Text));
    }

    private static async Task<Results<Created<HearingView>, ValidationProblem, NotFound, ProblemHttpResult>> Decide(
        Guid id, DecideHearing request, LicensingDb db, HearingPanel panel, EffectDates effects, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = CouncilTime.DateOf(now);
        var errors = new Dictionary<string, string[]>();
        if (request.Outcome is null) errors["outcome"] = [$"is required: one of {string.Join(", ", Enum.GetNames<HearingOutcome>())}"];
        if (string.IsNullOrWhiteSpace(request.Reasons)) errors["reasons"] = ["are required: the decision's written reasons"];
        else if (request.Reasons.Length > 20000) errors["reasons"] = ["must be at most 20000 characters"];
        if (request.Grounds is null) errors["grounds"] = [$"is required: one of {string.Join(", ", Enum.GetNames<DecisionGrounds>())}"];
        if (request.NoticeGivenOn is not { } notice) errors["noticeGivenOn"] = ["is required: the day notice of the decision was given, yyyy-MM-dd"];
        else if (notice > today) errors["noticeGivenOn"] = ["must not be in the future"];
        if (errors.Count == 0)
            foreach (var (field, rules) in EffectDates.Validate(ToDecision(request))) errors[field] = rules;
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The decision cannot be recorded");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One decision per hearing, even when two arrive at once.
        if (!await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM hearings WHERE id = {id} FOR UPDATE").AnyAsync(ct)) return TypedResults.NotFound();
        var hearing = (await LoadAsync(db, id, ct, tracking: true))!;
        if (hearing.Decision is not null)
            return RuleBroken.Conflict("hearing-already-decided", $"Hearing {id} was decided on {hearing.Decision.NoticeGivenOn:yyyy-MM-dd}: {hearing.Decision.Outcome}.");
        if (hearing.HeldOn > today)
            return RuleBroken.Conflict("hearing-not-yet-held", $"Hearing {id} is to be held on {hearing.HeldOn:yyyy-MM-dd}; it cannot be decided before.");
        if (request.NoticeGivenOn < hearing.HeldOn)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["noticeGivenOn"] = [$"must not be before the hearing of {hearing.HeldOn:yyyy-MM-dd}"] });
        if (hearing.Members.Any(m => m.Role == MemberRole.DecisionMaker) && !hearing.Members.Any(m => m is { Role: MemberRole.DecisionMaker, TakesPart: true }))
            return RuleBroken.Conflict("no-member-without-interest", $"Every decision-making member of hearing {id} declared an interest: none may take part.");
        // Directions recorded since the hearing was scheduled may have changed who held the function that day.
        var holder = await DecisionMakerOnAsync(db, hearing.HeldOn, ct);
        if (holder is null)
            return RuleBroken.Conflict("no-decision-maker", $"No Directions known to the licensing service assign the '{HearingPanel.Function}' function on {hearing.HeldOn:yyyy-MM-dd}.");
        // A Commissioner decides only what the Directions give the Commissioners; the licensing team records any decision.
        if (!http.User.IsInRole(Roles.Licensing) && holder.Authority != Authority.Commissioners)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not the Commissioners' decision",
                detail: $"On {hearing.HeldOn:yyyy-MM-dd} the Directions gave the '{HearingPanel.Function}' function to the {holder.Authority}, not the Commissioners.");
        if (holder.DirectionsId != hearing.DirectionsId)
        {
            hearing.DecisionMakerAuthority = holder.Authority;
            hearing.DecisionMakerOversight = holder.Oversight;
            hearing.DecisionMakerName = panel.DecisionMakerName(holder.Authority);
            hearing.DirectionsId = holder.DirectionsId;
        }

        var decided = ToDecision(request);
        var effect = effects.Decide(decided);
        var decision = new HearingDecisionRecord
        {
            Id = Guid.CreateVersion7(now), HearingId = id, Outcome = decided.Outcome, Grounds = request.Grounds!.Value, Reasons = request.Reasons!.Trim(),
            Immediate = decided.Immediate, ImmediateReasons = decided.ImmediateReasons?.Trim(), NoticeGivenOn = decided.NoticeGivenOn,
            EffectiveOn = effect.EffectiveOn, EffectRule = effect.Rule, RecordedAt = now,
        };
        // Added explicitly: found only through the navigation, an entity with its key already set would be taken for an existing row.
        db.Add(decision);
        hearing.Decision = decision;
        var licence = await db.Set<Licence>().SingleAsync(l => l.Id == hearing.LicenceId, ct);
        if (StatusFor(decision.Outcome) is { } status)
            db.Add(new LicenceStatusChange
            {
                Id = Guid.CreateVersion7(now), LicenceId = licence.Id, Status = status, EffectiveOn = effect.EffectiveOn, DecisionId = decision.Id,
                Reason = $"{decision.Outcome} decided at the hearing of {hearing.HeldOn:yyyy-MM-dd} ({effect.Rule})", RecordedAt = now,
            });
        var toRegister = HearingPanel.GoesToNationalRegister(decision.Outcome, decision.Grounds);
        if (toRegister)
        {
            var driver = await db.Set<Driver>().SingleAsync(d => d.Id == hearing.DriverId, ct);
            db.Add(new RegisterEntry
            {
                Id = Guid.CreateVersion7(now), DecisionId = decision.Id, Name = driver.Name, DateOfBirth = driver.DateOfBirth, Address = driver.Address,
                NiNumber = driver.NiNumber, DrivingLicenceNumber = driver.DrivingLicenceNumber, Decision = decision.Outcome, DecisionOn = hearing.HeldOn,
                EffectiveOn = effect.EffectiveOn, KeepUntil = HearingPanel.KeepRegisterEntryUntil(hearing.HeldOn), RecordedAt = now,
            });
        }
        DecisionNotices.Publish(db, hearing, decision, licence, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        HearingMetrics.DecisionsMade.Add(1, new("outcome", decision.Outcome.ToString()), new("grounds", decision.Grounds.ToString()));
        return TypedResults.Created($"/api/hearings/{id}", ToView(hearing, licence.Reference, effects));
    }

    private static HearingDecision ToDecision(DecideHearing request) =>
        new(request.Outcome!.Value, request.NoticeGivenOn!.Value, request.Immediate ?? false,
            request.Immediate == true ? (string.IsNullOrWhiteSpace(request.ImmediateReasons) ? request.Reasons : request.ImmediateReasons) : null);

    internal static DecidedStatus? StatusFor(HearingOutcome outcome) => outcome switch
    {
        HearingOutcome.Suspension => DecidedStatus.Suspended,
        HearingOutcome.Revocation => DecidedStatus.Revoked,
        HearingOutcome.Refusal => DecidedStatus.Refused,
        _ => null,
    };

    private static async Task<AuthorityAssignment?> DecisionMakerOnAsync(LicensingDb db, DateOnly heldOn, CancellationToken ct)
    {
        var at = HearingPanel.SittingAt(heldOn);
        var history = await db.AuthorityAssignments.AsNoTracking().Where(a => a.Function == HearingPanel.Function && a.EffectiveFrom <= at).ToListAsync(ct);
        return DirectionsInForce.HolderOf(history, HearingPanel.Function, at);
    }

    internal static async Task<CaseHearing?> LoadAsync(LicensingDb db, Guid id, CancellationToken ct, bool tracking)
    {
        var query = db.Set<CaseHearing>().Include(h => h.Members).Include(h => h.Record).Include(h => h.Decision).AsSplitQuery();
        return await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(h => h.Id == id, ct);
    }

    internal static HearingView ToView(CaseHearing h, string licenceReference, EffectDates? effects) => new(
        h.Id, h.DriverId, licenceReference, h.HeldOn, h.Grounds,
        new DecisionMakerView(h.DecisionMakerAuthority, h.DecisionMakerOversight, h.DecisionMakerName, h.DirectionsId),
        h.Members.OrderBy(m => m.Name).Select(m => new MemberView(m.Name, m.Role, m.Interest, m.TakesPart)).ToList(),
        h.Record.OrderBy(r => r.Seq).Select(r => new RecordEntryView(r.Seq, r.Kind, r.Speaker, r.Text)).ToList(),
        h.Decision is { } d
            ? new DecisionView(d.Id, d.Outcome, d.Grounds, d.Reasons, d.Immediate, d.ImmediateReasons, d.NoticeGivenOn, d.EffectiveOn, d.EffectRule,
                (effects ?? new EffectDates()).LastDayToAppeal(d.Outcome, d.NoticeGivenOn), HearingPanel.GoesToNationalRegister(d.Outcome, d.Grounds))
            : null);
}
