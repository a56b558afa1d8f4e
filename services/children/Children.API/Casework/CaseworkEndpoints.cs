using Children.API.Infrastructure;
using Children.API.Kpis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Children.API.Casework;

/// <summary>
/// The casework the KPIs read beyond the 903 return, loaded in lists (up to 1 MB a request). Each record's natural
/// key (child and date) makes loading it again an update, not a duplicate. A list with any bad record writes nothing
/// and names every bad field (<c>[3].dueOn</c>).
/// </summary>
public static class CaseworkEndpoints
{
    public static IEndpointRouteBuilder MapCasework(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/casework").WithTags("Casework");
        group.MapPost("/visits", (List<VisitRecord?> body, ChildrenDb db, CancellationToken ct) => LoadAsync(body, CaseworkLists.Visits, db, ct))
            .WithName("LoadVisits").WithSummary("Statutory visits: child, dueOn, visitedOn");
        group.MapPost("/assessments", (List<AssessmentRecord?> body, ChildrenDb db, CancellationToken ct) => LoadAsync(body, CaseworkLists.Assessments, db, ct))
            .WithName("LoadAssessments").WithSummary("Children and family assessments: child, startedOn, completedOn");
        group.MapPost("/plans", (List<PlanRecord?> body, ChildrenDb db, CancellationToken ct) => LoadAsync(body, CaseworkLists.Plans, db, ct))
            .WithName("LoadPlans").WithSummary("Child in need plans: child, startedOn, endedOn, reviewDueOn");
        group.MapPost("/health-assessments",
                (List<HealthAssessmentRecord?> body, ChildrenDb db, CancellationToken ct) => LoadAsync(body, CaseworkLists.HealthAssessments, db, ct))
            .WithName("LoadHealthAssessments").WithSummary("Health assessments: child, kind (Initial or Annual), dueOn, doneOn");
        group.MapPost("/return-interviews",
                (List<ReturnInterviewRecord?> body, ChildrenDb db, CancellationToken ct) => LoadAsync(body, CaseworkLists.ReturnInterviews, db, ct))
            .WithName("LoadReturnInterviews").WithSummary("Return home interviews: child, returnedOn (the missing episode's end), interviewedOn");
        group.MapPost("/social-workers",
                (List<SocialWorkerRecord?> body, ChildrenDb db, CancellationToken ct) => LoadAsync(body, CaseworkLists.SocialWorkers, db, ct))
            .WithName("LoadSocialWorkers").WithSummary("Social workers: id, agency, startedOn, leftOn");
        group.MapPost("/allocations",
                (List<AllocationRecord?> body, ChildrenDb db, CancellationToken ct) => LoadAsync(body, CaseworkLists.Allocations, db, ct, UnknownWorkersAsync))
            .WithName("LoadAllocations").WithSummary("Allocations of children to social workers: child, socialWorker, fromOn, toOn");
        app.MapPost("/api/postcodes", (List<PostcodeRecord?> body, ChildrenDb db, CancellationToken ct) => LoadAsync(body, CaseworkLists.Postcodes, db, ct))
            .WithTags("KPIs").WithName("LoadPostcodes")
            .WithSummary("The postcode lookup table the distance KPI reads: postcode (or 903 sector), latitude, longitude");
        return app;
    }

    private static async Task<Results<Ok<Loaded>, ValidationProblem>> LoadAsync<TRecord, TRow>(List<TRecord?>? body, CaseworkList<TRecord, TRow> list,
        ChildrenDb db, CancellationToken ct, Func<IReadOnlyList<TRow>, ChildrenDb, CancellationToken, Task<ValidationProblem?>>? refuse = null)
        where TRecord : class
        where TRow : class
    {
        if (body is null) return Invalid("body", "is required: a JSON list of records");
        if (list.Errors(body) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, title: "The records cannot be loaded");
        var rows = body.Select(record => list.ToRow(record!)).ToList();
        if (refuse is not null && await refuse(rows, db, ct) is { } refused) return refused;
        if (list.NamesOneRecordTwice(rows)) return Invalid("body", "names the same record (child and date) twice");
        return TypedResults.Ok(new Loaded(await db.Database.ExecuteSqlAsync(list.Upsert(rows), ct)));
    }

    /// <summary>An allocation names a social worker already loaded: the table's foreign key, answered as a 400 naming the workers.</summary>
    private static async Task<ValidationProblem?> UnknownWorkersAsync(IReadOnlyList<Allocation> allocations, ChildrenDb db, CancellationToken ct)
    {
        var named = allocations.Select(allocation => allocation.SocialWorker).Distinct().ToArray();
        var known = await db.Set<SocialWorker>().Where(worker => named.Contains(worker.Id)).Select(worker => worker.Id).ToListAsync(ct);
        var unknown = named.Except(known).Take(10).ToList();
        return unknown.Count > 0 ? Invalid("socialWorker", $"names social workers not loaded: {string.Join(", ", unknown)}") : null;
    }

    private static ValidationProblem Invalid(string field, string rule) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [rule] });
}
