using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Security;
using Licensing.API.Drivers;
using Licensing.API.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Licensing.API.Audits;

public static class AuditsEndpoints
{
    public static IEndpointRouteBuilder MapAudits(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audits").WithTags("Audits");
        group.MapPost("/", Start).WithName("StartAudit")
            .WithSummary("Audit every licensed driver against the standards; answers 202 at once with the progress view's address");
        group.MapGet("/", List).WithName("ListAudits")
            .WithSummary($"The latest {ListedAudits} audits, newest first, each with its progress and outcome counts");
        group.MapGet("/{id:guid}", Get).WithName("GetAudit").WithSummary("An audit's progress and its outcome counts so far");
        group.MapGet("/{id:guid}/hearing-list", HearingList).WithName("GetAuditHearingList").RequireAccess(Access.Personal)
            .WithSummary("The drivers the audit found need a hearing, with every reason");
        return app;
    }

    private static async Task<Results<Accepted<AuditView>, ValidationProblem>> Start(
        StartAudit? request, LicensingDb db, AuditQueue queue, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var started = DriverAudit.Start(request?.AsAt, CouncilTime.DateOf(now), now);
        if (started.Changes is not { } audit) return started.Refused!.AsValidationProblem();
        db.Add(audit);
        await db.SaveChangesAsync(ct);
        queue.Enqueue(audit.Id);
        return TypedResults.Accepted($"/api/audits/{audit.Id}", await ToViewAsync(db, audit, ct));
    }

    /// <summary>How many past audits the list gives: a few a year were run in 2015-16; older ones stay readable by id.</summary>
    public const int ListedAudits = 20;

    private static async Task<Ok<List<AuditView>>> List(LicensingDb db, CancellationToken ct)
    {
        var audits = await db.Set<DriverAudit>().AsNoTracking().OrderByDescending(audit => audit.StartedAt).ThenByDescending(audit => audit.Id)
            .Take(ListedAudits).ToListAsync(ct);
        var views = new List<AuditView>(audits.Count);
        foreach (var audit in audits) views.Add(await ToViewAsync(db, audit, ct));
        return TypedResults.Ok(views);
    }

    private static async Task<Results<Ok<AuditView>, NotFound>> Get(Guid id, LicensingDb db, CancellationToken ct)
    {
        var audit = await db.Set<DriverAudit>().AsNoTracking().FirstOrDefaultAsync(audit => audit.Id == id, ct);
        return audit is null ? TypedResults.NotFound() : TypedResults.Ok(await ToViewAsync(db, audit, ct));
    }

    private static async Task<Results<Ok<List<HearingListEntry>>, NotFound>> HearingList(Guid id, LicensingDb db, CancellationToken ct)
    {
        if (!await db.Set<DriverAudit>().AnyAsync(audit => audit.Id == id, ct)) return TypedResults.NotFound();
        var findings = await db.Set<AuditFinding>().AsNoTracking()
            .Where(finding => finding.AuditId == id && finding.Outcome == FitnessOutcome.NeedsHearing).OrderBy(finding => finding.LicenceReference)
                .ToListAsync(ct);
        return TypedResults.Ok(findings.Select(finding => new HearingListEntry(finding.DriverId, finding.LicenceReference, finding.ReasonList)).ToList());
    }

    private static async Task<AuditView> ToViewAsync(LicensingDb db, DriverAudit a, CancellationToken ct)
    {
        var counts = await db.Set<AuditFinding>().Where(finding => finding.AuditId == a.Id).GroupBy(finding => finding.Outcome)
            .Select(group => new { group.Key, Count = group.Count() }).ToListAsync(ct);
        var outcomes = Enum.GetValues<FitnessOutcome>()
            .ToDictionary(outcome => outcome, outcome => counts.FirstOrDefault(count => count.Key == outcome)?.Count ?? 0);
        var percent = a.DriversTotal == 0 ? (a.Status == AuditStatus.Completed ? 100m : 0m) : Math.Round(100m * a.DriversChecked / a.DriversTotal, 1);
        return new AuditView(a.Id, a.AsAt, a.Status, a.DriversTotal, a.DriversChecked, percent, outcomes, a.StartedAt, a.FinishedAt,
            a.FinishedAt is { } f ? Math.Round((f - a.StartedAt).TotalSeconds, 2) : null, a.Failure);
    }
}
