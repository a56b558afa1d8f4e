using Children.API.Infrastructure;
using Children.API.Kpis;
using Children.API.Returns903;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;

namespace Children.API.Casework;

/// <summary>
/// The casework the KPIs read beyond the 903 return, loaded in lists (up to 1 MB a request). Each record's natural
/// key (child and date) makes loading it again an update, not a duplicate. A list with any bad record writes nothing
/// and names every bad field (<c>[3].dueOn</c>).
/// </summary>
public static partial class CaseworkEndpoints
{
    public static IEndpointRouteBuilder MapCasework(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/casework").WithTags("Casework");
        group.MapPost("/visits", (List<VisitRecord> body, ChildrenDb db, CancellationToken ct) => Load(body, db, ct, (v, e, i) =>
            {
                Child(e, i, v.Child); Required(e, i, "dueOn", v.DueOn);
                if (v.VisitedOn is { } on && on.Year < 1991) e[$"[{i}].visitedOn"] = ["must be a real visit date"];
            },
            "INSERT INTO statutory_visits (child, due_on, visited_on) SELECT * FROM unnest(@a, @b, @c) ON CONFLICT (child, due_on) DO UPDATE SET visited_on = EXCLUDED.visited_on",
            [Texts(body, v => v.Child), Dates(body, v => v.DueOn), Dates(body, v => v.VisitedOn)]))
            .WithName("LoadVisits").WithSummary("Statutory visits: child, dueOn, visitedOn");
        group.MapPost("/assessments", (List<AssessmentRecord> body, ChildrenDb db, CancellationToken ct) => Load(body, db, ct, (a, e, i) =>
            {
                Child(e, i, a.Child); Required(e, i, "startedOn", a.StartedOn);
                if (a.CompletedOn < a.StartedOn) e[$"[{i}].completedOn"] = ["must not be before startedOn"];
            },
            "INSERT INTO assessments (child, started_on, completed_on) SELECT * FROM unnest(@a, @b, @c) ON CONFLICT (child, started_on) DO UPDATE SET completed_on = EXCLUDED.completed_on",
            [Texts(body, a => a.Child), Dates(body, a => a.StartedOn), Dates(body, a => a.CompletedOn)]))
            .WithName("LoadAssessments").WithSummary("Children and family assessments: child, startedOn, completedOn");
        group.MapPost("/plans", (List<PlanRecord> body, ChildrenDb db, CancellationToken ct) => Load(body, db, ct, (p, e, i) =>
            {
                Child(e, i, p.Child); Required(e, i, "startedOn", p.StartedOn); Required(e, i, "reviewDueOn", p.ReviewDueOn);
                if (p.EndedOn < p.StartedOn) e[$"[{i}].endedOn"] = ["must not be before startedOn"];
            },
            "INSERT INTO plans (child, started_on, ended_on, review_due_on) SELECT * FROM unnest(@a, @b, @c, @d) ON CONFLICT (child, started_on) DO UPDATE SET ended_on = EXCLUDED.ended_on, review_due_on = EXCLUDED.review_due_on",
            [Texts(body, p => p.Child), Dates(body, p => p.StartedOn), Dates(body, p => p.EndedOn), Dates(body, p => p.ReviewDueOn)]))
            .WithName("LoadPlans").WithSummary("Child in need plans: child, startedOn, endedOn, reviewDueOn");
        group.MapPost("/health-assessments", (List<HealthAssessmentRecord> body, ChildrenDb db, CancellationToken ct) => Load(body, db, ct, (h, e, i) =>
            {
                Child(e, i, h.Child); Required(e, i, "dueOn", h.DueOn);
                if (h.Kind is not ("Initial" or "Annual")) e[$"[{i}].kind"] = ["must be Initial or Annual"];
            },
            "INSERT INTO health_assessments (child, kind, due_on, done_on) SELECT * FROM unnest(@a, @b, @c, @d) ON CONFLICT (child, kind, due_on) DO UPDATE SET done_on = EXCLUDED.done_on",
            [Texts(body, h => h.Child), Texts(body, h => h.Kind), Dates(body, h => h.DueOn), Dates(body, h => h.DoneOn)]))
            .WithName("LoadHealthAssessments").WithSummary("Health assessments: child, kind (Initial or Annual), dueOn, doneOn");
        group.MapPost("/return-interviews", (List<ReturnInterviewRecord> body, ChildrenDb db, CancellationToken ct) => Load(body, db, ct, (r, e, i) =>
            {
                Child(e, i, r.Child); Required(e, i, "returnedOn", r.ReturnedOn); Required(e, i, "interviewedOn", r.InterviewedOn);
                if (r.InterviewedOn < r.ReturnedOn) e[$"[{i}].interviewedOn"] = ["must not be before returnedOn"];
            },
            "INSERT INTO return_interviews (child, returned_on, interviewed_on) SELECT * FROM unnest(@a, @b, @c) ON CONFLICT (child, returned_on) DO UPDATE SET interviewed_on = EXCLUDED.interviewed_on",
            [Texts(body, r => r.Child), Dates(body, r => r.ReturnedOn), Dates(body, r => r.InterviewedOn)]))
            .WithName("LoadReturnInterviews").WithSummary("Return home interviews: child, returnedOn (the missing episode's end), interviewedOn");
        group.MapPost("/social-workers", (List<SocialWorkerRecord> body, ChildrenDb db, CancellationToken ct) => Load(body, db, ct, (w, e, i) =>
            {
                Key(e, i, "id", w.Id);
                if (w.Agency is null) e[$"[{i}].agency"] = ["is required: true for an agency worker"];
                Required(e, i, "startedOn", w.StartedOn);
            },
            "INSERT INTO social_workers (id, agency, started_on, left_on) SELECT * FROM unnest(@a, @b, @c, @d) ON CONFLICT (id) DO UPDATE SET agency = EXCLUDED.agency, started_on = EXCLUDED.started_on, left_on = EXCLUDED.left_on",
            [Texts(body, w => w.Id), new NpgsqlParameter("b", body.Select(w => w.Agency ?? false).ToArray()), Dates(body, w => w.StartedOn), Dates(body, w => w.LeftOn)]))
            .WithName("LoadSocialWorkers").WithSummary("Social workers: id, agency, startedOn, leftOn");
        group.MapPost("/allocations", (List<AllocationRecord> body, ChildrenDb db, CancellationToken ct) => Load(body, db, ct, (a, e, i) =>
            {
                Child(e, i, a.Child); Required(e, i, "fromOn", a.FromOn);
                Key(e, i, "socialWorker", a.SocialWorker);
            },
            "INSERT INTO allocations (child, social_worker, from_on, to_on) SELECT * FROM unnest(@a, @b, @c, @d) ON CONFLICT (child, social_worker, from_on) DO UPDATE SET to_on = EXCLUDED.to_on",
            [Texts(body, a => a.Child), Texts(body, a => a.SocialWorker), Dates(body, a => a.FromOn), Dates(body, a => a.ToOn)],
            unknownWorker: true))
            .WithName("LoadAllocations").WithSummary("Allocations of children to social workers: child, socialWorker, fromOn, toOn");
        app.MapPost("/api/postcodes", (List<PostcodeRecord> body, ChildrenDb db, CancellationToken ct) => Load(body, db, ct, (p, e, i) =>
            {
                if (p.Postcode is null || !Codes.IsPostcode(p.Postcode)) e[$"[{i}].postcode"] = ["must be a UK postcode or sector (S60 2)"];
                if (p.Latitude is not (>= 49 and <= 61)) e[$"[{i}].latitude"] = ["must be a UK latitude, 49 to 61"];
                if (p.Longitude is not (>= -9 and <= 2)) e[$"[{i}].longitude"] = ["must be a UK longitude, -9 to 2"];
            },
            "INSERT INTO postcodes (postcode, latitude, longitude) SELECT * FROM unnest(@a, @b, @c) ON CONFLICT (postcode) DO UPDATE SET latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude",
            [Texts(body, p => p.Postcode is null ? null : Postcodes.Normalise(p.Postcode)), new NpgsqlParameter("b", body.Select(p => p.Latitude ?? 0).ToArray()),
             new NpgsqlParameter("c", body.Select(p => p.Longitude ?? 0).ToArray())]))
            .WithTags("KPIs").WithName("LoadPostcodes").WithSummary("The postcode lookup table the distance KPI reads: postcode (or 903 sector), latitude, longitude");
        return app;
    }

