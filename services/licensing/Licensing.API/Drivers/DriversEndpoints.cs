using Intervention.Contracts.Licensing;
using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Data;
using Intervention.ServiceDefaults.Http;
using Intervention.ServiceDefaults.Security;
using Licensing.API.Infrastructure;
using Licensing.API.Licences;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Licensing.API.Drivers;

public static class DriversEndpoints
{
    public static IEndpointRouteBuilder MapDrivers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/drivers").WithTags("Drivers");
        group.MapPost("/", Create).WithName("CreateDriver")
            .WithSummary("Record a driver's application for a hackney carriage or private hire licence")
            .WithDescription("Answers the driver's id and the licence reference that events and other services use. Checks and convictions already on " +
                "file, and a licence granted before this system, may come with it.");
        group.MapGet("/{id:guid}", Get).WithName("GetDriver").RequireAccess(Access.Personal)
            .WithSummary("A driver's personal record; every read is audited (who, when, why: give `purpose`)");
        group.MapPost("/{id:guid}/convictions", AddConviction).WithName("AddConviction")
            .WithSummary("Record a conviction against the offence categories of the convictions policy");
        group.MapPost("/{id:guid}/checks", AddCheck).WithName("AddDriverCheck")
            .WithSummary("Record a dated check: DBS, update service, training, BTEC, knowledge test, medical, DVLA, register search, police " +
                "intelligence, self-report");
        group.MapGet("/{id:guid}/fitness", Fitness).WithName("GetFitness").RequireAccess(Access.Personal)
            .WithSummary("Whether the driver is fit and proper on a day, with every reason: Fit, NotFit or NeedsHearing")
            .WithDescription("`at` is the day (yyyy-MM-dd, default today). Records dated after it are not read. The read is audited.");
        return app;
    }

    private static async Task<Results<Created<DriverCreated>, ValidationProblem, ProblemHttpResult>> Create(
        NewDriver request, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = DriverRequests.NewDriverProblems(request, CouncilTime.DateOf(now));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: DriverRequests.NewDriverTitle);
        var (niNumber, type) = (Driver.Normalise(request.NiNumber), request.LicenceType!.Value);
        var earlier = niNumber is null ? null : await EarlierApplicationAsync(db, niNumber, type, ct);

        var applied = Driver.Apply(request, earlier, await db.NextLicenceNumberAsync(ct), CouncilTime.DateOf(now), now);
        if (applied.Changes is not { } changes) return applied.Refused!.AsProblem();
        db.AddRange(changes.Driver, changes.Licence);
        db.AddRange(changes.Checks);
        db.AddRange(changes.Convictions);
        if (changes.Application is { } application) db.Add(application);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (niNumber is not null && e.InnerException is PostgresException
                                          { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "licence_applications_pkey" })
        {
            // The same application arrived twice at once and the other one was saved first.
            return (await EarlierApplicationAsync(db, niNumber, type, ct))!.Refused(type).AsProblem();
        }
        return TypedResults.Created($"/api/drivers/{changes.Driver.Id}", new DriverCreated(changes.Driver.Id, changes.Licence.Reference));
    }

    private static async Task<EarlierApplication?> EarlierApplicationAsync(LicensingDb db, string niNumber, LicenceType type, CancellationToken ct) =>
        await (from application in db.Set<LicenceApplication>().AsNoTracking()
               where application.NiNumber == niNumber && application.LicenceType == type
               join licence in db.Set<Licence>().AsNoTracking() on application.LicenceId equals licence.Id
               select new EarlierApplication(application.DriverId, licence.Reference)).FirstOrDefaultAsync(ct);

    private static async Task<Results<Ok<DriverDetail>, NotFound>> Get(
        Guid id, string? purpose, LicensingDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var driver = await db.Set<Driver>().AsNoTracking().FirstOrDefaultAsync(driver => driver.Id == id, ct);
        if (driver is null) return TypedResults.NotFound();
        await RecordReads.LogAsync(db, id, purpose ?? "driver record viewed", http, clock, ct);
        var licences = await db.Set<Licence>().Where(licence => licence.DriverId == id).Select(licence => licence.Reference).ToListAsync(ct);
        var convictions = await db.Set<ConvictionRecord>().AsNoTracking().Where(conviction => conviction.DriverId == id)
            .OrderBy(conviction => conviction.ConvictedOn).ToListAsync(ct);
        var checks = await db.Set<DriverCheck>().AsNoTracking().Where(check => check.DriverId == id).OrderBy(check => check.CheckedOn).ToListAsync(ct);
        return TypedResults.Ok(new DriverDetail(driver.Id, driver.Name, driver.DateOfBirth, driver.Address, driver.NiNumber, driver.DrivingLicenceNumber,
            licences,
            convictions.Select(conviction => new ConvictionView(conviction.Id, conviction.Category, conviction.ConvictedOn, conviction.SentenceEndsOn,
                conviction.BanEndsOn, conviction.Offence)).ToList(),
            checks.Select(check => new CheckView(check.Id, check.Kind, check.CheckedOn, check.Passed, check.BothBarredLists, check.OnBarredList,
                check.RegisterMatch, check.HappenedOn, check.Summary)).ToList()));
    }

    private static async Task<Results<Created<RecordCreated>, ValidationProblem, NotFound>> AddConviction(
        Guid id, NewConviction request, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = DriverRequests.ConvictionProblems(request, CouncilTime.DateOf(now));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The conviction cannot be recorded");
        if (!await db.Set<Driver>().AnyAsync(driver => driver.Id == id, ct)) return TypedResults.NotFound();
        var conviction = ConvictionRecord.From(id, request, now);
        db.Add(conviction);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/drivers/{id}/convictions/{conviction.Id}", new RecordCreated(conviction.Id));
    }

    private static async Task<Results<Created<RecordCreated>, ValidationProblem, NotFound>> AddCheck(
        Guid id, NewCheck request, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = DriverRequests.CheckProblems(request, CouncilTime.DateOf(now));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The check cannot be recorded");
        if (!await db.Set<Driver>().AnyAsync(driver => driver.Id == id, ct)) return TypedResults.NotFound();
        var check = DriverCheck.From(id, request, now);
        db.Add(check);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/drivers/{id}/checks/{check.Id}", new RecordCreated(check.Id));
    }

    private static async Task<Results<Ok<FitnessAnswer>, ValidationProblem, NotFound>> Fitness(
        Guid id, string? at, string? purpose, LicensingDb db, FitnessPolicy policy, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (!Dates.TryParse(at, CouncilTime.DateOf(clock.GetUtcNow()), out var on))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["at"] = [Dates.Rule] });
        if (!await db.Set<Driver>().AnyAsync(driver => driver.Id == id, ct)) return TypedResults.NotFound();
        // Audited as what it is: the service's verdict on a person, with its reasons, not only the record.
        await db.RecordReadAsync(http, "driver fitness", $"/api/drivers/{id}/fitness", purpose ?? "fitness check", clock, ct);
        var verdict = policy.Assess(await DriverFile.ReadAsync(db, id, ct), on);
        return TypedResults.Ok(new FitnessAnswer(id, on, verdict.Outcome, verdict.OfficerMayGrant, verdict.Reasons));
    }
}

/// <summary>Every read of a driver's personal record goes to the audit trail: who, when, why, and the trace it came in on.</summary>
public static class RecordReads
{
    public static Task LogAsync(LicensingDb db, Guid driverId, string purpose, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        db.RecordReadAsync(http, "driver record", $"/api/drivers/{driverId}", purpose, clock, ct);
}
