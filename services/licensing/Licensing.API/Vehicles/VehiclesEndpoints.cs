using Intervention.Contracts.Licensing;
using Intervention.ServiceDefaults;
using Licensing.API.Infrastructure;
using Licensing.API.Licences;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Licensing.API.Vehicles;

public static class VehiclesEndpoints
{
    public static IEndpointRouteBuilder MapVehiclesAndOperators(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/vehicles", CreateVehicle).WithTags("Vehicles").WithName("CreateVehicle")
            .WithSummary("Record a vehicle's application for a licence (granted with POST /api/licences/{reference}/grants)");
        app.MapPost("/api/operators", CreateOperator).WithTags("Operators").WithName("CreateOperator")
            .WithSummary("Record a private hire operator's application for a licence");
        return app;
    }

    private static async Task<Results<Created<LicenceApplied>, ValidationProblem, ProblemHttpResult>> CreateVehicle(
        NewVehicle request, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = VehicleRequests.NewVehicleProblems(request, CouncilTime.DateOf(now));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The vehicle cannot be recorded");

        var (vehicle, licence) = Vehicle.Apply(request, await db.NextLicenceNumberAsync(ct), CouncilTime.DateOf(now), now);
        db.AddRange(vehicle, licence);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Vehicle.AlreadyRecorded(vehicle.Registration).AsProblem();
        }
        return TypedResults.Created($"/api/licences/{licence.Reference}", new LicenceApplied(vehicle.Id, licence.Reference));
    }

    private static async Task<Results<Created<LicenceApplied>, ValidationProblem>> CreateOperator(
        NewOperator request, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = VehicleRequests.NewOperatorProblems(request, CouncilTime.DateOf(now));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The operator cannot be recorded");
        var licence = Licence.ForOperator(request.Name!, request.AppliedOn, await db.NextLicenceNumberAsync(ct), CouncilTime.DateOf(now), now);
        db.Add(licence);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/licences/{licence.Reference}", new LicenceApplied(licence.Id, licence.Reference));
    }
}
