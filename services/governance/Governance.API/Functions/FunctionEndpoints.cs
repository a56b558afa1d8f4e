using Intervention.ServiceDefaults.Security;
using Governance.API.Infrastructure;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.Directions;
using Intervention.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Governance.API.Functions;

public static class FunctionEndpoints
{
    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/functions", Grid).RequireAccess(Access.Aggregate)
            .WithName("GetFunctionsGrid")
            .WithSummary("The responsibility grid: every council function and who holds it at an instant")
            .WithDescription("`at` (default now) and `asKnownAt` (default: as known now) as for /api/authority.")
            .WithTags("Functions");
        return app;
    }

    /// <param name="at">The instant (ISO 8601 with offset); now when absent.</param>
    /// <param name="asKnownAt">Read only the Directions recorded by this instant.</param>
    /// <param name="db">The governance register.</param>
    /// <param name="clock">The clock.</param>
    private static async Task<Results<Ok<List<FunctionInForce>>, ValidationProblem>> Grid(
        string? at, string? asKnownAt, GovernanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (instant, knownAt) = Instants.ReadBitemporal(at, asKnownAt, clock, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var register = await db.AuthorityAssignments.AsNoTracking().Where(a => a.EffectiveFrom <= instant).ToListAsync(ct);
        return TypedResults.Ok(CouncilFunctions.All.Select(f =>
        {
            var holder = DirectionsInForce.HolderOf(register, f.Code, instant, knownAt);
            return new FunctionInForce
            {
                Code = f.Code, Name = f.Name, Portfolio = f.Portfolio,
                Authority = holder?.Authority, Oversight = holder?.Oversight, DirectionsId = holder?.DirectionsId,
            };
        }).ToList());
    }
}
