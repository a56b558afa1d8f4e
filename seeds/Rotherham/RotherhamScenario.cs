using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Http;
using Intervention.Contracts.Licensing;
using Intervention.Contracts.Licensing.Http;
using Intervention.Seeds.Rotherham;
using Refit;

namespace Intervention.Seeds;

/// <summary>
/// Loads every portfolio's part of the scenario that the system has an API for, showing progress. Every call goes through
/// the gateway with the portfolio APIs' Refit clients (<see cref="InterventionApis"/>).
/// </summary>
public sealed class RotherhamScenario(HttpClient gateway, TextWriter progress, SeedOptions options)
{
    private readonly IGovernanceApi _governance = InterventionApis.For<IGovernanceApi>(gateway);
    private readonly ILicensingApi _licensing = InterventionApis.For<ILicensingApi>(gateway);

    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        try
        {
            if (options.Loads("governance"))
            {
                await LoadDirectionsAsync(ct);
                await LoadProgressAsync(ct);
            }
            if (options.Loads("licensing")) await LoadDriversAsync(ct);
            if (options.Loads("children") && await new Children.ChildrenScenario(gateway, progress).LoadAsync(ct) is not 0 and var failed) return failed;
            if (options.Loads("finance")) await new Finance.FinanceScenario(gateway, progress).LoadAsync(ct);
            progress.WriteLine("done");
            return 0;
        }
        catch (Exception e) when (e is ApiExceptionBase or HttpRequestException)
        {
            progress.WriteLine($"failed: {SeedFailure.Describe(e)}");
            return 1;
        }
    }

    /// <summary>Every call here is a create-or-update (PUT) or a status the service ignores when repeated: a second run changes nothing.</summary>
    private async Task LoadProgressAsync(CancellationToken ct)
    {
        var objectives = ProgressEvidence.Objectives().ToList();
        foreach (var (code, request) in objectives)
            await _governance.PutObjectiveAsync(code, request, ct);
        progress.WriteLine($"governance improvement plan: {objectives.Count} objectives");

        var milestones = ProgressEvidence.Milestones().ToList();
        for (var i = 0; i < milestones.Count; i++)
        {
            var (code, request, statuses) = milestones[i];
            await _governance.PutMilestoneAsync(code, request, ct);
            foreach (var status in statuses)
                await _governance.AddMilestoneStatusAsync(code, status, ct);
            if ((i + 1) % 33 == 0 || i + 1 == milestones.Count) progress.WriteLine($"governance improvement plan: {i + 1}/{milestones.Count} milestones");
        }

        var measures = ProgressEvidence.CorporatePlanMeasures().ToList();
        foreach (var (year, quarter, measure, request) in measures)
            await _governance.PutCorporateMeasureAsync(year, quarter, measure, request, ct);
        progress.WriteLine($"governance corporate plan: {measures.Count} measure results over 2 quarters");

        foreach (var (year, request) in ProgressEvidence.CommissionerDays())
            await _governance.PutCommissionerDaysAsync(year, request, ct);
        progress.WriteLine("governance Commissioner days: 4 years");
    }

    /// <summary>
    /// The licensed drivers the 2015 audit re-checked, created through the drivers API (several at a time). A second run
    /// counts the drivers already there and adds only the rest.
    /// </summary>
    private async Task LoadDriversAsync(CancellationToken ct)
    {
        var counts = await _licensing.CountLicencesAsync(TaxiTrade2015.AuditAsAt, ct);
        var existing = counts.Where(c => c.Type is LicenceType.PrivateHire or LicenceType.HackneyCarriage).Sum(c => c.Count);
        if (existing >= options.Drivers)
        {
            progress.WriteLine($"licensing drivers: {existing} already recorded");
            return;
        }
        var created = existing;
        await Parallel.ForEachAsync(Enumerable.Range(existing, options.Drivers - existing),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            await _licensing.CreateDriverAsync(TaxiTrade2015.Driver(i), token);
            var done = Interlocked.Increment(ref created);
            if (done % 200 == 0 || done == options.Drivers) progress.WriteLine($"licensing drivers: {done}/{options.Drivers}");
        });
    }

    private async Task LoadDirectionsAsync(CancellationToken ct)
    {
        var register = await _governance.ListDirectionsAsync(ct);
        var steps = GovernanceTimeline.All;
        for (var i = 0; i < steps.Count; i++)
        {
            var (label, request) = (steps[i].Label, steps[i].Request);
            if (GovernanceTimeline.AlreadyRecorded(request, register))
            {
                progress.WriteLine($"governance [{i + 1}/{steps.Count}] {label}: already recorded");
                continue;
            }
            var recorded = await _governance.IssueDirectionsAsync(request, ct);
            progress.WriteLine($"governance [{i + 1}/{steps.Count}] {label}: recorded {recorded.Id}");
        }
    }
}
