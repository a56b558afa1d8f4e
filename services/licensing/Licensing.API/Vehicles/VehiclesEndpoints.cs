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

    private static async Task<Results<Created<LicenceApplied>, ValidationProblem, ProblemHttpResult>> CreateVehicle(NewVehicle request, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = CouncilTime.DateOf(now);
        var errors = new Dictionary<string, string[]>();
        var registration = request.Registration is null ? null : new string(request.Registration.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        if (string.IsNullOrEmpty(registration) || registration.Length > 8) errors["registration"] = ["is required: a UK registration mark of up to 7 letters and digits"];
        if (request.FirstRegisteredOn is not { } first) errors["firstRegisteredOn"] = ["is required: yyyy-MM-dd"];
        else if (first > today) errors["firstRegisteredOn"] = ["must not be in the future"];
        if (request.InsuranceWriteOff is null) errors["insuranceWriteOff"] = ["is required: true when the vehicle has been an insurance write-off"];
        if (request.CctvCertifiedOn is { } certified)
        {
            if (certified > today) errors["cctvCertifiedOn"] = ["must not be in the future"];
            if (request.CctvRecordsVideo is null) errors["cctvRecordsVideo"] = ["is required with cctvCertifiedOn"];
            if (request.CctvRecordsAudio is null) errors["cctvRecordsAudio"] = ["is required with cctvCertifiedOn"];
        }
        if (request.AppliedOn > today) errors["appliedOn"] = ["must not be in the future"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The vehicle cannot be recorded");

        var vehicle = new Vehicle
        {
            Id = Guid.CreateVersion7(now), Registration = registration!, FirstRegisteredOn = request.FirstRegisteredOn!.Value,
            InsuranceWriteOff = request.InsuranceWriteOff!.Value, CctvCertifiedOn = request.CctvCertifiedOn,
            CctvRecordsVideo = request.CctvRecordsVideo ?? false, CctvRecordsAudio = request.CctvRecordsAudio ?? false, RecordedAt = now,
        };
        var licence = new Licence
        {
            Id = Guid.CreateVersion7(now), Reference = Licence.ReferenceFor(LicenceType.Vehicle, await db.NextLicenceNumberAsync(ct)),
            Type = LicenceType.Vehicle, VehicleId = vehicle.Id, AppliedOn = request.AppliedOn ?? today, RecordedAt = now,
        };
        db.AddRange(vehicle, licence);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Intervention.ServiceDefaults.Http.RuleBroken.Conflict("vehicle-already-recorded", $"A vehicle registered {registration} is already recorded.");
        }
        return TypedResults.Created($"/api/licences/{licence.Reference}", new LicenceApplied(vehicle.Id, licence.Reference));
    }

    private static async Task<Results<Created<LicenceApplied>, ValidationProblem>> CreateOperator(NewOperator request, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = CouncilTime.DateOf(now);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["is required: the operator's name, at most 200 characters"];
        if (request.AppliedOn > today) errors["appliedOn"] = ["must not be in the future"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The operator cannot be recorded");
        var licence = new Licence
        {
            Id = Guid.CreateVersion7(now), Reference = Licence.ReferenceFor(LicenceType.Operator, await db.NextLicenceNumberAsync(ct)),
            Type = LicenceType.Operator, OperatorName = request.Name!.Trim(), AppliedOn = request.AppliedOn ?? today, RecordedAt = now,
        };
        db.Add(licence);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/licences/{licence.Reference}", new LicenceApplied(licence.Id, licence.Reference));
    }
}
