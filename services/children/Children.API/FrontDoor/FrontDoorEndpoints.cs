using Intervention.ServiceDefaults.Http;
using Children.API.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Children.API.FrontDoor;

public static class FrontDoorEndpoints
{
    public static IEndpointRouteBuilder MapFrontDoor(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/front-door").WithTags("Front door");
        group.MapGet("/", List).WithName("FrontDoorQueue").WithSummary("The front-door queue, oldest first (status=Open or Closed; all when absent)");
        group.MapPost("/{id:guid}/worked", Work).WithName("WorkContact").WithSummary("Close a contact with who worked it and what was done");
        return app;
    }

    private static async Task<Results<Ok<List<FrontDoorContactView>>, ValidationProblem>> List(string? status, ChildrenDb db, CancellationToken ct)
    {
        if (status is not (null or "Open" or "Closed"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["must be Open or Closed"] });
        var query = db.Set<FrontDoorContact>().AsNoTracking();
        if (status is not null) query = query.Where(contact => contact.Status == status);
        return TypedResults.Ok((await query.OrderBy(contact => contact.ReceivedAt).ToListAsync(ct)).Select(contact => contact.ToView()).ToList());
    }

    private static async Task<Results<Ok<FrontDoorContactView>, NotFound, ValidationProblem, ProblemHttpResult>> Work(
        Guid id, WorkContactRequest request, ChildrenDb db, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.WorkedBy) || string.IsNullOrWhiteSpace(request.Note))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [string.IsNullOrWhiteSpace(request.WorkedBy) ? "workedBy" : "note"] = ["is required"],
            });
        var contact = await db.Set<FrontDoorContact>().FirstOrDefaultAsync(found => found.Id == id, ct);
        if (contact is null) return TypedResults.NotFound();
        var decided = contact.Work(request.WorkedBy, request.Note, clock.GetUtcNow());
        if (decided.Refused is { } broken) return broken.AsProblem();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(contact.ToView());
    }
}
