using Intervention.ServiceDefaults.Security;
using Governance.API.Decisions;
using Governance.API.Infrastructure;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.Directions;
using Intervention.ServiceDefaults.Http;
using Intervention.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Governance.API.Directions;

public static class DirectionsEndpoints
{
    public static IEndpointRouteBuilder MapDirections(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/directions").WithTags("Directions");
        group.MapPost("/", Issue)
            .WithName("IssueDirections")
            .WithSummary("Record Directions issued by a Secretary of State")
            .WithDescription("Records the Directions with the instant they were recorded, and publishes DirectionsIssued so that every service " +
                             "learns who holds its functions.");
        group.MapGet("/", List).RequireAccess(Access.Aggregate)
            .WithName("ListDirections")
            .WithSummary("Every Directions in the register, in the order they take effect");
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Aggregate)
            .WithName("GetDirections")
            .WithSummary("One Directions as the register holds it");
        return app;
    }

    /// <param name="request">The Directions: issued date, department(s), effective instant and the functions they assign.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Created<DirectionsRecorded>, ValidationProblem, ProblemHttpResult>> Issue(
        IssueDirectionsRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = DirectionsRules.Validate(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The Directions cannot be recorded");

        var recordedAt = clock.GetUtcNow();
        var effectiveFrom = request.EffectiveFrom!.Value.ToUniversalTime();
        var functions = request.Assignments!.Select(assignment => assignment.Function).Distinct().ToList();
        // Serialise writers of the register, so that two contradictory Directions cannot both pass the check.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE directions IN SHARE ROW EXCLUSIVE MODE", ct);
        var register = await db.AuthorityAssignments.AsNoTracking().Where(a => functions.Contains(a.Function)).ToListAsync(ct);
        var interventionBegan = await db.Directions.MinAsync(d => (DateTimeOffset?)d.EffectiveFrom, ct);
        var decisions = await db.Set<Decision>().Where(d => functions.Contains(d.Function) && d.DecidedAt >= effectiveFrom).ToListAsync(ct);

        var decided = DirectionsRegister.Issue(request, recordedAt, interventionBegan, register, decisions);
        if (decided.Refused is { } broken) return broken.AsProblem();
        var issued = decided.Changes!;
        db.Directions.Add(issued.Directions);
        foreach (var questioned in issued.Questioned) db.AddEvent(questioned, recordedAt);
        foreach (var cleared in issued.Cleared) db.AddEvent(cleared, recordedAt);
        db.AddEvent(issued.Event, recordedAt);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/directions/{issued.Directions.Id}", new DirectionsRecorded(issued.Directions.Id, recordedAt));
    }

    /// <param name="db">The governance register.</param>
    private static async Task<Ok<List<DirectionsDetail>>> List(GovernanceDb db, CancellationToken ct)
    {
        var all = await db.Directions.AsNoTracking().Include(x => x.Assignments)
            .OrderBy(d => d.EffectiveFrom).ThenBy(d => d.RecordedAt).ToListAsync(ct);
        return TypedResults.Ok(all.Select(ToDetail).ToList());
    }

    /// <param name="id">The Directions' id.</param>
    /// <param name="db">The governance register.</param>
    private static async Task<Results<Ok<DirectionsDetail>, NotFound>> Get(Guid id, GovernanceDb db, CancellationToken ct)
    {
        var d = await db.Directions.AsNoTracking().Include(x => x.Assignments).FirstOrDefaultAsync(x => x.Id == id, ct);
        return d is null ? TypedResults.NotFound() : TypedResults.Ok(ToDetail(d));
    }

    private static DirectionsDetail ToDetail(IssuedDirections d) => new()
    {
        Id = d.Id,
        IssuedOn = d.IssuedOn,
        IssuedBy = d.IssuedBy,
        EffectiveFrom = d.EffectiveFrom,
        RecordedAt = d.RecordedAt,
        InterventionEndsOn = d.InterventionEndsOn,
        Assignments = d.Assignments.Select(a => new FunctionAssignment { Function = a.Function, Authority = a.Authority, Oversight = a.Oversight }).ToList(),
    };
}
