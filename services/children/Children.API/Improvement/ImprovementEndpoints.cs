using Intervention.ServiceDefaults.Security;
using Children.API.Infrastructure;
using Children.API.Returns903;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Children.API.Improvement;

/// <summary>Ofsted's recommendations and the seven tests, each with RAG, evidence, owner and history; permanence tracking.</summary>
public static class ImprovementEndpoints
{
    public static readonly string[] Kinds = ["OfstedRecommendation", "SevenTest"];
    public static readonly string[] Rags = ["Red", "Amber", "Green"];
    public static readonly string[] PermanencePlans = ["Adoption", "SpecialGuardianship", "ChildArrangementsOrder", "LongTermFostering", "ReturnHome", "StepDownToFoster"];

    public static IEndpointRouteBuilder MapImprovement(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/improvement").WithTags("Improvement");
        group.MapPut("/items/{code}", PutItem).WithName("PutImprovementItem").WithSummary("Create or update an Ofsted recommendation or seven-tests item");
        group.MapPost("/items/{code}/assessments", Assess).WithName("AssessImprovementItem")
            .WithSummary("Record a dated RAG assessment with evidence and owner; the same date again replaces that day's assessment");
        group.MapGet("/items", List).WithName("ListImprovementItems").WithSummary("Items (kind=OfstedRecommendation or SevenTest) with current RAG and history");
        var permanence = app.MapGroup("/api/permanence").WithTags("Improvement");
        permanence.MapPut("/{child}", PutPermanence).WithName("PutPermanenceCase").WithSummary("A child in scope for a move to permanence, its plan and when it was achieved");
        permanence.MapGet("/", Permanence).WithName("PermanenceSummary").RequireAccess(Access.Aggregate).WithSummary("Children in scope for a move to permanence on a day, and how many moved");
        return app;
    }

