using Intervention.ServiceDefaults;
using Children.API.Children;
using Children.API.Returns903;

namespace Children.API.Kpis;

/// <summary>An episode as the KPIs read it (one per child and start date).</summary>
public sealed record CareEpisode(string Child, DateOnly Start, DateOnly? End, string Rne, string Ls, string Place, string HomePost, string PlPost);
public sealed record MissingEpisode(string Child, DateOnly Start, DateOnly? End);
public sealed record Visit(string Child, DateOnly DueOn, DateOnly? VisitedOn);
public sealed record Assessment(string Child, DateOnly StartedOn, DateOnly? CompletedOn);
public sealed record Plan(string Child, DateOnly StartedOn, DateOnly? EndedOn, DateOnly ReviewDueOn);
public sealed record HealthAssessment(string Child, string Kind, DateOnly DueOn, DateOnly? DoneOn);
public sealed record ReturnInterview(string Child, DateOnly ReturnedOn, DateOnly InterviewedOn);
public sealed record SocialWorker(string Id, bool Agency, DateOnly StartedOn, DateOnly? LeftOn);
public sealed record Allocation(string Child, string SocialWorker, DateOnly FromOn, DateOnly? ToOn);

/// <summary>Everything the KPIs read.</summary>
public sealed class KpiInputs
{
    public Dictionary<string, DateOnly> DatesOfBirth { get; init; } = [];
    public List<CareEpisode> Episodes { get; init; } = [];
    public List<MissingEpisode> Missing { get; init; } = [];
    public Dictionary<string, (double Latitude, double Longitude)> Postcodes { get; init; } = [];
    public List<Visit> Visits { get; init; } = [];
    public List<Assessment> Assessments { get; init; } = [];
    public List<Plan> Plans { get; init; } = [];
    public List<HealthAssessment> HealthAssessments { get; init; } = [];
    public List<ReturnInterview> ReturnInterviews { get; init; } = [];
    public List<SocialWorker> SocialWorkers { get; init; } = [];
    public List<Allocation> Allocations { get; init; } = [];
}

/// <summary>
/// The children's KPIs as at a date, each by its published definition. Pure: inputs and a calendar in, values
/// with their numerators and denominators out. "In the year" is the twelve months ending on the as-at date.
/// </summary>
public sealed class KpiCalculator(WorkingCalendar workingDays, IReadOnlyCollection<string> homeDistricts, KpiPolicy policy)
{
    public static readonly string[] Names =
    [
        "placements-3-plus", "long-term-stability", "placed-over-20-miles", "family-based-placements", "statutory-visits-on-time",
        "assessments-within-45-days", "plans-up-to-date", "return-home-interviews", "health-assessments-on-time", "average-caseload", "agency-rate",
    ];

