using Intervention.Contracts.Licensing;
using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Http;
using Intervention.ServiceDefaults.Security;
using Licensing.API.Drivers;
using Licensing.API.Infrastructure;
using Licensing.API.Vehicles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Licensing.API.Licences;

public static class LicencesEndpoints
{
    public static IEndpointRouteBuilder MapLicences(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/licences").WithTags("Licences");
        group.MapPost("/{reference}/grants", Grant).WithName("GrantLicence")
            .WithSummary("Grant or renew a licence: a driver must be found fit that day, a vehicle must meet the vehicle policy")
            .WithDescription("409 officer-cannot-grant (with the fitness outcome and every reason) when the driver is not fit or needs a hearing; 409 " +
                "vehicle-not-licensable with the reasons.");
        group.MapGet("/{reference}", Get).WithName("GetLicence")
            .WithSummary("A licence's grants, decided changes and status on a day (`at`, default today); no personal details");
        group.MapGet("/", Summary).WithName("CountLicences").RequireAccess(Access.Aggregate)
            .WithSummary("How many licences of each type are in each status on a day (`at`, default today)");
        return app;
    }

    private static async Task<Results<Created<LicenceView>, ValidationProblem, NotFound, ProblemHttpResult>> Grant(
        string reference, GrantRequest request, LicensingDb db, FitnessPolicy fitness, VehiclePolicy vehicles, LicenceTerms terms,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var licence = await db.Set<Licence>().Include(licence => licence.Grants).Include(licence => licence.StatusChanges)
            .FirstOrDefaultAsync(licence => licence.Reference == reference, ct);
        if (licence is null) return TypedResults.NotFound();
        // The driver's records as they would be with this grant, which must have had its register search too.
        var driver = (licence.DriverId, request.GrantedOn) is ({ } driverId, { } grantedOn)
            ? await DriverFile.ReadAsync(db, driverId, ct, decidingGrant: grantedOn)
            : null;
        var vehicle = licence.VehicleId is { } vehicleId ? await db.Set<Vehicle>().SingleAsync(vehicle => vehicle.Id == vehicleId, ct) : null;

        var granted = licence.Grant(request, new GrantingContext(CouncilTime.DateOf(now), driver, vehicle, fitness, vehicles, terms), now);
        if (granted.Changes is not { } grant) return granted.Refused!.NamesFields ? granted.Refused.AsValidationProblem() : granted.Refused.AsProblem();
        db.Add(grant);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/licences/{reference}", ToView(licence, grant.GrantedOn));
    }

    private static async Task<Results<Ok<LicenceView>, NotFound, ValidationProblem>> Get(
        string reference, string? at, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!Dates.TryParse(at, CouncilTime.DateOf(clock.GetUtcNow()), out var on))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["at"] = [Dates.Rule] });
        var licence = await db.Set<Licence>().AsNoTracking().Include(licence => licence.Grants).Include(licence => licence.StatusChanges)
            .FirstOrDefaultAsync(licence => licence.Reference == reference, ct);
        return licence is null ? TypedResults.NotFound() : TypedResults.Ok(ToView(licence, on));
    }

    private static async Task<Results<Ok<List<LicenceCount>>, ValidationProblem>> Summary(string? at, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!Dates.TryParse(at, CouncilTime.DateOf(clock.GetUtcNow()), out var on))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["at"] = [Dates.Rule] });
        var licences = await db.Set<Licence>().AsNoTracking().Include(licence => licence.Grants).Include(licence => licence.StatusChanges).AsSplitQuery()
            .ToListAsync(ct);
        return TypedResults.Ok(licences
            .GroupBy(licence => (licence.Type, Status: StatusOf(licence, on)))
            .OrderBy(group => group.Key.Type).ThenBy(grant => grant.Key.Status)
            .Select(group => new LicenceCount(group.Key.Type, group.Key.Status, group.Count()))
            .ToList());
    }

    internal static LicenceStatus StatusOf(Licence licence, DateOnly on) => licence.StatusOn(on);

    internal static LicenceView ToView(Licence licence, DateOnly on) => new(licence.Reference, licence.Type, licence.AppliedOn, on, StatusOf(licence, on),
        licence.Grants.OrderBy(grant => grant.GrantedOn)
            .Select(grant => new GrantView(grant.GrantedOn, grant.TermMonths, grant.ExpiresOn, grant.ShorterTermReason, grant.ExceptionalCondition)).ToList(),
        licence.StatusChanges.OrderBy(change => change.RecordedAt)
            .Select(change => new StatusChangeView(change.Status, change.EffectiveOn, change.DecisionId, change.Reason)).ToList());
}
