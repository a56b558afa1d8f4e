using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Security;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.ServiceDefaults.Data;
using Intervention.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Intervention.Directions;

public static class AuthorityEndpoints
{
    /// <summary>Maps <c>GET /api/authority</c>: who holds this service's functions, or one function, at an instant.</summary>
    public static IEndpointRouteBuilder MapAuthority(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/authority", InForce)
            .WithName("GetAuthorityInForce")
            .WithSummary("Who holds a function, or each of this service's functions, at an instant")
            .WithDescription("Without `function`: a list, for each function this service owns that some Directions has assigned. " +
                             "With `function`: that function's holder (governance answers for every function; other services for their own). " +
                             "`at` is the instant (default now); `asKnownAt` reads the Directions as they were recorded by then (default: as known now).")
            .WithTags("Authority")
            .RequireAccess(Access.Aggregate);
        return app;
    }

    /// <param name="function">A function code from the functions register, e.g. <c>licensing</c>.</param>
    /// <param name="at">The instant to read the Directions at (ISO 8601 with offset); now when absent.</param>
    /// <param name="asKnownAt">Read only the Directions recorded by this instant; all recorded so far when absent.</param>
    /// <param name="db">The service's database.</param>
    /// <param name="service">This service.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="ct">Cancelled when the caller goes away.</param>
    private static async Task<Results<Ok<List<AuthorityInForce>>, Ok<AuthorityInForce>, ValidationProblem, ProblemHttpResult>> InForce(
        string? function, string? at, string? asKnownAt, ServiceDb db, ServiceIdentity service, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (instant, knownAt) = Instants.ReadBitemporal(at, asKnownAt, clock, errors);
        if (function is not null && CouncilFunctions.Find(function) is null)
            errors["function"] = [$"'{function}' is not a function code in the functions register"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        if (function is not null)
        {
            if (!service.KeepsWholeRegister && CouncilFunctions.Find(function)!.Portfolio != service.OwnPortfolio)
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not kept here",
                    detail: $"{service.Name} keeps who holds its own functions only; ask governance for '{function}'.");
            var history = await db.AuthorityAssignments.AsNoTracking().Where(a => a.Function == function && a.EffectiveFrom <= instant).ToListAsync(ct);
            return DirectionsInForce.HolderOf(history, function, instant, knownAt) is { } holder
                ? TypedResults.Ok(ToResponse(holder))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No Directions assign it",
                    detail: $"No Directions in force at {instant:O}{(knownAt is null ? "" : $" as known at {knownAt:O}")} assign '{function}'.");
        }

        var functions = CouncilFunctions.OwnedBy(service.OwnPortfolio).Select(f => f.Code).ToList();
        var assignments = await db.AuthorityAssignments.AsNoTracking()
            .Where(a => functions.Contains(a.Function) && a.EffectiveFrom <= instant)
            .ToListAsync(ct);
        return TypedResults.Ok(functions
            .Select(f => DirectionsInForce.HolderOf(assignments, f, instant, knownAt))
            .OfType<AuthorityAssignment>()
            .Select(ToResponse)
            .ToList());
    }

    private static AuthorityInForce ToResponse(AuthorityAssignment a) => new(a.Function, a.Authority, a.Oversight, a.EffectiveFrom, a.DirectionsId);
}