    private static void Child(Dictionary<string, string[]> e, int i, string? child)
    {
        if (string.IsNullOrWhiteSpace(child) || child.Length > 10) e[$"[{i}].child"] = ["is required: the council's identifier (903 CHILD), up to 10 characters"];
    }

    /// <summary>A casework key (a social worker's id) becomes a primary key: short, and plain enough to read back in a report.</summary>
    private static void Key(Dictionary<string, string[]> e, int i, string field, string? key)
    {
        if (key is null || !CaseworkKey().IsMatch(key)) e[$"[{i}].{field}"] = ["is required: at most 64 letters, digits, '-' and '_'"];
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex CaseworkKey();

    private static void Required(Dictionary<string, string[]> e, int i, string field, DateOnly? value)
    {
        if (value is null) e[$"[{i}].{field}"] = ["is required, yyyy-MM-dd"];
    }

    private static NpgsqlParameter Texts<T>(List<T> body, Func<T, string?> f) => new() { Value = body.Select(x => f(x) ?? "").ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
    private static NpgsqlParameter Dates<T>(List<T> body, Func<T, DateOnly?> f) => new() { Value = body.Select(x => f(x)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date };

    private static async Task<Results<Ok<Loaded>, ValidationProblem>> Load<T>(List<T>? body, ChildrenDb db, CancellationToken ct,
        Action<T, Dictionary<string, string[]>, int> validate, string sql, NpgsqlParameter[] parameters, bool unknownWorker = false)
    {
        if (body is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["is required: a JSON list of records"] });
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < body.Count; i++)
        {
            if (body[i] is null) errors[$"[{i}]"] = ["must be a record, not null"];
            else validate(body[i], errors, i);
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The records cannot be loaded");
        var connection = await ReturnStore.OpenAsync(db, ct);
        if (unknownWorker && body is List<AllocationRecord> allocations)
        {
            await using var check = new NpgsqlCommand("SELECT array_agg(w) FROM unnest(@w) AS w WHERE w NOT IN (SELECT id FROM social_workers)", connection);
            check.Parameters.AddWithValue("w", allocations.Select(a => a.SocialWorker!).Distinct().ToArray());
            if (await check.ExecuteScalarAsync(ct) is string[] { Length: > 0 } unknown)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["socialWorker"] = [$"names social workers not loaded: {string.Join(", ", unknown.Take(10))}"] });
        }
        await using var cmd = new NpgsqlCommand(sql, connection);
        var names = new[] { "a", "b", "c", "d" };
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].ParameterName = names[i];
            cmd.Parameters.Add(parameters[i]);
        }
        try
        {
            return TypedResults.Ok(new Loaded(await cmd.ExecuteNonQueryAsync(ct)));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CardinalityViolation)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["names the same record (child and date) twice"] });
        }
    }
}
