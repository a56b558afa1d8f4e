using Intervention.ServiceDefaults.Security;
using Finance.API.Forecast;
using Finance.API.Infrastructure;
using Intervention.Contracts.Finance.Http;
using Intervention.Contracts.Governance;
using Intervention.ServiceDefaults.Http;
using Intervention.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Finance.API.Mtfs;

public static class MtfsEndpoints
{
    public const string BudgetNotBalancedRule = "budget-not-balanced";
    public const string ReferendumRule = "council-tax-referendum-limit";

    public static IEndpointRouteBuilder MapMtfs(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/mtfs").WithTags("MTFS");
        group.MapPost("/", Create)
            .WithName("CreateMtfsVersion")
            .WithSummary("Record a version of the medium-term financial strategy with every assumption, its source and date")
            .WithDescription("Versions are history: the same id with the same assumptions answers 200, with different ones 409 (rule mtfs-version-exists). " +
                             "The service adds each year's children's placement forecast as it stands (PlacementForecastBaseline): demand " +
                             "reported after moves the gap.");
        group.MapGet("/", List).RequireAccess(Access.Aggregate).WithName("ListMtfsVersions").WithSummary("Every version and scenario, newest first");
        group.MapGet("/compare", Compare).RequireAccess(Access.Aggregate)
            .WithName("CompareMtfsVersions")
            .WithSummary("Versions and scenarios side by side: each one's gap per year, and each one's cumulative gap minus the first's");
        group.MapGet("/{version}", Get).WithName("GetMtfsVersion").WithSummary("A version (or 'current') with its assumptions");
        group.MapGet("/{version}/gap", Gap).RequireAccess(Access.Aggregate)
            .WithName("GetMtfsGap")
            .WithSummary("The gap per year and cumulative, before and after savings and planned reserves, computed from the version's assumptions");
        group.MapPost("/{version}/scenarios", CreateScenario)
            .WithName("CreateMtfsScenario")
            .WithSummary("Copy a version into a scenario with some assumptions changed; the version copied never changes");
        group.MapPost("/{version}/current", MakeCurrent).WithName("MakeMtfsVersionCurrent").WithSummary("Make a version the current strategy");
        group.MapPost("/{version}/approval", Approve).RequireAccess(Access.Decide)
            .WithName("ApproveBudget")
            .WithSummary("Record full council's approval of the first year's budget; refused (409) unless that year's gap after savings and reserves is zero")
            .WithDescription("Rules: budget-not-balanced (the remaining gap is in the answer), council-tax-referendum-limit. An approval is " +
                             "reported to governance's decision register (DecisionRecorded, function financial-services).");
        return app;
    }

