using Intervention.Contracts.Licensing;
using Intervention.ServiceDefaults;
using Licensing.API.Drivers;
using Licensing.API.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Licensing.API.Register;

public static class RegisterEndpoints
{
    public static IEndpointRouteBuilder MapRegister(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/drivers/{id:guid}/register-searches", Search).WithTags("National register").WithName("SearchNationalRegister")
            .WithSummary("Search the national register of refusals and revocations for a driver, and record the search on the driver's file")
            .WithDescription("Matches on NI number, driving licence number, or name with date of birth, among entries still kept (11 years). " +
                             "A match is recorded as a reason for a hearing, never as the sole ground of a refusal.");
        return app;
    }

    private static async Task<Results<Created<RegisterSearchView>, ValidationProblem, NotFound>> Search(
        Guid id, SearchRegister request, LicensingDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = CouncilTime.DateOf(now);
        if (request.SearchedOn is not { } on || on > today)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["searchedOn"] = ["is required: the day of the search, yyyy-MM-dd, not in the future"] });
        var driver = await db.Set<Driver>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (driver is null) return TypedResults.NotFound();

        var name = driver.Name.ToUpperInvariant();
        // Entries made by the day of the search and still kept on it.
        var entries = await db.Set<RegisterEntry>().AsNoTracking()
            .Where(e => e.DecisionOn <= on && e.KeepUntil >= on)
            .Where(e => (driver.NiNumber != null && e.NiNumber == driver.NiNumber)
                        || (driver.DrivingLicenceNumber != null && e.DrivingLicenceNumber == driver.DrivingLicenceNumber)
                        || (e.Name.ToUpper() == name && e.DateOfBirth == driver.DateOfBirth))
            .OrderBy(e => e.DecisionOn).ToListAsync(ct);
        db.Add(new DriverCheck
        {
            Id = Guid.CreateVersion7(now), DriverId = id, Kind = DriverCheckKind.RegisterSearch, CheckedOn = on, RegisterMatch = entries.Count > 0, RecordedAt = now,
        });
        await db.SaveChangesAsync(ct);
        await RecordReads.LogAsync(db, id, "national register search", http, clock, ct);
        return TypedResults.Created($"/api/drivers/{id}", new RegisterSearchView(id, on, entries.Count > 0,
            entries.Select(e => new RegisterMatchView(e.Decision, e.DecisionOn, e.EffectiveOn)).ToList(),
            entries.Count > 0 ? "A match is a reason for a hearing; it is never the sole ground of a refusal." : "No entry found."));
    }
}
