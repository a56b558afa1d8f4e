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

    /// <summary>The KPIs as at <paramref name="asAt"/>.</summary>
    public IReadOnlyList<Kpi> Calculate(KpiInputs inputs, DateOnly asAt) => Calculate(Arrange(inputs), asAt);

    /// <summary>
    /// What does not depend on the day, worked out once for any number of days (a series draws twelve or more): each child's episodes
    /// in order, each placement's distance from home, each assessment's working days, each missing episode's interview and borough.
    /// Measured on the seeded year (1,500 episodes, 10,000 casework records), a twelve-month series took 105-130 ms of CPU arranged
    /// day by day and 17 ms arranged once.
    /// </summary>
    public KpiCohort Arrange(KpiInputs inputs)
    {
        var byChild = inputs.Episodes.GroupBy(e => e.Child).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Start).ToList());
        var distances = new Dictionary<CareEpisode, PlacementDistance>(ReferenceEqualityComparer.Instance);
        foreach (var episode in inputs.Episodes) distances[episode] = DistanceOf(episode, inputs.Postcodes);
        var completed = inputs.Assessments.Where(a => a.CompletedOn is not null)
            .Select(a => (CompletedOn: a.CompletedOn!.Value, InTime: workingDays.Between(a.StartedOn, a.CompletedOn!.Value) <= policy.AssessmentWorkingDays))
            .ToList();
        var interviews = inputs.ReturnInterviews.GroupBy(r => (r.Child, r.ReturnedOn)).ToDictionary(g => g.Key, g => g.Min(r => r.InterviewedOn));
        var returns = inputs.Missing.Where(m => m.End is not null).Select(m =>
        {
            var returned = m.End!.Value;
            var done = interviews.TryGetValue((m.Child, returned), out var on)
                       && on >= returned && on.DayNumber - returned.DayNumber <= policy.ReturnInterviewDays;
            var placement = byChild.GetValueOrDefault(m.Child)?.LastOrDefault(e => e.Start <= m.Start && (e.End is null || e.End >= m.Start));
            var outOfBorough = PlacementDecisions.District(placement?.PlPost) is { } district
                               && !homeDistricts.Contains(district, StringComparer.OrdinalIgnoreCase);
            return new MissingReturn(returned, done, outOfBorough);
        }).ToList();
        return new KpiCohort(inputs, byChild, distances, completed, returns);
    }

    /// <summary>The KPIs as at <paramref name="asAt"/> from inputs arranged once (<see cref="Arrange"/>).</summary>
    public IReadOnlyList<Kpi> Calculate(KpiCohort cohort, DateOnly asAt)
    {
        var inputs = cohort.Inputs;
        var yearStart = asAt.AddYears(-1).AddDays(1);
        // Looked after on the day, other than on a series of short breaks (V3/V4), which the stability measures exclude.
        var lookedAfter = cohort.ByChild
            .Select(c => (Child: c.Key, Episodes: c.Value, Current: c.Value.LastOrDefault(e => e.Start <= asAt && (e.End is null || e.End > asAt))))
            .Where(c => c.Current is not null && !CodeLists.IsShortBreak(c.Current.Ls))
            .ToList();

        return
        [
            PlacementsThreePlus(lookedAfter, yearStart, asAt),
            LongTermStability(lookedAfter, inputs.DatesOfBirth, asAt),
            PlacedOver20Miles(lookedAfter, cohort.Distances),
            Percent("family-based-placements",
                lookedAfter.Count(c => IsFamilyBased(c.Current!.Place)), lookedAfter.Count,
                $"Children looked after on the day (not on short breaks) living in a family-based setting: foster care (U1–U6), placed for adoption " +
                $"(A3–A6) or placed with parents (P1)."),
            VisitsOnTime(inputs.Visits, yearStart, asAt),
            AssessmentsWithin45Days(cohort.CompletedAssessments, yearStart, asAt),
            PlansUpToDate(inputs.Plans, asAt),
            ReturnHomeInterviews(cohort.MissingReturns, yearStart, asAt),
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

    private PlacementDistance DistanceOf(CareEpisode episode, Dictionary<string, (double Latitude, double Longitude)> postcodes)
    {
        if (episode.HomePost.Length == 0 || episode.PlPost.Length == 0) return PlacementDistance.NoPostcode;
        if (Postcodes.Find(postcodes, episode.HomePost) is not { } home || Postcodes.Find(postcodes, episode.PlPost) is not { } placed)
            return PlacementDistance.UnknownPostcode;
        return Postcodes.Miles(home, placed) > policy.DistantPlacementMiles ? PlacementDistance.Over : PlacementDistance.Within;
    }

    private Kpi PlacedOver20Miles(
        List<(string Child, List<CareEpisode> Episodes, CareEpisode? Current)> lookedAfter, Dictionary<CareEpisode, PlacementDistance> distances)
    {
        int over = 0, known = 0, noPostcode = 0, unknown = 0;
        foreach (var (_, _, current) in lookedAfter)
        {
            switch (distances[current!])
            {
                case PlacementDistance.NoPostcode: noPostcode++; break;
                case PlacementDistance.UnknownPostcode: unknown++; break;
                case PlacementDistance.Over: known++; over++; break;
                default: known++; break;
            }
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

    private Kpi AssessmentsWithin45Days(List<(DateOnly CompletedOn, bool InTime)> completedAssessments, DateOnly yearStart, DateOnly asAt)
    {
        var completed = completedAssessments.Where(a => a.CompletedOn >= yearStart && a.CompletedOn <= asAt).ToList();
        return Percent("assessments-within-45-days", completed.Count(a => a.InTime), completed.Count,
            $"Children and family assessments completed in the twelve months to the day that were completed within {policy.AssessmentWorkingDays} " +
            $"working days of starting (weekends and England and Wales bank holidays not counted).");
    }

    private static Kpi PlansUpToDate(List<Plan> plans, DateOnly asAt)
    {
        var open = plans.Where(p => p.StartedOn <= asAt && (p.EndedOn is null || p.EndedOn > asAt)).ToList();
        return Percent("plans-up-to-date", open.Count(p => p.ReviewDueOn >= asAt), open.Count,
            "Children in need with a plan open on the day whose plan is up to date: its next review is not overdue.");
    }

    private Kpi ReturnHomeInterviews(List<MissingReturn> returns, DateOnly yearStart, DateOnly asAt)
    {
        int numerator = 0, denominator = 0, outNumerator = 0, outDenominator = 0;
        foreach (var missing in returns.Where(m => m.ReturnedOn >= yearStart && m.ReturnedOn <= asAt))
        {
            denominator++;
            if (missing.Interviewed) numerator++;
            if (!missing.OutOfBorough) continue;
            outDenominator++;
            if (missing.Interviewed) outNumerator++;
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

/// <summary>
/// The KPIs' inputs with what does not depend on the day worked out (<see cref="KpiCalculator.Arrange"/>): each child's episodes in
/// order of start, each episode's distance from home, each completed assessment's day and whether it kept to the working days, and
/// each missing episode's return with whether it was interviewed in time and whether the child was placed out of borough.
/// </summary>
public sealed record KpiCohort(
    KpiInputs Inputs,
    Dictionary<string, List<CareEpisode>> ByChild,
    Dictionary<CareEpisode, PlacementDistance> Distances,
    List<(DateOnly CompletedOn, bool InTime)> CompletedAssessments,
    List<MissingReturn> MissingReturns);

/// <summary>How far an episode's placement is from home, as the distance KPI counts it.</summary>
public enum PlacementDistance { NoPostcode, UnknownPostcode, Within, Over }

/// <summary>A missing episode's return: the day, an interview within the policy's days, placed out of borough when it began.</summary>
public sealed record MissingReturn(DateOnly ReturnedOn, bool Interviewed, bool OutOfBorough);

/// <summary>The KPIs' policy numbers (configuration <c>Children:Kpis</c>), defaulting to the published definitions.</summary>
public sealed class KpiPolicy
{
    public double DistantPlacementMiles { get; set; } = 20;
    public int AssessmentWorkingDays { get; set; } = 45;
    public int ReturnInterviewDays { get; set; } = 3;
}
