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
            .WithDescription("Answers the driver's id and the licence reference that events and other services use. Checks and convictions already on file, and a licence granted before this system, may come with it.");
        group.MapGet("/{id:guid}", Get).WithName("GetDriver").RequireAccess(Access.Personal)
            .WithSummary("A driver's personal record; every read is audited (who, when, why: give `purpose`)");
        group.MapPost("/{id:guid}/convictions", AddConviction).WithName("AddConviction")
            .WithSummary("Record a conviction against the offence categories of the convictions policy");
        group.MapPost("/{id:guid}/checks", AddCheck).WithName("AddDriverCheck")
            .WithSummary("Record a dated check: DBS, update service, training, BTEC, knowledge test, medical, DVLA, register search, police intelligence, self-report");
        group.MapGet("/{id:guid}/fitness", Fitness).WithName("GetFitness").RequireAccess(Access.Personal)
            .WithSummary("Whether the driver is fit and proper on a day, with every reason: Fit, NotFit or NeedsHearing")
            .WithDescription("`at` is the day (yyyy-MM-dd, default today). Records dated after it are not read. The read is audited.");
        return app;
    }

    private static async Task<Results<Created<DriverCreated>, ValidationProblem, ProblemHttpResult>> Create(NewDriver request, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = CouncilTime.DateOf(now);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["is required"];
        else if (request.Name.Length > 200) errors["name"] = ["must be at most 200 characters"];
        if (request.DateOfBirth is not { } dob) errors["dateOfBirth"] = ["is required: yyyy-MM-dd"];
        else if (dob > today) errors["dateOfBirth"] = ["must not be in the future"];
        else if (dob < new DateOnly(1900, 1, 1)) errors["dateOfBirth"] = ["must be after 1900-01-01"];
        if (request.LicenceType is not ({ } type and (LicenceType.HackneyCarriage or LicenceType.PrivateHire)))
            errors["licenceType"] = ["is required: HackneyCarriage or PrivateHire"];
        foreach (var (field, value) in new[] { ("address", request.Address), ("niNumber", request.NiNumber), ("drivingLicenceNumber", request.DrivingLicenceNumber) })
            if (value is { Length: > 200 }) errors[field] = ["must be at most 200 characters"];
        if (request.AppliedOn > today) errors["appliedOn"] = ["must not be in the future"];
        if (request.ExistingLicence is { } existing)
        {
            if (existing.GrantedOn is not { } g) errors["existingLicence.grantedOn"] = ["is required: yyyy-MM-dd"];
            else if (g > today) errors["existingLicence.grantedOn"] = ["must not be in the future"];
            if (existing.TermMonths is { } m && (m <= 0 || m > 36)) errors["existingLicence.termMonths"] = ["must be between 1 and 36 months"];
        }
        for (var i = 0; i < (request.Checks?.Count ?? 0); i++)
            foreach (var (field, rules) in ValidateCheck(request.Checks![i], today)) errors[$"checks[{i}].{field}"] = rules;
        for (var i = 0; i < (request.Convictions?.Count ?? 0); i++)
        {
            var c = request.Convictions![i];
            foreach (var (field, rules) in FitnessPolicy.ValidateConviction(c.Category, c.ConvictedOn, c.SentenceEndsOn, c.BanEndsOn, today)) errors[$"convictions[{i}].{field}"] = rules;
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The driver cannot be recorded");
        var licenceType = request.LicenceType!.Value;
        var niNumber = Normalise(request.NiNumber);
        if (niNumber is not null && await EarlierApplicationAsync(db, niNumber, licenceType, ct) is { } earlier) return AlreadyApplied(earlier, licenceType);

        var driver = new Driver
        {
            Id = Guid.CreateVersion7(now), Name = request.Name!.Trim(), DateOfBirth = request.DateOfBirth!.Value, Address = request.Address?.Trim(),
            NiNumber = Normalise(request.NiNumber), DrivingLicenceNumber = Normalise(request.DrivingLicenceNumber), RecordedAt = now,
        };
        var number = await db.NextLicenceNumberAsync(ct);
        var licence = new Licence
        {
            Id = Guid.CreateVersion7(now), Reference = Licence.ReferenceFor(request.LicenceType!.Value, number), Type = request.LicenceType!.Value,
            DriverId = driver.Id, AppliedOn = request.AppliedOn ?? request.ExistingLicence?.GrantedOn ?? today, RecordedAt = now,
        };
        if (request.ExistingLicence is { GrantedOn: { } grantedOn } carried)
        {
            var months = carried.TermMonths ?? 36;
            licence.Grants.Add(new LicenceGrant
            {
                Id = Guid.CreateVersion7(now), LicenceId = licence.Id, GrantedOn = grantedOn, TermMonths = months,
                ExpiresOn = LicenceTerms.ExpiresOn(grantedOn, months), RecordedAt = now,
                ShorterTermReason = months < 36 ? "Carried over from the council's previous licensing records" : null,
            });
        }
        db.Add(driver);
        db.Add(licence);
        foreach (var check in request.Checks ?? []) db.Add(ToCheck(driver.Id, check, now));
        foreach (var conviction in request.Convictions ?? []) db.Add(ToConviction(driver.Id, conviction, now));
        if (niNumber is not null) db.Add(new LicenceApplication { NiNumber = niNumber, LicenceType = licenceType, DriverId = driver.Id, LicenceId = licence.Id });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (niNumber is not null && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "licence_applications_pkey" })
        {
            // The same application arrived twice at once and the other one was saved first.
            return AlreadyApplied((await EarlierApplicationAsync(db, niNumber, licenceType, ct))!.Value, licenceType);
        }
        return TypedResults.Created($"/api/drivers/{driver.Id}", new DriverCreated(driver.Id, licence.Reference));
    }

    private static async Task<(Guid DriverId, string LicenceReference)?> EarlierApplicationAsync(LicensingDb db, string niNumber, LicenceType type, CancellationToken ct)
    {
        var earlier = await (from a in db.Set<LicenceApplication>().AsNoTracking()
                             where a.NiNumber == niNumber && a.LicenceType == type
                             join l in db.Set<Licence>().AsNoTracking() on a.LicenceId equals l.Id
                             select new { a.DriverId, l.Reference }).FirstOrDefaultAsync(ct);
        return earlier is null ? null : (earlier.DriverId, earlier.Reference);
    }

    /// <summary>409 naming the driver who already applied: their record is where new checks and convictions go.</summary>
    private static ProblemHttpResult AlreadyApplied((Guid DriverId, string LicenceReference) earlier, LicenceType type) =>
        RuleBroken.Conflict("one-application-per-ni-number-and-licence-type",
            $"A {type} licence application with this NI number is already recorded: driver {earlier.DriverId}, licence {earlier.LicenceReference}. " +
            "Record new checks and convictions against that driver instead of applying again.",
            new Dictionary<string, object?> { ["driverId"] = earlier.DriverId, ["licenceReference"] = earlier.LicenceReference });

    private static async Task<Results<Ok<DriverDetail>, NotFound>> Get(Guid id, string? purpose, LicensingDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var driver = await db.Set<Driver>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (driver is null) return TypedResults.NotFound();
        await RecordReads.LogAsync(db, id, purpose ?? "driver record viewed", http, clock, ct);
        var licences = await db.Set<Licence>().Where(l => l.DriverId == id).Select(l => l.Reference).ToListAsync(ct);
        var convictions = await db.Set<ConvictionRecord>().AsNoTracking().Where(c => c.DriverId == id).OrderBy(c => c.ConvictedOn).ToListAsync(ct);
        var checks = await db.Set<DriverCheck>().AsNoTracking().Where(c => c.DriverId == id).OrderBy(c => c.CheckedOn).ToListAsync(ct);
        return TypedResults.Ok(new DriverDetail(driver.Id, driver.Name, driver.DateOfBirth, driver.Address, driver.NiNumber, driver.DrivingLicenceNumber, licences,
            convictions.Select(c => new ConvictionView(c.Id, c.Category, c.ConvictedOn, c.SentenceEndsOn, c.BanEndsOn, c.Offence)).ToList(),
            checks.Select(c => new CheckView(c.Id, c.Kind, c.CheckedOn, c.Passed, c.BothBarredLists, c.OnBarredList, c.RegisterMatch, c.HappenedOn, c.Summary)).ToList()));
    }

    private static async Task<Results<Created<RecordCreated>, ValidationProblem, NotFound>> AddConviction(Guid id, NewConviction request, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = FitnessPolicy.ValidateConviction(request.Category, request.ConvictedOn, request.SentenceEndsOn, request.BanEndsOn, CouncilTime.DateOf(now));
        if (request.Offence is { Length: > 500 }) errors["offence"] = ["must be at most 500 characters"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The conviction cannot be recorded");
        if (!await db.Set<Driver>().AnyAsync(d => d.Id == id, ct)) return TypedResults.NotFound();
        var conviction = ToConviction(id, request, now);
        db.Add(conviction);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/drivers/{id}/convictions/{conviction.Id}", new RecordCreated(conviction.Id));
    }

    private static async Task<Results<Created<RecordCreated>, ValidationProblem, NotFound>> AddCheck(Guid id, NewCheck request, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = ValidateCheck(request, CouncilTime.DateOf(now));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The check cannot be recorded");
        if (!await db.Set<Driver>().AnyAsync(d => d.Id == id, ct)) return TypedResults.NotFound();
        var check = ToCheck(id, request, now);
        db.Add(check);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/drivers/{id}/checks/{check.Id}", new RecordCreated(check.Id));
    }

    private static async Task<Results<Ok<FitnessAnswer>, ValidationProblem, NotFound>> Fitness(
        Guid id, string? at, string? purpose, LicensingDb db, FitnessPolicy policy, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (!Dates.TryParse(at, CouncilTime.DateOf(clock.GetUtcNow()), out var on))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["at"] = [Dates.Rule] });
        if (!await db.Set<Driver>().AnyAsync(d => d.Id == id, ct)) return TypedResults.NotFound();
        // Audited as what it is: the service's verdict on a person, with its reasons, not only the record.
        await db.RecordReadAsync(http, "driver fitness", $"/api/drivers/{id}/fitness", purpose ?? "fitness check", clock, ct);
        var verdict = policy.Assess(await DriverFile.ReadAsync(db, id, ct), on);
        return TypedResults.Ok(new FitnessAnswer(id, on, verdict.Outcome, verdict.OfficerMayGrant, verdict.Reasons));
    }

    /// <summary>Which fields a check of each kind needs; a field that does not belong to its kind is refused rather than silently kept.</summary>
    public static Dictionary<string, string[]> ValidateCheck(NewCheck check, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (check.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = [$"is required: one of {string.Join(", ", Enum.GetNames<DriverCheckKind>())}"];
            return errors;
        }
        if (check.On is not { } on) errors["on"] = ["is required: the day of the check, yyyy-MM-dd"];
        else if (on > today) errors["on"] = ["must not be in the future"];
        else if (on < new DateOnly(1950, 1, 1)) errors["on"] = ["must be after 1950-01-01"];

        var allowed = kind switch
        {
            DriverCheckKind.Dbs => new[] { "bothBarredLists", "onBarredList" },
            DriverCheckKind.KnowledgeTest or DriverCheckKind.Medical => ["passed"],
            DriverCheckKind.RegisterSearch => ["registerMatch"],
            DriverCheckKind.PoliceIntelligence => ["summary"],
            DriverCheckKind.SelfReport => ["happenedOn", "summary"],
            _ => [],
        };
        var given = new (string Field, bool Present)[]
        {
            ("passed", check.Passed is not null), ("bothBarredLists", check.BothBarredLists is not null), ("onBarredList", check.OnBarredList is not null),
            ("registerMatch", check.RegisterMatch is not null), ("happenedOn", check.HappenedOn is not null), ("summary", check.Summary is not null),
        };
        foreach (var (field, present) in given)
            if (present && !allowed.Contains(field)) errors[field] = [$"does not apply to a {kind} check"];
        foreach (var field in allowed)
            if (field != "onBarredList" && !given.Single(g => g.Field == field).Present) errors[field] = [$"is required for a {kind} check"];
        if (check.Summary is { Length: > 2000 }) errors["summary"] = ["must be at most 2000 characters"];
        if (check.HappenedOn is { } happened && check.On is { } reported && happened > reported) errors["happenedOn"] = ["must not be after on (the day it was reported)"];
        return errors;
    }

    private static DriverCheck ToCheck(Guid driverId, NewCheck c, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), DriverId = driverId, Kind = c.Kind!.Value, CheckedOn = c.On!.Value, Passed = c.Passed,
        BothBarredLists = c.BothBarredLists, OnBarredList = c.Kind == DriverCheckKind.Dbs ? c.OnBarredList ?? false : null,
        RegisterMatch = c.RegisterMatch, HappenedOn = c.HappenedOn, Summary = c.Summary?.Trim(), RecordedAt = now,
    };

    private static ConvictionRecord ToConviction(Guid driverId, NewConviction c, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), DriverId = driverId, Category = Enum.Parse<OffenceCategory>(c.Category!), ConvictedOn = c.ConvictedOn!.Value,
        SentenceEndsOn = c.SentenceEndsOn, BanEndsOn = c.BanEndsOn, Offence = c.Offence?.Trim(), RecordedAt = now,
    };

    /// <summary>NI and driving licence numbers are compared without spaces and case.</summary>
    internal static string? Normalise(string? number) => string.IsNullOrWhiteSpace(number) ? null : new string(number.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
}

/// <summary>Every read of a driver's personal record goes to the audit trail: who, when, why, and the trace it came in on.</summary>
public static class RecordReads
{
    public static Task LogAsync(LicensingDb db, Guid driverId, string purpose, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        db.RecordReadAsync(http, "driver record", $"/api/drivers/{driverId}", purpose, clock, ct);
}
