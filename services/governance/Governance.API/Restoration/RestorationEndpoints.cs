using Intervention.ServiceDefaults.Security;
using Governance.API.Directions;
using Governance.API.Infrastructure;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.ServiceDefaults.Authority;
using Intervention.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Governance.API.Restoration;

public static class RestorationEndpoints
{
    public static IEndpointRouteBuilder MapRestoration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/restoration").WithTags("Restoration");
        group.MapGet("/", Overview).RequireAccess(Access.Aggregate)
            .WithName("GetRestorationOverview")
            .WithSummary("Every function Commissioners hold now, with its standing against the four tests");
        group.MapGet("/{function}", Get)
            .WithName("GetFunctionRestoration")
            .WithSummary("One function's four tests (latest and history) and its returns");
        group.MapPost("/{function}/assessments", Assess)
            .WithName("AssessReturnTest")
            .WithSummary("Record an assessment (RAG and evidence) of one of the four tests")
            .WithDescription("Appends to the history; earlier assessments are kept. Only for a function Commissioners hold now.");
        group.MapPost("/{function}/recommendation", Recommend).RequireAccess(Access.Decide)
            .WithName("RecommendReturn")
            .WithSummary("Record Commissioners' recommendation to return the function")
            .WithDescription("Refused with 409 (rule `four-tests-not-green`, naming the tests) unless the latest assessment of each of the four tests is Green.");
        group.MapPost("/{function}/minded-to", MindedTo)
            .WithName("RecordMindedTo")
            .WithSummary("Record the Secretary of State's department's \"minded to\" decision and the closing date for representations");
        group.MapPost("/{function}/representations", Represent)
            .WithName("RecordRepresentation")
            .WithSummary("Record a representation received on or before the closing date");
        group.MapPost("/{function}/directions", Close)
            .WithName("CloseReturn")
            .WithSummary("Close the return with the new Directions that give the function back");