    private static ValidationProblem Invalid(string field, string rule) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [rule] });

    private static async Task<Results<Ok<ImprovementItem>, ValidationProblem>> PutItem(string code, ImprovementItemRequest request, ChildrenDb db, CancellationToken ct)
    {
        if (code.Length is 0 or > 40) return Invalid("code", "must be 1 to 40 characters");
        if (request.Kind is null || !Kinds.Contains(request.Kind)) return Invalid("kind", $"must be one of: {string.Join(", ", Kinds)}");
        if (string.IsNullOrWhiteSpace(request.Title)) return Invalid("title", "is required");
        if (string.IsNullOrWhiteSpace(request.Source)) return Invalid("source", "is required: the report it comes from");
        var connection = await ReturnStore.OpenAsync(db, ct);
        await using (var cmd = new NpgsqlCommand("INSERT INTO improvement_items (code, kind, title, source) VALUES (@c, @k, @t, @s) ON CONFLICT (code) DO UPDATE SET kind = @k, title = @t, source = @s", connection))
        {
            cmd.Parameters.AddWithValue("c", code); cmd.Parameters.AddWithValue("k", request.Kind); cmd.Parameters.AddWithValue("t", request.Title); cmd.Parameters.AddWithValue("s", request.Source);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return TypedResults.Ok((await ReadAsync(connection, null, code, ct)).Single());
    }

    private static async Task<Results<Ok<ImprovementItem>, NotFound, ValidationProblem>> Assess(string code, AssessmentRequest request, ChildrenDb db, TimeProvider clock, CancellationToken ct)
    {
        if (request.AssessedOn is null) return Invalid("assessedOn", "is required, yyyy-MM-dd");
        if (request.Rag is null || !Rags.Contains(request.Rag)) return Invalid("rag", "must be Red, Amber or Green");
        if (string.IsNullOrWhiteSpace(request.Evidence)) return Invalid("evidence", "is required: a RAG without evidence is an opinion");
        if (string.IsNullOrWhiteSpace(request.Owner)) return Invalid("owner", "is required");
        var connection = await ReturnStore.OpenAsync(db, ct);
        await using (var cmd = new NpgsqlCommand(
            "INSERT INTO improvement_assessments (id, code, assessed_on, rag, evidence, owner, recorded_at) SELECT @id, code, @on, @rag, @ev, @owner, @at FROM improvement_items WHERE code = @c " +
            "ON CONFLICT (code, assessed_on) DO UPDATE SET rag = @rag, evidence = @ev, owner = @owner, recorded_at = @at", connection))
        {
            cmd.Parameters.AddWithValue("id", Guid.CreateVersion7()); cmd.Parameters.AddWithValue("c", code); cmd.Parameters.AddWithValue("on", request.AssessedOn.Value);
            cmd.Parameters.AddWithValue("rag", request.Rag); cmd.Parameters.AddWithValue("ev", request.Evidence); cmd.Parameters.AddWithValue("owner", request.Owner);
            cmd.Parameters.AddWithValue("at", clock.GetUtcNow());
            if (await cmd.ExecuteNonQueryAsync(ct) == 0) return TypedResults.NotFound();
        }
        return TypedResults.Ok((await ReadAsync(connection, null, code, ct)).Single());
    }

    private static async Task<Results<Ok<List<ImprovementItem>>, ValidationProblem>> List(string? kind, ChildrenDb db, CancellationToken ct)
    {
        if (kind is not null && !Kinds.Contains(kind)) return Invalid("kind", $"must be one of: {string.Join(", ", Kinds)}");
        return TypedResults.Ok(await ReadAsync(await ReturnStore.OpenAsync(db, ct), kind, null, ct));
    }

    private static async Task<List<ImprovementItem>> ReadAsync(NpgsqlConnection connection, string? kind, string? code, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT i.code, i.kind, i.title, i.source, a.assessed_on, a.rag, a.evidence, a.owner FROM improvement_items i LEFT JOIN improvement_assessments a ON a.code = i.code " +
            "WHERE (@k::text IS NULL OR i.kind = @k) AND (@c::text IS NULL OR i.code = @c) ORDER BY i.kind, i.code, a.assessed_on", connection);
        cmd.Parameters.AddWithValue("k", (object?)kind ?? DBNull.Value);
        cmd.Parameters.AddWithValue("c", (object?)code ?? DBNull.Value);
        var items = new List<ImprovementItem>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            if (items.LastOrDefault() is not { } item || item.Code != r.GetString(0))
                items.Add(item = new ImprovementItem(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), null, null, []));
            if (!r.IsDBNull(4)) item.History.Add(new ImprovementAssessment(r.GetFieldValue<DateOnly>(4), r.GetString(5), r.GetString(6), r.GetString(7)));
        }
        return items.Select(i => i with { Rag = i.History.LastOrDefault()?.Rag, Owner = i.History.LastOrDefault()?.Owner }).ToList();
    }

    private static async Task<Results<Ok, ValidationProblem>> PutPermanence(string child, PermanenceRequest request, ChildrenDb db, CancellationToken ct)
    {
        if (child.Length is 0 or > 10) return Invalid("child", "must be the council's identifier (903 CHILD), up to 10 characters");
        if (request.InScopeFrom is null) return Invalid("inScopeFrom", "is required, yyyy-MM-dd");
        if (request.Plan is null || !PermanencePlans.Contains(request.Plan)) return Invalid("plan", $"must be one of: {string.Join(", ", PermanencePlans)}");
        if (request.AchievedOn < request.InScopeFrom) return Invalid("achievedOn", "must not be before inScopeFrom");
        var connection = await ReturnStore.OpenAsync(db, ct);
        await using var cmd = new NpgsqlCommand(
            "INSERT INTO permanence_cases (child, in_scope_from, plan, achieved_on) VALUES (@c, @f, @p, @a) ON CONFLICT (child) DO UPDATE SET in_scope_from = @f, plan = @p, achieved_on = @a", connection);
        cmd.Parameters.AddWithValue("c", child); cmd.Parameters.AddWithValue("f", request.InScopeFrom.Value); cmd.Parameters.AddWithValue("p", request.Plan);
        cmd.Parameters.AddWithValue("a", (object?)request.AchievedOn ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
        return TypedResults.Ok();
    }

    private static async Task<Results<Ok<PermanenceSummary>, ValidationProblem>> Permanence(string? asAt, ChildrenDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!Intervention.ServiceDefaults.Http.Dates.TryParse(asAt, Intervention.ServiceDefaults.CouncilTime.DateOf(clock.GetUtcNow()), out var day))
            return Invalid("asAt", Intervention.ServiceDefaults.Http.Dates.Rule);
        var connection = await ReturnStore.OpenAsync(db, ct);
        await using var cmd = new NpgsqlCommand("SELECT plan, achieved_on IS NOT NULL AND achieved_on <= @d FROM permanence_cases WHERE in_scope_from <= @d", connection);
        cmd.Parameters.AddWithValue("d", day);
        int inScope = 0, achieved = 0;
        var byPlan = new Dictionary<string, int>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            inScope++;
            if (r.GetBoolean(1)) achieved++;
            byPlan[r.GetString(0)] = byPlan.GetValueOrDefault(r.GetString(0)) + 1;
        }
        return TypedResults.Ok(new PermanenceSummary(day, inScope, achieved, byPlan));
    }
}
