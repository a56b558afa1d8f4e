using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.ServiceDefaults.Data;
using Intervention.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Intervention.ServiceDefaults.Authority;

public static class AuthorityEndpoints
{
    /// <summary>Maps <c>GET /api/authority</c>: who holds this service's functions at an instant.</summary>
    public static IEndpointRouteBuilder MapAuthority(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/authority", InForce)
            .WithName("GetAuthorityInForce")
            .WithSummary("Who holds each of this service's functions at an instant")
            .WithDescription("For each function this service owns and some Directions has assigned, the authority and oversight in force at `at` (default: now), and the Directions that say so.")
            .WithTags("Authority");
        return app;
    }

    /// <param name="at">The instant to read the Directions at (ISO 8601 with offset); now when absent.</param>
    /// <param name="db">The service's database.</param>
    /// <param name="service">This service.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="ct">Cancelled when the caller goes away.</param>
    private static async Task<Results<Ok<List<AuthorityInForce>>, ValidationProblem>> InForce(
        string? at, ServiceDb db, ServiceIdentity service, TimeProvider clock, CancellationToken ct)
    {
        if (!Instants.TryParse(at, out var instant, clock))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["at"] = [Instants.Rule] });

        var functions = CouncilFunctions.OwnedBy(service.OwnPortfolio).Select(f => f.Code).ToList();
        var history = await db.AuthorityAssignments.AsNoTracking()
            .Where(a => functions.Contains(a.Function) && a.EffectiveFrom <= instant)
            .ToListAsync(ct);
        var inForce = functions
            .Select(f => DirectionsInForce.HolderOf(history, f, instant))
            .OfType<AuthorityAssignment>()
            .Select(a => new AuthorityInForce(a.Function, a.Authority, a.Oversight, a.EffectiveFrom, a.DirectionsId))
            .ToList();
        return TypedResults.Ok(inForce);
    }
}
