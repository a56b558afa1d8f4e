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
            .WithDescription("409 officer-cannot-grant (with the fitness outcome and every reason) when the driver is not fit or needs a hearing; 409 vehicle-not-licensable with the reasons.");
        group.MapGet("/{reference}", Get).WithName("GetLicence")
            .WithSummary("A licence's grants, decided changes and status on a day (`at`, default today); no personal details");
        group.MapGet("/", Summary).WithName("CountLicences").RequireAccess(Access.Aggregate)
            .WithSummary("How many licences of each type are in each status on a day (`at`, default today)");
        return app;
    }

    private static async Task<Results<Created<LicenceView>, ValidationProblem, NotFound, ProblemHttpResult>> Grant(
        string reference, GrantRequest request, LicensingDb db, FitnessPolicy fitness, VehiclePolicy vehicles, LicenceTerms terms, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = CouncilTime.DateOf(now);
        var licence = await db.Set<Licence>().Include(l => l.Grants).Include(l => l.StatusChanges).FirstOrDefaultAsync(l => l.Reference == reference, ct);
        if (licence is null) return TypedResults.NotFound();

        var errors = terms.Validate(licence.Kind, request.TermMonths, request.ShorterTermReason);
        if (request.GrantedOn is not { } on) errors["grantedOn"] = ["is required: yyyy-MM-dd"];
        else if (on > today) errors["grantedOn"] = ["must not be in the future"];
        else if (on < licence.AppliedOn) errors["grantedOn"] = [$"must not be before the application of {licence.AppliedOn:yyyy-MM-dd}"];
        if (request.ExceptionalConditionReason is not null && licence.Type != LicenceType.Vehicle)
            errors["exceptionalConditionReason"] = ["applies only to a vehicle licence"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The licence cannot be granted");
        var grantedOn = request.GrantedOn!.Value;
        if (licence.Grants.Any(g => g.GrantedOn >= grantedOn))
            return RuleBroken.Conflict("grant-out-of-order", $"Licence {reference} already has a grant on or after {grantedOn:yyyy-MM-dd}.");
        var status = LicenceStatusRule.At(licence.Grants.Select(g => (g.GrantedOn, g.ExpiresOn)), licence.StatusChanges.Select(c => (c.Status, c.EffectiveOn)), grantedOn);
        if (status is LicenceStatus.Revoked or LicenceStatus.Refused)
            return RuleBroken.Conflict("licence-revoked-or-refused", $"Licence {reference} is {status} on {grantedOn:yyyy-MM-dd}: a new application is needed.");

        var isRenewal = licence.Grants.Count > 0;
        string? exceptional = null;
        if (licence.DriverId is { } driverId)
        {
            var verdict = fitness.Assess(await DriverFile.ReadAsync(db, driverId, ct, decidingGrant: grantedOn), grantedOn);
            if (!verdict.OfficerMayGrant)
                return RuleBroken.Conflict("officer-cannot-grant",
                    verdict.Outcome == FitnessOutcome.NeedsHearing
                        ? $"The driver needs a hearing on {grantedOn:yyyy-MM-dd}: an officer cannot grant while any reason needs judgement."
                        : $"The driver is not fit on {grantedOn:yyyy-MM-dd}: a requirement has failed.",
                    new Dictionary<string, object?> { ["outcome"] = verdict.Outcome.ToString(), ["reasons"] = verdict.Reasons });
        }
        else if (licence.VehicleId is { } vehicleId)
        {
            var vehicle = await db.Set<Vehicle>().SingleAsync(v => v.Id == vehicleId, ct);
            var verdict = vehicles.Assess(vehicle.ToApplication(isRenewal, request.ExceptionalConditionReason), grantedOn);
            if (!verdict.MayLicence)
                return RuleBroken.Conflict("vehicle-not-licensable", $"Vehicle {vehicle.Registration} cannot be licensed on {grantedOn:yyyy-MM-dd}.",
                    new Dictionary<string, object?> { ["reasons"] = verdict.Reasons });
            // Recorded only when it was needed: the override is the exception, not a note.
            exceptional = verdict.Reasons.Any(r => r.Code == "over-age-exceptional-condition") ? request.ExceptionalConditionReason!.Trim() : null;
        }

        var months = request.TermMonths ?? terms.StandardMonths(licence.Kind);
        var grant = new LicenceGrant
        {
            Id = Guid.CreateVersion7(now), LicenceId = licence.Id, GrantedOn = grantedOn, TermMonths = months, ExpiresOn = LicenceTerms.ExpiresOn(grantedOn, months),
            ShorterTermReason = months < terms.StandardMonths(licence.Kind) ? request.ShorterTermReason!.Trim() : null, ExceptionalCondition = exceptional, RecordedAt = now,
        };
        db.Add(grant);
        licence.Grants.Add(grant);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/licences/{reference}", ToView(licence, grantedOn));
    }

    private static async Task<Results<Ok<LicenceView>, NotFound, ValidationProblem>> Get(string reference, string? at, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!Dates.TryParse(at, CouncilTime.DateOf(clock.GetUtcNow()), out var on))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["at"] = [Dates.Rule] });
        var licence = await db.Set<Licence>().AsNoTracking().Include(l => l.Grants).Include(l => l.StatusChanges).FirstOrDefaultAsync(l => l.Reference == reference, ct);
        return licence is null ? TypedResults.NotFound() : TypedResults.Ok(ToView(licence, on));
    }

    private static async Task<Results<Ok<List<LicenceCount>>, ValidationProblem>> Summary(string? at, LicensingDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!Dates.TryParse(at, CouncilTime.DateOf(clock.GetUtcNow()), out var on))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["at"] = [Dates.Rule] });
        var licences = await db.Set<Licence>().AsNoTracking().Include(l => l.Grants).Include(l => l.StatusChanges).AsSplitQuery().ToListAsync(ct);
        return TypedResults.Ok(licences
            .GroupBy(l => (l.Type, Status: StatusOf(l, on)))
            .OrderBy(g => g.Key.Type).ThenBy(g => g.Key.Status)
            .Select(g => new LicenceCount(g.Key.Type, g.Key.Status, g.Count()))
            .ToList());
    }

    internal static LicenceStatus StatusOf(Licence l, DateOnly on) =>
        LicenceStatusRule.At(l.Grants.Select(g => (g.GrantedOn, g.ExpiresOn)), l.StatusChanges.Select(c => (c.Status, c.EffectiveOn)), on);

    internal static LicenceView ToView(Licence l, DateOnly on) => new(l.Reference, l.Type, l.AppliedOn, on, StatusOf(l, on),
        l.Grants.OrderBy(g => g.GrantedOn).Select(g => new GrantView(g.GrantedOn, g.TermMonths, g.ExpiresOn, g.ShorterTermReason, g.ExceptionalCondition)).ToList(),
        l.StatusChanges.OrderBy(c => c.RecordedAt).Select(c => new StatusChangeView(c.Status, c.EffectiveOn, c.DecisionId, c.Reason)).ToList());
}
