using Intervention.ServiceDefaults.Security;
using Governance.API.Decisions;
using Governance.API.Infrastructure;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.ServiceDefaults.Authority;
using Intervention.ServiceDefaults.Http;
using Intervention.ServiceDefaults.Messaging;
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
            .WithDescription("Records the Directions with the instant they were recorded, and publishes DirectionsIssued so that every service learns who holds its functions.");
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
    /// <param name="ct">Cancelled when the caller goes away.</param>
    private static async Task<Results<Created<DirectionsRecorded>, ValidationProblem, ProblemHttpResult>> Issue(
        IssueDirectionsRequest request, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = DirectionsRules.Validate(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The Directions cannot be recorded");

        var recordedAt = clock.GetUtcNow();
        var effectiveFrom = request.EffectiveFrom!.Value.ToUniversalTime();
        // Serialise writers of the register, so that two contradictory Directions cannot both pass the check.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE directions IN SHARE ROW EXCLUSIVE MODE", ct);
        var functions = request.Assignments!.Select(a => a.Function).ToList();
        var sameInstant = await db.AuthorityAssignments.AsNoTracking()
            .Where(a => a.EffectiveFrom == effectiveFrom && functions.Contains(a.Function))
            .ToListAsync(ct);
        var interventionBegan = await db.Directions.MinAsync(d => (DateTimeOffset?)d.EffectiveFrom, ct);
        if (DirectionsRules.Conflicts(effectiveFrom, request.Assignments!, interventionBegan, sameInstant) is [var conflict, ..])
            return RuleBroken.Conflict(conflict.Rule, conflict.Detail);

        var directions = new IssuedDirections
        {
            Id = Guid.CreateVersion7(recordedAt),
            IssuedOn = request.IssuedOn!.Value,
            IssuedBy = request.IssuedBy!.Select(d => d.Trim()).ToList(),
            EffectiveFrom = effectiveFrom,
            RecordedAt = recordedAt,
            InterventionEndsOn = request.InterventionEndsOn,
        };
        directions.Assignments.AddRange(request.Assignments!.Select(a => new AuthorityAssignment
        {
            DirectionsId = directions.Id,
            Function = a.Function,
            Authority = a.Authority,
            Oversight = a.Oversight,
            EffectiveFrom = effectiveFrom,
            RecordedAt = recordedAt,
        }));
        db.Directions.Add(directions);
        await DecisionReview.RecheckAsync(db, directions, recordedAt, ct);
        db.AddEvent(new DirectionsIssued
        {
            EventId = Guid.NewGuid(),
            OccurredAt = recordedAt,
            DirectionsId = directions.Id,
            IssuedOn = directions.IssuedOn,
            IssuedBy = directions.IssuedBy,
            EffectiveFrom = effectiveFrom,
            RecordedAt = recordedAt,
            InterventionEndsOn = directions.InterventionEndsOn,
            Assignments = request.Assignments!,
        }, recordedAt);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        return TypedResults.Created($"/api/directions/{directions.Id}", new DirectionsRecorded(directions.Id, recordedAt));
    }

    /// <param name="db">The governance register.</param>
    /// <param name="ct">Cancelled when the caller goes away.</param>
    private static async Task<Ok<List<DirectionsDetail>>> List(GovernanceDb db, CancellationToken ct)
    {
        var all = await db.Directions.AsNoTracking().Include(x => x.Assignments)
            .OrderBy(d => d.EffectiveFrom).ThenBy(d => d.RecordedAt).ToListAsync(ct);
        return TypedResults.Ok(all.Select(ToDetail).ToList());
    }

    /// <param name="id">The Directions' id.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="ct">Cancelled when the caller goes away.</param>
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
