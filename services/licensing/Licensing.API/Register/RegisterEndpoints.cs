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
        if (request.SearchedOn is not { } on || on > CouncilTime.DateOf(now))
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["searchedOn"] = ["is required: the day of the search, yyyy-MM-dd, not in the future"] });
        var driver = await db.Set<Driver>().AsNoTracking().FirstOrDefaultAsync(driver => driver.Id == id, ct);
        if (driver is null) return TypedResults.NotFound();

        var matches = await MatchesAsync(db, driver, on, ct);
        db.Add(NationalRegister.SearchRecorded(driver, matches, on, now));
        await db.SaveChangesAsync(ct);
        await RecordReads.LogAsync(db, id, "national register search", http, clock, ct);
        return TypedResults.Created($"/api/drivers/{id}", NationalRegister.View(driver, matches, on));
    }

    /// <summary>
    /// The entries that match the driver on NI number, driving licence number, or name with date of birth, among those made
    /// by the day of the search and still kept on it.
    /// </summary>
    private static Task<List<RegisterEntry>> MatchesAsync(LicensingDb db, Driver driver, DateOnly on, CancellationToken ct)
    {
        var name = driver.Name.ToUpperInvariant();
        return db.Set<RegisterEntry>().AsNoTracking()
            .Where(entry => entry.DecisionOn <= on && entry.KeepUntil >= on)
            .Where(entry => (driver.NiNumber != null && entry.NiNumber == driver.NiNumber)
                            || (driver.DrivingLicenceNumber != null && entry.DrivingLicenceNumber == driver.DrivingLicenceNumber)
                            || (entry.Name.ToUpper() == name && entry.DateOfBirth == driver.DateOfBirth))
            .OrderBy(entry => entry.DecisionOn).ToListAsync(ct);
    }
}

/// <summary>What a search of the national register records and answers.</summary>
public static class NationalRegister
{
    /// <summary>The search as a check on the driver's file: a match is a reason for a hearing (see <see cref="FitnessPolicy"/>).</summary>
    public static DriverCheck SearchRecorded(Driver driver, IReadOnlyList<RegisterEntry> matches, DateOnly on, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), DriverId = driver.Id, Kind = DriverCheckKind.RegisterSearch, CheckedOn = on, RegisterMatch = matches.Count > 0,
        RecordedAt = now,
    };

    /// <summary>The answer: the matches (the decision and its days, never the other authority's details) and what a match means.</summary>
    public static RegisterSearchView View(Driver driver, IReadOnlyList<RegisterEntry> matches, DateOnly on) => new(driver.Id, on, matches.Count > 0,
        matches.Select(entry => new RegisterMatchView(entry.Decision, entry.DecisionOn, entry.EffectiveOn)).ToList(),
        matches.Count > 0 ? "A match is a reason for a hearing; it is never the sole ground of a refusal." : "No entry found.");
}
