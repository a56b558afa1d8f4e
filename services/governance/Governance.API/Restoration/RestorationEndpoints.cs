using Intervention.ServiceDefaults.Security;
using Governance.API.Directions;
using Governance.API.Infrastructure;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.Directions;
using Intervention.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
            .WithDescription("Refused with 409 (rule `four-tests-not-green`, naming the tests) unless the latest assessment of each of the four " +
                             "tests is Green.");
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
    private static async Task<Results<Created<ReturnTestAssessment>, NotFound, ValidationProblem, ProblemHttpResult>> Assess(
        string function, AssessReturnTestRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (CouncilFunctions.Find(function) is null) return TypedResults.NotFound();
        var now = clock.GetUtcNow();
        var errors = RestorationRequests.Validate(request, now);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The assessment cannot be recorded");

        var decided = TestAssessment.Record(function, await HolderAsync(db, function, now, ct), request, now);
        if (decided.Refused is { } broken) return broken.AsProblem();
        db.Set<TestAssessment>().Add(decided.Changes!);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/restoration/{function}", decided.Changes!.ToResponse());
    }

    /// <param name="function">The function's code.</param>
    /// <param name="request">The date of the recommendation and who made it.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Created<FunctionReturn>, NotFound, ValidationProblem, ProblemHttpResult>> Recommend(
        string function, RecommendReturnRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (CouncilFunctions.Find(function) is null) return TypedResults.NotFound();
        var errors = RestorationRequests.Validate(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The recommendation cannot be recorded");

        var now = clock.GetUtcNow();
        var holder = await HolderAsync(db, function, now, ct);
        var current = await CurrentReturnAsync(db, function, ct);
        var assessments = await db.Set<TestAssessment>().AsNoTracking().Where(a => a.Function == function).ToListAsync(ct);
        var decided = ReturnProcess.Recommend(function, holder, current, assessments, request, now);
        if (decided.Refused is { } broken) return broken.AsProblem();
        db.Set<ReturnProcess>().Add(decided.Changes!);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/restoration/{function}", decided.Changes!.ToResponse());
    }

    /// <param name="function">The function's code.</param>
    /// <param name="request">The date of the decision, the department and the closing date for representations.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Ok<FunctionReturn>, NotFound, ValidationProblem, ProblemHttpResult>> MindedTo(
        string function, MindedToRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (CouncilFunctions.Find(function) is null) return TypedResults.NotFound();
        var errors = RestorationRequests.Validate(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The \"minded to\" decision cannot be recorded");

        var current = await CurrentReturnAsync(db, function, ct, track: true);
        if (ReturnProcess.MindedTo(function, current, request, clock.GetUtcNow()) is { } broken) return broken.AsProblem();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(current!.ToResponse());
    }

    /// <param name="function">The function's code.</param>
    /// <param name="request">When the representation was received, from whom and what it said.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Ok<FunctionReturn>, NotFound, ValidationProblem, ProblemHttpResult>> Represent(
        string function, RepresentationRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (CouncilFunctions.Find(function) is null) return TypedResults.NotFound();
        var errors = RestorationRequests.Validate(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The representation cannot be recorded");

        var current = await CurrentReturnAsync(db, function, ct, track: true);
        var decided = ReturnProcess.Represent(function, current, request, clock.GetUtcNow());
        if (decided.Refused is { } broken) return broken.AsProblem();
        db.Set<ReturnRepresentation>().Add(decided.Changes!);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await CurrentReturnAsync(db, function, ct))!.ToResponse());
    }

    /// <param name="function">The function's code.</param>
    /// <param name="request">The id of the new Directions.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the closing instant.</param>
    private static async Task<Results<Ok<FunctionReturn>, NotFound, ValidationProblem, ProblemHttpResult>> Close(
        string function, CloseReturnRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (CouncilFunctions.Find(function) is null) return TypedResults.NotFound();
        if (request.DirectionsId is null) return DirectionsIdProblem("is required: the id of the new Directions");
        var directions = await db.Set<IssuedDirections>().AsNoTracking().Include(d => d.Assignments)
            .FirstOrDefaultAsync(d => d.Id == request.DirectionsId, ct);
        if (directions is null) return DirectionsIdProblem($"no Directions with id {request.DirectionsId} are in the register");

        var current = await CurrentReturnAsync(db, function, ct, track: true);
        if (ReturnProcess.Close(function, current, directions, clock.GetUtcNow()) is { } broken) return broken.AsProblem();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(current!.ToResponse());
    }

    private static ValidationProblem DirectionsIdProblem(string rule) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["directionsId"] = [rule] });

    /// <param name="db">The governance register.</param>
    /// <param name="reviews">The configured review dates.</param>
    private static async Task<Ok<List<QuarterlyReview>>> Reviews(GovernanceDb db, IOptions<ReviewOptions> reviews, CancellationToken ct)
    {
        var options = reviews.Value;
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

    /// <summary>The function's latest return, open or closed; null when none was started.</summary>
    private static Task<ReturnProcess?> CurrentReturnAsync(GovernanceDb db, string function, CancellationToken ct, bool track = false)
    {
        var query = db.Set<ReturnProcess>().Include(r => r.Representations).Where(r => r.Function == function);
        if (!track) query = query.AsNoTracking();
        return query.OrderByDescending(r => r.RecommendedAt).FirstOrDefaultAsync(ct);
    }

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
