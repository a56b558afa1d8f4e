using Children.API.Infrastructure;
using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Http;
using Intervention.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Children.API.Improvement;

/// <summary>Ofsted's recommendations and the seven tests, each with RAG, evidence, owner and history; permanence tracking.</summary>
public static class ImprovementEndpoints
{
    public static readonly string[] Kinds = ["OfstedRecommendation", "SevenTest"];
    public static readonly string[] Rags = ["Red", "Amber", "Green"];
    public static readonly string[] PermanencePlans =
        ["Adoption", "SpecialGuardianship", "ChildArrangementsOrder", "LongTermFostering", "ReturnHome", "StepDownToFoster"];

    public static IEndpointRouteBuilder MapImprovement(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/improvement").WithTags("Improvement");
        group.MapPut("/items/{code}", PutItem).WithName("PutImprovementItem").WithSummary("Create or update an Ofsted recommendation or seven-tests item");
        group.MapPost("/items/{code}/assessments", Assess).WithName("AssessImprovementItem")
            .WithSummary("Record a dated RAG assessment with evidence and owner; the same date again replaces that day's assessment");
        group.MapGet("/items", List).WithName("ListImprovementItems").WithSummary("Items (kind=OfstedRecommendation or SevenTest) with current RAG " +
            "and history");
        var permanence = app.MapGroup("/api/permanence").WithTags("Improvement");
        permanence.MapPut("/{child}", PutPermanence).WithName("PutPermanenceCase")
            .WithSummary("A child in scope for a move to permanence, its plan and when it was achieved");
        permanence.MapGet("/", Permanence).WithName("PermanenceSummary").RequireAccess(Access.Aggregate)
            .WithSummary("Children in scope for a move to permanence on a day, and how many moved");
        return app;
    }

    private static ValidationProblem Invalid(string field, string rule) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [rule] });

    private static async Task<Results<Ok<ImprovementItem>, ValidationProblem>> PutItem(
        string code, ImprovementItemRequest request, ChildrenDb db, CancellationToken ct)
    {
        if (code.Length is 0 or > 40) return Invalid("code", "must be 1 to 40 characters");
        if (request.Kind is null || !Kinds.Contains(request.Kind)) return Invalid("kind", $"must be one of: {string.Join(", ", Kinds)}");
        if (string.IsNullOrWhiteSpace(request.Title)) return Invalid("title", "is required");
        if (string.IsNullOrWhiteSpace(request.Source)) return Invalid("source", "is required: the report it comes from");
        for (var attempt = 1; ; attempt++)
        {
            var stored = await Items(db).FirstOrDefaultAsync(item => item.Code == code, ct);
            var item = ImprovementItemRecord.Put(stored, code, request);
            if (stored is null) db.Add(item);
            if (await SavedAsync(db, attempt, ct)) return TypedResults.Ok(item.ToView());
        }
    }

    private static async Task<Results<Ok<ImprovementItem>, NotFound, ValidationProblem>> Assess(
        string code, AssessmentRequest request, ChildrenDb db, TimeProvider clock, CancellationToken ct)
    {
        if (request.AssessedOn is null) return Invalid("assessedOn", "is required, yyyy-MM-dd");
        if (request.Rag is null || !Rags.Contains(request.Rag)) return Invalid("rag", "must be Red, Amber or Green");
        if (string.IsNullOrWhiteSpace(request.Evidence)) return Invalid("evidence", "is required: a RAG without evidence is an opinion");
        if (string.IsNullOrWhiteSpace(request.Owner)) return Invalid("owner", "is required");
        var item = await Items(db).FirstOrDefaultAsync(found => found.Code == code, ct);
        if (item is null) return TypedResults.NotFound();
        item.Assess(request, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(item.ToView());
    }

    private static async Task<Results<Ok<List<ImprovementItem>>, ValidationProblem>> List(string? kind, ChildrenDb db, CancellationToken ct)
    {
        if (kind is not null && !Kinds.Contains(kind)) return Invalid("kind", $"must be one of: {string.Join(", ", Kinds)}");
        var items = await Items(db).AsNoTracking().Where(item => kind == null || item.Kind == kind)
            .OrderBy(item => item.Kind).ThenBy(item => item.Code).ToListAsync(ct);
        return TypedResults.Ok(items.Select(item => item.ToView()).ToList());
    }

    /// <summary>
    /// Saves a put. Two first puts of one key at once: the later insert meets the earlier's row, so it is loaded and decided
    /// again as an update of it (false: try again) rather than answered with a 500.
    /// </summary>
    private static async Task<bool> SavedAsync(ChildrenDb db, int attempt, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (attempt == 1 && e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static IQueryable<ImprovementItemRecord> Items(ChildrenDb db) => db.Set<ImprovementItemRecord>().Include(item => item.Assessments);

    private static async Task<Results<Ok, ValidationProblem>> PutPermanence(string child, PermanenceRequest request, ChildrenDb db, CancellationToken ct)
    {
        if (child.Length is 0 or > 10) return Invalid("child", "must be the council's identifier (903 CHILD), up to 10 characters");
        if (request.InScopeFrom is null) return Invalid("inScopeFrom", "is required, yyyy-MM-dd");
        if (request.Plan is null || !PermanencePlans.Contains(request.Plan)) return Invalid("plan", $"must be one of: {string.Join(", ", PermanencePlans)}");
        if (request.AchievedOn < request.InScopeFrom) return Invalid("achievedOn", "must not be before inScopeFrom");
        for (var attempt = 1; ; attempt++)
        {
            var stored = await db.Set<PermanenceCase>().FirstOrDefaultAsync(permanence => permanence.Child == child, ct);
            var permanenceCase = PermanenceCase.Put(stored, child, request);
            if (stored is null) db.Add(permanenceCase);
            if (await SavedAsync(db, attempt, ct)) return TypedResults.Ok();
        }
    }

    private static async Task<Results<Ok<PermanenceSummary>, ValidationProblem>> Permanence(
        string? asAt, ChildrenDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!Dates.TryParse(asAt, CouncilTime.DateOf(clock.GetUtcNow()), out var day)) return Invalid("asAt", Dates.Rule);
        var cases = await db.Set<PermanenceCase>().AsNoTracking().Where(permanence => permanence.InScopeFrom <= day).ToListAsync(ct);
        return TypedResults.Ok(PermanenceCase.Summarise(cases, day));
    }
}
