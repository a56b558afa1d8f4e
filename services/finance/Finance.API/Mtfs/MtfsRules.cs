using System.Text.RegularExpressions;
using Intervention.Contracts.Finance.Http;

namespace Finance.API.Mtfs;

/// <summary>What a version or scenario must say before the model will use it; each failure names its field and rule.</summary>
public static partial class MtfsRules
{
    public const string IdRule = "must be 3 to 60 lowercase letters, digits and hyphens, starting with a letter (not 'current' or 'compare')";

    [GeneratedRegex("^[a-z][a-z0-9-]{2,59}$")]
    private static partial Regex IdPattern();

    /// <summary>
    /// A new version's fields, then its assumptions over the years it covers (field name -> rules broken); the years and
    /// the assumptions read, for the caller to record. The placement forecast baseline is the service's to set.
    /// </summary>
    public static Dictionary<string, string[]> Validate(CreateMtfsVersionRequest request, out List<FinancialYear> years,
        out List<Assumption> assumptions)
    {
        var errors = new Dictionary<string, string[]>();
        (years, assumptions) = ([], []);
        if (!IsValidId(request.Id)) errors["id"] = [IdRule];
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["is required: what this version is"];
        if (!FinancialYear.TryParse(request.FirstYear, out var first))
            errors["firstYear"] = [request.FirstYear is null ? "is required, e.g. 2016/17" : FinancialYear.Rule];
        if (request.Years is not (>= 3 and <= 5)) errors["years"] = ["must be 3 to 5: an MTFS covers three to five years"];
        if (errors.Count > 0) return errors;

        years = Enumerable.Range(first.StartYear, request.Years!.Value).Select(year => new FinancialYear(year)).ToList();
        assumptions = Read(request.Assumptions, years, "assumptions", errors);
        foreach (var (line, i) in (request.Assumptions ?? []).Select((line, i) => (line, i)))
            if (line?.Category == AssumptionCategory.PlacementForecastBaseline)
                errors[$"assumptions[{i}].category"] = ["PlacementForecastBaseline is set by the service when the version is recorded"];
        RequireEssentials(assumptions, years, "assumptions", errors);
        return errors;
    }

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id) && id is not ("current" or "compare");

    private static readonly HashSet<AssumptionCategory> VersionWide = [AssumptionCategory.BaseBudget, AssumptionCategory.BandD,
        AssumptionCategory.DemandFactor];
    private static readonly HashSet<AssumptionCategory> Named = [AssumptionCategory.SpecificGrant, AssumptionCategory.DemandPressure,
        AssumptionCategory.OtherPressure, AssumptionCategory.Savings];
    private static readonly HashSet<AssumptionCategory> NotNegative =
    [
        AssumptionCategory.BaseBudget, AssumptionCategory.BusinessRates, AssumptionCategory.RevenueSupportGrant, AssumptionCategory.SpecificGrant,
        AssumptionCategory.Savings, AssumptionCategory.PlannedReserves, AssumptionCategory.AscPrecept, AssumptionCategory.PlacementForecastBaseline,
    ];

    /// <summary>
    /// Reads the assumptions of a version covering <paramref name="years"/>, adding each failure to <paramref name="errors"/>
    /// under <paramref name="field"/>[i].
    /// </summary>
    public static List<Assumption> Read(
        IReadOnlyList<MtfsAssumption>? given, IReadOnlyList<FinancialYear> years, string field, Dictionary<string, string[]> errors)
    {
        var read = new List<Assumption>();
        if (given is null)
        {
            errors[field] = ["is required: the version's assumptions"];
            return read;
        }
        for (var i = 0; i < given.Count; i++)
        {
            var a = given[i];
            var at = $"{field}[{i}]";
            if (a is null) { errors[at] = ["must be an assumption"]; continue; }
            var before = errors.Count;
            FinancialYear? year = null;
            if (a.Category is not { } category)
            {
                errors[$"{at}.category"] = [$"is required: one of {string.Join(", ", Enum.GetNames<AssumptionCategory>())}"];
                continue;
            }
            if (VersionWide.Contains(category))
            {
                if (a.Year is not null) errors[$"{at}.year"] = [$"must be absent: {category} holds for the whole strategy"];
            }
            else if (!FinancialYear.TryParse(a.Year, out var y)) errors[$"{at}.year"] = [a.Year is null ? $"is required for {category}" : FinancialYear.Rule];
            else if (!years.Contains(y)) errors[$"{at}.year"] = [$"{y} is outside this strategy ({years[0]} to {years[^1]})"];
            else year = y;

            if (Named.Contains(category) && string.IsNullOrWhiteSpace(a.Name)) errors[$"{at}.name"] = [$"is required for {category}: say which line it is"];
            if (a.Value is not { } value) errors[$"{at}.value"] = ["is required"];
            else if (category == AssumptionCategory.TaxBase && value <= 0) errors[$"{at}.value"] = ["a tax base must be more than zero band D equivalents"];
            else if (category == AssumptionCategory.BandD && value <= 0) errors[$"{at}.value"] = ["band D must be more than zero pounds"];
            else if (category == AssumptionCategory.DemandFactor && value <= 0)
                errors[$"{at}.value"] = ["a demand factor must be more than zero (1 = demand as assumed)"];
            else if (category is AssumptionCategory.CoreIncrease && value <= -100) errors[$"{at}.value"] = ["a core increase must be more than -100 percent"];
            else if (NotNegative.Contains(category) && value < 0) errors[$"{at}.value"] = [$"{category} cannot be negative"];
            if (string.IsNullOrWhiteSpace(a.Source)) errors[$"{at}.source"] = ["is required: where the figure comes from (say 'illustrative' when it is)"];
            if (a.AsOf is null) errors[$"{at}.asOf"] = ["is required: the date of the source, yyyy-MM-dd"];
            if (errors.Count > before) continue;

            var assumption = new Assumption(category, year, Named.Contains(category) ? a.Name!.Trim() : null, a.Value!.Value, a.Source!.Trim(),
                a.AsOf!.Value, a.Illustrative);
            if (read.Any(r => r.Key == assumption.Key))
            {
                var line = $"{category}{(year is null ? "" : " " + year)}{(assumption.Name is null ? "" : " '" + assumption.Name + "'")}";
                errors[at] = [$"repeats {line}: each line once"];
            }
            else read.Add(assumption);
        }
        return read;
    }

    /// <summary>The assumptions the model cannot do without: the base budget, band D and each year's tax base.</summary>
    public static void RequireEssentials(
        IReadOnlyList<Assumption> assumptions, IReadOnlyList<FinancialYear> years, string field, Dictionary<string, string[]> errors)
    {
        var missing = new List<string>();
        if (!assumptions.Any(a => a.Category == AssumptionCategory.BaseBudget)) missing.Add("BaseBudget");
        if (!assumptions.Any(a => a.Category == AssumptionCategory.BandD)) missing.Add("BandD");
        missing.AddRange(years.Where(y => !assumptions.Any(a => a.Category == AssumptionCategory.TaxBase && a.Year == y)).Select(y => $"TaxBase {y}"));
        if (missing.Count > 0 && !errors.ContainsKey(field)) errors[field] = [$"is missing {string.Join(", ", missing)}"];
    }

    /// <summary>A scenario: the parent's assumptions with each change replacing the line it names, or added.</summary>
    public static List<Assumption> Apply(IReadOnlyList<Assumption> parent, IReadOnlyList<Assumption> changes)
    {
        var result = parent.Where(p => changes.All(c => c.Key != p.Key)).ToList();
        result.AddRange(changes);
        return result;
    }
}