    public IReadOnlyList<Kpi> Calculate(KpiInputs inputs, DateOnly asAt)
    {
        var yearStart = asAt.AddYears(-1).AddDays(1);
        var byChild = inputs.Episodes.GroupBy(e => e.Child).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Start).ToList());
        // Looked after on the day, other than on a series of short breaks (V3/V4), which the stability measures exclude.
        var lookedAfter = byChild
            .Select(c => (Child: c.Key, Episodes: c.Value, Current: c.Value.LastOrDefault(e => e.Start <= asAt && (e.End is null || e.End > asAt))))
            .Where(c => c.Current is not null && !CodeLists.IsShortBreak(c.Current.Ls))
            .ToList();

        return
        [
            PlacementsThreePlus(lookedAfter, yearStart, asAt),
            LongTermStability(lookedAfter, inputs.DatesOfBirth, asAt),
            PlacedOver20Miles(lookedAfter, inputs.Postcodes),
            Percent("family-based-placements",
                lookedAfter.Count(c => IsFamilyBased(c.Current!.Place)), lookedAfter.Count,
                $"Children looked after on the day (not on short breaks) living in a family-based setting: foster care (U1–U6), placed for adoption " +
                $"(A3–A6) or placed with parents (P1)."),
            VisitsOnTime(inputs.Visits, yearStart, asAt),
            AssessmentsWithin45Days(inputs.Assessments, yearStart, asAt),
            PlansUpToDate(inputs.Plans, asAt),
            ReturnHomeInterviews(inputs, byChild, yearStart, asAt),
            HealthAssessmentsOnTime(inputs.HealthAssessments, yearStart, asAt),
            AverageCaseload(inputs, asAt),
            AgencyRate(inputs.SocialWorkers, asAt),
        ];
    }

    public static bool IsFamilyBased(string place) => CodeLists.IsFoster(place) || CodeLists.IsAdoption(place) || place == "P1";

    private static Kpi Percent(string name, int numerator, int denominator, string definition, IReadOnlyDictionary<string, int>? notes = null) =>
        new(name, denominator == 0 ? null : Math.Round(100m * numerator / denominator, 1, MidpointRounding.AwayFromZero),
            numerator, denominator, definition, notes);

    private static Kpi PlacementsThreePlus(
        List<(string Child, List<CareEpisode> Episodes, CareEpisode? Current)> lookedAfter, DateOnly yearStart, DateOnly asAt)
    {
        var threePlus = 0;
        foreach (var (_, episodes, _) in lookedAfter)
        {
            var inYear = episodes.Where(e => e.Start <= asAt && (e.End is null || e.End >= yearStart) && !CodeLists.IsShortBreak(e.Ls)).ToList();
            // The placement held when the year began counts once; each new period of care or placement change after it counts again.
            var placements = inYear.Count == 0 ? 0 : 1 + inYear.Skip(1).Count(e => e.Rne is "S" or "P" or "B" or "T" or "U");
            if (placements >= 3) threePlus++;
        }
        return Percent("placements-3-plus", threePlus, lookedAfter.Count,
            "Children looked after on the day (not on short breaks) who had three or more placements in the twelve months to it (DfE placement " +
            "stability, short-term).");
    }

    private static Kpi LongTermStability(
        List<(string Child, List<CareEpisode> Episodes, CareEpisode? Current)> lookedAfter, Dictionary<string, DateOnly> dob, DateOnly asAt)
    {
        int numerator = 0, denominator = 0;
        var unknownAge = 0;
        foreach (var (child, episodes, current) in lookedAfter)
        {
            if (!dob.TryGetValue(child, out var born)) { unknownAge++; continue; }
            if (CodeLists.Age(born, asAt) >= 16) continue;
            var index = episodes.IndexOf(current!);
            // Back through continuous episodes (each a continuation starting the day the one before ended) to the start of care.
            var careStart = index;
            while (careStart > 0 && episodes[careStart].Rne != "S" && episodes[careStart - 1].End == episodes[careStart].Start
                   && !CodeLists.IsShortBreak(episodes[careStart - 1].Ls))
                careStart--;
            if (episodes[careStart].Start > asAt.AddMonths(-30)) continue;
            denominator++;
            // Back through legal-status-only changes (L) to the day the current placement began.
            var placementStart = index;
            while (placementStart > careStart && episodes[placementStart].Rne == "L") placementStart--;
            if (episodes[placementStart].Start <= asAt.AddYears(-2)) numerator++;
        }
        return Percent("long-term-stability", numerator, denominator,
            "Children under 16 looked after on the day, continuously for at least 2.5 years, who have lived in the same placement for at least 2 " +
            "years (DfE placement stability, long-term; short breaks V3/V4 excluded).",
            unknownAge > 0 ? new Dictionary<string, int> { ["unknown-date-of-birth"] = unknownAge } : null);
    }

    private Kpi PlacedOver20Miles(
        List<(string Child, List<CareEpisode> Episodes, CareEpisode? Current)> lookedAfter, Dictionary<string, (double Latitude, double Longitude)> postcodes)
    {
        int over = 0, known = 0, noPostcode = 0, unknown = 0;
        foreach (var (_, _, current) in lookedAfter)
        {
            if (current!.HomePost.Length == 0 || current.PlPost.Length == 0) { noPostcode++; continue; }
            if (Postcodes.Find(postcodes, current.HomePost) is not { } home || Postcodes.Find(postcodes, current.PlPost) is not { } placed)
            {
                unknown++;
                continue;
            }
            known++;
            if (Postcodes.Miles(home, placed) > policy.DistantPlacementMiles) over++;
        }
        return Percent("placed-over-20-miles", over, known,
            $"Children looked after on the day (not on short breaks) whose placement is more than {policy.DistantPlacementMiles} miles from home, " +
            $"measured between the home and placement postcodes' centroids; " +
            "children without both postcodes, or with a postcode missing from the lookup table, are counted in the notes and left out, not guessed.",
            new Dictionary<string, int> { ["no-postcode"] = noPostcode, ["unknown-postcode"] = unknown });
    }

    private static Kpi VisitsOnTime(List<Visit> visits, DateOnly yearStart, DateOnly asAt) =>
        DoneByDueDate("statutory-visits-on-time", visits, visit => visit.DueOn, visit => visit.VisitedOn, yearStart, asAt,
            "Statutory visits to looked-after children due in the twelve months to the day that took place on or before their due date.");

    private Kpi AssessmentsWithin45Days(List<Assessment> assessments, DateOnly yearStart, DateOnly asAt)
    {
        var completed = assessments.Where(a => a.CompletedOn is { } c && c >= yearStart && c <= asAt).ToList();
        var inTime = completed.Count(assessment => workingDays.Between(assessment.StartedOn, assessment.CompletedOn!.Value) <= policy.AssessmentWorkingDays);
        return Percent("assessments-within-45-days", inTime, completed.Count,
            $"Children and family assessments completed in the twelve months to the day that were completed within {policy.AssessmentWorkingDays} " +
            $"working days of starting (weekends and England and Wales bank holidays not counted).");
    }

    private static Kpi PlansUpToDate(List<Plan> plans, DateOnly asAt)
    {
        var open = plans.Where(p => p.StartedOn <= asAt && (p.EndedOn is null || p.EndedOn > asAt)).ToList();
        return Percent("plans-up-to-date", open.Count(p => p.ReviewDueOn >= asAt), open.Count,
            "Children in need with a plan open on the day whose plan is up to date: its next review is not overdue.");
    }

    private Kpi ReturnHomeInterviews(KpiInputs inputs, Dictionary<string, List<CareEpisode>> byChild, DateOnly yearStart, DateOnly asAt)
    {
        var interviews = inputs.ReturnInterviews.GroupBy(r => (r.Child, r.ReturnedOn)).ToDictionary(g => g.Key, g => g.Min(r => r.InterviewedOn));
        int numerator = 0, denominator = 0, outNumerator = 0, outDenominator = 0;
        foreach (var m in inputs.Missing.Where(m => m.End is { } e && e >= yearStart && e <= asAt))
        {
            var returned = m.End!.Value;
            var done = interviews.TryGetValue((m.Child, returned), out var on)
                       && on >= returned && on.DayNumber - returned.DayNumber <= policy.ReturnInterviewDays;
            denominator++;
            if (done) numerator++;
            var placement = byChild.GetValueOrDefault(m.Child)?.LastOrDefault(e => e.Start <= m.Start && (e.End is null || e.End >= m.Start));
            if (PlacementDecisions.District(placement?.PlPost) is { } district && !homeDistricts.Contains(district, StringComparer.OrdinalIgnoreCase))
            {
                outDenominator++;
                if (done) outNumerator++;
            }
        }
        return Percent("return-home-interviews", numerator, denominator,
            $"Missing episodes of looked-after children ending in the twelve months to the day after which a return home interview was held within " +
            $"{policy.ReturnInterviewDays} days (72 hours), " +
            "including children placed out of borough (their share is in the notes).",
            new Dictionary<string, int> { ["out-of-borough-returns"] = outDenominator, ["out-of-borough-interviewed"] = outNumerator });
    }

    private static Kpi HealthAssessmentsOnTime(List<HealthAssessment> health, DateOnly yearStart, DateOnly asAt) =>
        DoneByDueDate("health-assessments-on-time", health, assessment => assessment.DueOn, assessment => assessment.DoneOn, yearStart, asAt,
            "Initial and annual health assessments of looked-after children due in the twelve months to the day that were done by their due date.",
            (due, onTime) => new Dictionary<string, int>
            {
                ["initial-due"] = due.Count(h => h.Kind == "Initial"), ["initial-on-time"] = due.Count(h => h.Kind == "Initial" && onTime(h)),
                ["annual-due"] = due.Count(h => h.Kind == "Annual"), ["annual-on-time"] = due.Count(h => h.Kind == "Annual" && onTime(h)),
            });

    /// <summary>
    /// The share of the records due in the twelve months to the day that were done on or before their due date (statutory
    /// visits, health assessments): one rule, so that the two KPIs cannot drift apart.
    /// </summary>
    private static Kpi DoneByDueDate<T>(string name, List<T> records, Func<T, DateOnly> dueOn, Func<T, DateOnly?> doneOn, DateOnly yearStart,
        DateOnly asAt, string definition, Func<List<T>, Func<T, bool>, IReadOnlyDictionary<string, int>>? notes = null)
    {
        var due = records.Where(record => dueOn(record) >= yearStart && dueOn(record) <= asAt).ToList();
        bool OnTime(T record) => doneOn(record) is { } done && done <= dueOn(record);
        return Percent(name, due.Count(OnTime), due.Count, definition, notes?.Invoke(due, OnTime));
    }

    private static Kpi AverageCaseload(KpiInputs inputs, DateOnly asAt)
    {
        var inPost = inputs.SocialWorkers.Where(w => w.StartedOn <= asAt && (w.LeftOn is null || w.LeftOn > asAt)).Select(w => w.Id).ToHashSet();
        var open = inputs.Allocations.Where(a => a.FromOn <= asAt && (a.ToOn is null || a.ToOn > asAt) && inPost.Contains(a.SocialWorker)).ToList();
        var cases = open.Select(a => (a.Child, a.SocialWorker)).Distinct().Count();
        var holding = open.Select(a => a.SocialWorker).Distinct().Count();
        return new Kpi("average-caseload", holding == 0 ? null : Math.Round((decimal)cases / holding, 1, MidpointRounding.AwayFromZero), cases, holding,
            "Children allocated to social workers on the day divided by the social workers in post holding cases (the target is below 15).");
    }

    private static Kpi AgencyRate(List<SocialWorker> workers, DateOnly asAt)
    {
        var inPost = workers.Where(w => w.StartedOn <= asAt && (w.LeftOn is null || w.LeftOn > asAt)).ToList();
        return Percent("agency-rate", inPost.Count(w => w.Agency), inPost.Count, "Social workers in post on the day who are agency workers.");
    }
}

/// <summary>The KPIs' policy numbers (configuration <c>Children:Kpis</c>), defaulting to the published definitions.</summary>
public sealed class KpiPolicy
{
    public double DistantPlacementMiles { get; set; } = 20;
    public int AssessmentWorkingDays { get; set; } = 45;
    public int ReturnInterviewDays { get; set; } = 3;
}