    /// <param name="request">The version's id, name, years and assumptions.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="placements">The children's placement forecast, recorded as the version's baseline.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Created<MtfsVersionDetail>, Ok<MtfsVersionDetail>, ValidationProblem, ProblemHttpResult>> Create(
        CreateMtfsVersionRequest request, FinanceDb db, ChildrenPlacements placements, TimeProvider clock, CancellationToken ct)
    {
        var errors = MtfsRules.Validate(request, out var years, out var assumptions);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The MTFS version cannot be recorded");

        var existing = await Load(db, request.Id!, ct);
        if (existing is not null)
            return SameAs(existing, request.Name!, years, assumptions)
                ? TypedResults.Ok(existing.ToDetail())
                : RuleBroken.Conflict("mtfs-version-exists",
                    $"Version '{request.Id}' is already recorded with other assumptions: versions are history, record a new one or a scenario.");

        var now = clock.GetUtcNow();
        var baseline = await Baseline(placements, years, now, ct);
        var (saved, conflict) = await SaveAsync(db, request.Id!, request.Name!.Trim(), null, years, assumptions.Concat(baseline).ToList(),
            request.MakeCurrent, now, ct);
        return conflict is null ? TypedResults.Created($"/api/mtfs/{saved.Id}", saved) : conflict;
    }

    /// <param name="version">The version to copy, or <c>current</c>.</param>
    /// <param name="request">The scenario's id, name and the assumptions it changes.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="clock">Sets the recorded instant.</param>
    private static async Task<Results<Created<MtfsVersionDetail>, Ok<MtfsVersionDetail>, NotFound, ValidationProblem, ProblemHttpResult>> CreateScenario(
        string version, CreateScenarioRequest request, FinanceDb db, TimeProvider clock, CancellationToken ct)
    {
        var parent = await Load(db, version, ct);
        if (parent is null) return TypedResults.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (!MtfsRules.IsValidId(request.Id)) errors["id"] = [MtfsRules.IdRule];
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["is required: what the scenario tests"];
        var years = parent.Years();
        var changes = MtfsRules.Read(request.Changes, years, "changes", errors);
        foreach (var (a, i) in (request.Changes ?? []).Select((a, i) => (a, i)))
            if (a?.Category == AssumptionCategory.PlacementForecastBaseline)
                errors[$"changes[{i}].category"] = ["PlacementForecastBaseline is the parent's: a scenario is compared on the same demand"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The scenario cannot be recorded");

        var assumptions = MtfsRules.Apply(parent.Model(), changes);
        var existing = await Load(db, request.Id!, ct);
        if (existing is not null)
            return existing.ParentId == parent.Id && SameAs(existing, request.Name!, years, assumptions)
                ? TypedResults.Ok(existing.ToDetail())
                : RuleBroken.Conflict("mtfs-version-exists", $"Version '{request.Id}' is already recorded with other assumptions: choose another id.");
        var (saved, conflict) = await SaveAsync(db, request.Id!, request.Name!.Trim(), parent.Id, years, assumptions, false, clock.GetUtcNow(), ct);
        return conflict is null ? TypedResults.Created($"/api/mtfs/{saved.Id}", saved) : conflict;
    }

    /// <param name="db">The finance database.</param>
    private static async Task<Ok<List<MtfsVersionDetail>>> List(FinanceDb db, CancellationToken ct)
    {
        var versions = await db.MtfsVersions.AsNoTracking().Include(v => v.Assumptions).OrderByDescending(v => v.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(v => v.ToDetail()).ToList());
    }

    /// <param name="version">The version's id, or <c>current</c>.</param>
    /// <param name="db">The finance database.</param>
    private static async Task<Results<Ok<MtfsVersionDetail>, NotFound>> Get(string version, FinanceDb db, CancellationToken ct) =>
        await Load(db, version, ct) is { } v ? TypedResults.Ok(v.ToDetail()) : TypedResults.NotFound();

    /// <param name="version">The version's id, or <c>current</c>.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="placements">The children's placement forecast now, for demand since the version was set.</param>
    /// <param name="limits">The council tax referendum limits.</param>
    private static async Task<Results<Ok<MtfsGap>, NotFound>> Gap(
        string version, FinanceDb db, ChildrenPlacements placements, IOptions<ReferendumLimits> limits, CancellationToken ct) =>
        await Load(db, version, ct) is { } found ? TypedResults.Ok(await GapOf(found, placements, limits.Value, ct)) : TypedResults.NotFound();

    /// <param name="versions">Comma-separated version ids (or <c>current</c>), two to six.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="placements">The children's placement forecast now.</param>
    /// <param name="limits">The council tax referendum limits.</param>
    private static async Task<Results<Ok<MtfsComparison>, ValidationProblem>> Compare(
        string? versions, FinanceDb db, ChildrenPlacements placements, IOptions<ReferendumLimits> limits, CancellationToken ct)
    {
        var ids = (versions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length is < 2 or > 6)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["versions"] = ["must name 2 to 6 versions, comma-separated"] });
        var gaps = new List<MtfsGap>();
        var unknown = new List<string>();
        foreach (var id in ids)
        {
            if (await Load(db, id, ct) is { } found) gaps.Add(await GapOf(found, placements, limits.Value, ct));
            else unknown.Add(id);
        }
        if (unknown.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["versions"] = [$"no such version: {string.Join(", ", unknown)}"] });
        var first = gaps[0];
        var differences = gaps.Skip(1).Select(g => new MtfsDifference(g.Version, first.Version,
            g.Years.Where(y => first.Years.Any(f => f.Year == y.Year))
                .ToDictionary(y => y.Year, y => y.CumulativeGap - first.Years.Single(f => f.Year == y.Year).CumulativeGap))).ToList();
        return TypedResults.Ok(new MtfsComparison(gaps, differences));
    }

    /// <param name="version">The version to make current.</param>
    /// <param name="db">The finance database.</param>
    private static async Task<Results<Ok<MtfsVersionDetail>, NotFound>> MakeCurrent(string version, FinanceDb db, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var target = await Load(db, version, ct, tracked: true);
        if (target is null) return TypedResults.NotFound();
        await db.MtfsVersions.Where(v => v.IsCurrent && v.Id != target.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.IsCurrent, false), ct);
        target.IsCurrent = true;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(target.ToDetail());
    }

    /// <param name="version">The version whose first year's budget is approved, or <c>current</c>.</param>
    /// <param name="request">When and by whom.</param>
    /// <param name="db">The finance database.</param>
    /// <param name="placements">The children's placement forecast now.</param>
    /// <param name="limits">The council tax referendum limits.</param>
    /// <param name="clock">The instant the approval is recorded.</param>
    private static async Task<Results<Ok<MtfsGap>, NotFound, ValidationProblem, ProblemHttpResult>> Approve(
        string version, ApproveBudgetRequest request, FinanceDb db, ChildrenPlacements placements, IOptions<ReferendumLimits> limits, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (request.DecidedAt is null) errors["decidedAt"] = ["is required: " + Instants.Rule];
        else if (request.DecidedAt > now) errors["decidedAt"] = ["must not be in the future"];
        if (string.IsNullOrWhiteSpace(request.DeciderName)) errors["deciderName"] = ["is required, e.g. Full Council"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The approval cannot be recorded");

        var target = await Load(db, version, ct, tracked: true);
        if (target is null) return TypedResults.NotFound();
        var gap = await GapOf(target, placements, limits.Value, ct);
        var decided = BudgetApproval.Approve(target, gap, request, now);
        if (decided.Refused is { } broken) return broken.AsProblem();
        if (decided.Changes!.Recorded is { } recorded)
        {
            db.AddEvent(recorded, now);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(gap);
    }

    internal static async Task<MtfsVersion?> Load(FinanceDb db, string id, CancellationToken ct, bool tracked = false)
    {
        var query = tracked ? db.MtfsVersions : db.MtfsVersions.AsNoTracking();
        query = query.Include(v => v.Assumptions);
        return id == "current"
            ? await query.FirstOrDefaultAsync(v => v.IsCurrent, ct)
            : await query.FirstOrDefaultAsync(v => v.Id == id, ct);
    }

    internal static async Task<MtfsGap> GapOf(MtfsVersion version, ChildrenPlacements placements, ReferendumLimits limits, CancellationToken ct)
    {
        var years = version.Years();
        var now = await placements.ForecastsExcludingStovewoodAsync(years, ct);
        var model = MtfsModel.Gap(years, version.Model(), limits, y => now[y]);
        return new MtfsGap(version.Id, version.Name, version.ParentId, version.Assumptions.Any(a => a.Illustrative),
            model.Select(y => new MtfsGapYear(y.Year.ToString(), Pounds(y.BandD), Pounds(y.CouncilTax), Pounds(y.Funding), Pounds(y.Spending),
                Pounds(y.Gap), Pounds(y.CumulativeGap), Pounds(y.Savings), Pounds(y.PlannedReserves), Pounds(y.RemainingGap),
                Pounds(y.DemandSinceSetting), Pounds(y.CumulativeGapWithDemand), Pounds(y.RemainingGapWithDemand), y.ReferendumLimitBreaches)).ToList());
    }

    /// <summary>Display rounding, to the penny: the model itself keeps full precision.</summary>
    internal static decimal Pounds(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static async Task<List<Assumption>> Baseline(
        ChildrenPlacements placements, IReadOnlyList<FinancialYear> years, DateTimeOffset now, CancellationToken ct)
    {
        var forecasts = await placements.ForecastsExcludingStovewoodAsync(years, ct);
        var today = placements.Today;
        return years.Select(y => new Assumption(AssumptionCategory.PlacementForecastBaseline, y, null, forecasts[y],
            $"Children's placement forecast (demand-led, excluding Stovewood) when this version was recorded, {now:O}", today, false)).ToList();
    }

    private static bool SameAs(MtfsVersion existing, string name, IReadOnlyList<FinancialYear> years, IReadOnlyList<Assumption> assumptions)
    {
        static IEnumerable<Assumption> Given(IEnumerable<Assumption> all) => all
            .Where(a => a.Category != AssumptionCategory.PlacementForecastBaseline)
            .OrderBy(a => a.Key.Item1).ThenBy(a => a.Key.Item2).ThenBy(a => a.Key.Item3);
        return existing.Name == name.Trim() && existing.Years().SequenceEqual(years) &&
               Given(existing.Model()).SequenceEqual(Given(assumptions));
    }

    private static async Task<(MtfsVersionDetail Saved, ProblemHttpResult? Conflict)> SaveAsync(
        FinanceDb db, string id, string name, string? parentId, IReadOnlyList<FinancialYear> years, IReadOnlyList<Assumption> assumptions,
        bool makeCurrent, DateTimeOffset now, CancellationToken ct)
    {
        var version = new MtfsVersion
        {
            Id = id,
            Name = name,
            ParentId = parentId,
            FirstYear = years[0].StartYear,
            YearCount = years.Count,
            CreatedAt = now,
            IsCurrent = makeCurrent,
            Assumptions = assumptions.Select(a => MtfsAssumptionRecord.From(id, a)).ToList(),
        };
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (makeCurrent) await db.MtfsVersions.Where(v => v.IsCurrent).ExecuteUpdateAsync(s => s.SetProperty(v => v.IsCurrent, false), ct);
            db.MtfsVersions.Add(version);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return (version.ToDetail(), RuleBroken.Conflict("mtfs-version-exists", $"Version '{id}' was recorded at the same moment by another request."));
        }
        return (version.ToDetail(), null);
    }
}