        app.MapGet("/api/reviews", Reviews).RequireAccess(Access.Aggregate)
            .WithName("GetQuarterlyReviews")
            .WithSummary("The quarterly review dates and whether each was announced")
            .WithDescription("Each date with whether `ReviewDue` was published for it, when, and the functions Commissioners held then.")
            .WithTags("Restoration");
        return app;
    }

    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets now.</param>
    /// <param name="ct">Cancelled when the caller goes away.</param>
    private static async Task<Ok<List<FunctionRestoration>>> Overview(GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var assignments = await db.AuthorityAssignments.AsNoTracking().Where(a => a.EffectiveFrom <= now).ToListAsync(ct);
        var held = ReturnRules.HeldByCommissioners(assignments, now);
        var result = new List<FunctionRestoration>();
        foreach (var function in held) result.Add(await RestorationOf(db, function, Authority.Commissioners, ct));
        return TypedResults.Ok(result);
    }

    /// <param name="function">The function's code, e.g. <c>childrens-social-care</c>.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets now.</param>
    /// <param name="ct">Cancelled when the caller goes away.</param>
    private static async Task<Results<Ok<FunctionRestoration>, NotFound>> Get(string function, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (CouncilFunctions.Find(function) is null) return TypedResults.NotFound();
        var holder = await HolderAsync(db, function, clock.GetUtcNow(), ct);
        return TypedResults.Ok(await RestorationOf(db, function, holder?.Authority, ct));
    }

    /// <param name="function">The function's code.</param>
    /// <param name="request">The test, its RAG, the evidence, the assessor and when.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    /// <param name="ct">Cancelled when the caller goes away.</param>
    private static async Task<Results<Created<ReturnTestAssessment>, NotFound, ValidationProblem, ProblemHttpResult>> Assess(
        string function, AssessReturnTestRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (CouncilFunctions.Find(function) is null) return TypedResults.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (request.Test is null) errors["test"] = [$"is required: one of {string.Join(", ", Enum.GetNames<ReturnTest>())}"];
        if (request.Rag is null) errors["rag"] = [$"is required: one of {string.Join(", ", Enum.GetNames<Rag>())}"];
        if (string.IsNullOrWhiteSpace(request.Evidence)) errors["evidence"] = ["is required: the evidence the assessment rests on"];
        if (string.IsNullOrWhiteSpace(request.Assessor)) errors["assessor"] = ["is required: who assessed it"];
        var now = clock.GetUtcNow();
        if (request.AssessedAt > now) errors["assessedAt"] = ["must not be in the future"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The assessment cannot be recorded");

        if (await NotHeldByCommissionersAsync(db, function, now, ct) is { } refusal) return refusal;

        var assessment = new TestAssessment
        {
            Id = Guid.CreateVersion7(now),
            Function = function,
            Test = request.Test!.Value,
            Rag = request.Rag!.Value,
            Evidence = request.Evidence!.Trim(),
            Assessor = request.Assessor!.Trim(),
            AssessedAt = (request.AssessedAt ?? now).ToUniversalTime(),
            RecordedAt = now,
        };
        db.Set<TestAssessment>().Add(assessment);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/restoration/{function}", assessment.ToResponse());
    }

    /// <param name="function">The function's code.</param>
    /// <param name="request">The date of the recommendation and who made it.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    /// <param name="ct">Cancelled when the caller goes away.</param>
    private static async Task<Results<Created<FunctionReturn>, NotFound, ValidationProblem, ProblemHttpResult>> Recommend(
        string function, RecommendReturnRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (CouncilFunctions.Find(function) is null) return TypedResults.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (request.RecommendedOn is null) errors["recommendedOn"] = ["is required: the date of the recommendation, yyyy-MM-dd"];
        if (string.IsNullOrWhiteSpace(request.RecommendedBy)) errors["recommendedBy"] = ["is required: who recommended the return"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The recommendation cannot be recorded");

        var now = clock.GetUtcNow();
        if (await NotHeldByCommissionersAsync(db, function, now, ct) is { } refusal) return refusal;
        var current = await CurrentReturnAsync(db, function, ct);
        if (ReturnRules.StepRefusal(ReturnStep.Recommend, current?.Stage) is { } rule) return StepRefused(rule, function, current);

        var assessments = await db.Set<TestAssessment>().AsNoTracking().Where(a => a.Function == function).ToListAsync(ct);
        var latest = ReturnRules.Latest(assessments, a => a.Test, a => a.AssessedAt, a => a.RecordedAt);
        var notGreen = ReturnRules.NotGreen(latest.ToDictionary(l => l.Key, l => l.Value.Rag));
        if (notGreen.Count > 0)
        {
            var detail = string.Join("; ", notGreen.Select(t => latest.TryGetValue(t, out var a) ? $"{t} is {a.Rag}" : $"{t} has not been assessed"));
            return RuleBroken.Conflict(ReturnRules.FourTestsNotGreen,
                $"A return of '{function}' can be recommended only when all four tests are Green: {detail}.",
                new Dictionary<string, object?> { ["failingTests"] = notGreen.Select(t => t.ToString()).ToArray() });
        }

        var process = new ReturnProcess
        {
            Id = Guid.CreateVersion7(now),
            Function = function,
            RecommendedOn = request.RecommendedOn!.Value,
            RecommendedBy = request.RecommendedBy!.Trim(),
            RecommendedAt = now,
        };
        db.Set<ReturnProcess>().Add(process);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/restoration/{function}", process.ToResponse());
    }

    /// <param name="function">The function's code.</param>
    /// <param name="request">The date of the decision, the department and the closing date for representations.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    /// <param name="ct">Cancelled when the caller goes away.</param>
    private static async Task<Results<Ok<FunctionReturn>, NotFound, ValidationProblem, ProblemHttpResult>> MindedTo(
        string function, MindedToRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (CouncilFunctions.Find(function) is null) return TypedResults.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (request.MindedToOn is null) errors["mindedToOn"] = ["is required: the date of the \"minded to\" decision, yyyy-MM-dd"];
        if (string.IsNullOrWhiteSpace(request.Department)) errors["department"] = ["is required: the Secretary of State's department"];
        if (request.RepresentationsCloseOn is null) errors["representationsCloseOn"] = ["is required: the last day for representations, yyyy-MM-dd"];
        else if (request.MindedToOn is { } on && request.RepresentationsCloseOn < on) errors["representationsCloseOn"] = ["must not be before mindedToOn"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The \"minded to\" decision cannot be recorded");

        var current = await CurrentReturnAsync(db, function, ct, track: true);
        if (ReturnRules.StepRefusal(ReturnStep.MindedTo, current?.Stage) is { } rule) return StepRefused(rule, function, current);
        if (request.MindedToOn < current!.RecommendedOn)
            return RuleBroken.Conflict(ReturnRules.MindedToBeforeRecommendation,
                $"The \"minded to\" decision ({request.MindedToOn:yyyy-MM-dd}) cannot precede the recommendation of {current.RecommendedOn:yyyy-MM-dd}.");

        current.MindedToOn = request.MindedToOn;
        current.MindedToBy = request.Department!.Trim();
        current.RepresentationsCloseOn = request.RepresentationsCloseOn;
        current.MindedToRecordedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(current.ToResponse());
    }

    /// <param name="function">The function's code.</param>
    /// <param name="request">When the representation was received, from whom and what it said.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    /// <param name="ct">Cancelled when the caller goes away.</param>
    private static async Task<Results<Ok<FunctionReturn>, NotFound, ValidationProblem, ProblemHttpResult>> Represent(
        string function, RepresentationRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (CouncilFunctions.Find(function) is null) return TypedResults.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (request.ReceivedOn is null) errors["receivedOn"] = ["is required: the date it was received, yyyy-MM-dd"];
        if (string.IsNullOrWhiteSpace(request.From)) errors["from"] = ["is required: who made the representation"];
        if (string.IsNullOrWhiteSpace(request.Summary)) errors["summary"] = ["is required: what it said"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The representation cannot be recorded");

        var current = await CurrentReturnAsync(db, function, ct, track: true);
        if (ReturnRules.StepRefusal(ReturnStep.Representation, current?.Stage) is { } rule) return StepRefused(rule, function, current);
        if (!ReturnRules.RepresentationInTime(request.ReceivedOn!.Value, current!.RepresentationsCloseOn!.Value))
            return RuleBroken.Conflict(ReturnRules.RepresentationsClosed,
                $"Representations on the return of '{function}' closed on {current.RepresentationsCloseOn:yyyy-MM-dd}; this one was received {request.ReceivedOn:yyyy-MM-dd}.");

        var now = clock.GetUtcNow();
        db.Set<ReturnRepresentation>().Add(new ReturnRepresentation
        {
            Id = Guid.CreateVersion7(now),
            ReturnProcessId = current.Id,
            ReceivedOn = request.ReceivedOn.Value,
            MadeBy = request.From!.Trim(),
            Summary = request.Summary!.Trim(),
            RecordedAt = now,
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await CurrentReturnAsync(db, function, ct))!.ToResponse());
    }

    /// <param name="function">The function's code.</param>
    /// <param name="request">The id of the new Directions.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the closing instant.</param>
    /// <param name="ct">Cancelled when the caller goes away.</param>
    private static async Task<Results<Ok<FunctionReturn>, NotFound, ValidationProblem, ProblemHttpResult>> Close(
        string function, CloseReturnRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (CouncilFunctions.Find(function) is null) return TypedResults.NotFound();
        if (request.DirectionsId is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["directionsId"] = ["is required: the id of the new Directions"] });
        var directions = await db.Set<IssuedDirections>().AsNoTracking().Include(d => d.Assignments)
            .FirstOrDefaultAsync(d => d.Id == request.DirectionsId, ct);
        if (directions is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["directionsId"] = [$"no Directions with id {request.DirectionsId} are in the register"] });

        var current = await CurrentReturnAsync(db, function, ct, track: true);
        if (ReturnRules.StepRefusal(ReturnStep.Close, current?.Stage) is { } rule) return StepRefused(rule, function, current);
        if (!ReturnRules.DirectionsAfterRepresentations(directions.IssuedOn, current!.RepresentationsCloseOn!.Value))
            return RuleBroken.Conflict(ReturnRules.RepresentationsStillOpen,
                $"The Directions were issued {directions.IssuedOn:yyyy-MM-dd}, before representations closed on {current.RepresentationsCloseOn:yyyy-MM-dd}.");
        var assigned = directions.Assignments.Select(a => new FunctionAssignment { Function = a.Function, Authority = a.Authority, Oversight = a.Oversight });
        if (!ReturnRules.Returns(assigned, function))
            return RuleBroken.Conflict(ReturnRules.DirectionsDoNotReturnFunction,
                $"Directions {directions.Id} do not give '{function}' to an authority other than the Commissioners.");

        current.ReturnedByDirectionsId = directions.Id;
        current.ClosedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(current.ToResponse());
    }

    /// <param name="db">The governance register.</param>
    /// <param name="options">The configured review dates.</param>
    /// <param name="ct">Cancelled when the caller goes away.</param>
    private static async Task<Ok<List<QuarterlyReview>>> Reviews(GovernanceDb db, ReviewOptions options, CancellationToken ct)
    {
        var announced = await db.Set<ReviewAnnouncement>().AsNoTracking().ToDictionaryAsync(a => a.ReviewDate, ct);
        var dates = ReviewSchedule.Dates(options.Dates, options.Until).Union(announced.Keys).Order();
        return TypedResults.Ok(dates
            .Select(d => announced.TryGetValue(d, out var a)
                ? new QuarterlyReview(d, true, a.AnnouncedAt, a.Functions)
                : new QuarterlyReview(d, false, null, null))
            .ToList());
    }

    private static async Task<AuthorityAssignment?> HolderAsync(GovernanceDb db, string function, DateTimeOffset at, CancellationToken ct)
    {
        var history = await db.AuthorityAssignments.AsNoTracking().Where(a => a.Function == function && a.EffectiveFrom <= at).ToListAsync(ct);
        return DirectionsInForce.HolderOf(history, function, at);
    }

    private static async Task<ProblemHttpResult?> NotHeldByCommissionersAsync(GovernanceDb db, string function, DateTimeOffset now, CancellationToken ct)
    {
        var holder = await HolderAsync(db, function, now, ct);
        return holder?.Authority == Authority.Commissioners
            ? null
            : RuleBroken.Conflict(ReturnRules.NotHeldByCommissioners,
                $"'{function}' is held by {(holder is null ? "no authority named by any Directions" : holder.Authority.ToString())} now: only a function Commissioners hold can be assessed for return.");
    }

    /// <summary>The function's latest return, open or closed; null when none was started.</summary>
    private static Task<ReturnProcess?> CurrentReturnAsync(GovernanceDb db, string function, CancellationToken ct, bool track = false)
    {
        var query = db.Set<ReturnProcess>().Include(r => r.Representations).Where(r => r.Function == function);
        if (!track) query = query.AsNoTracking();
        return query.OrderByDescending(r => r.RecommendedAt).FirstOrDefaultAsync(ct);
    }

    private static ProblemHttpResult StepRefused(string rule, string function, ReturnProcess? current) =>
        RuleBroken.Conflict(rule, current is null
            ? $"No return of '{function}' has been recommended."
            : $"The return of '{function}' is at stage {current.Stage}: rule '{rule}'.",
            new Dictionary<string, object?> { ["stage"] = current?.Stage.ToString() });

    private static async Task<FunctionRestoration> RestorationOf(GovernanceDb db, string function, Authority? heldBy, CancellationToken ct)
    {
        var assessments = await db.Set<TestAssessment>().AsNoTracking().Where(a => a.Function == function).ToListAsync(ct);
        var latest = ReturnRules.Latest(assessments, a => a.Test, a => a.AssessedAt, a => a.RecordedAt);
        var returns = await db.Set<ReturnProcess>().AsNoTracking().Include(r => r.Representations)
            .Where(r => r.Function == function).OrderByDescending(r => r.RecommendedAt).ToListAsync(ct);
        return new FunctionRestoration
        {
            Function = function,
            HeldBy = heldBy,
            Latest = Enum.GetValues<ReturnTest>().Where(latest.ContainsKey).Select(t => latest[t].ToResponse()).ToList(),
            NotGreen = ReturnRules.NotGreen(latest.ToDictionary(l => l.Key, l => l.Value.Rag)),
            History = assessments.OrderByDescending(a => a.AssessedAt).ThenByDescending(a => a.RecordedAt).Select(a => a.ToResponse()).ToList(),
            Returns = returns.Select(r => r.ToResponse()).ToList(),
        };
    }
}
