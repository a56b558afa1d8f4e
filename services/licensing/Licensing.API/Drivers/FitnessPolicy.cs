namespace Licensing.API.Drivers;

/// <summary>The outcome and every reason found, whatever the outcome.</summary>
public sealed record FitnessVerdict(FitnessOutcome Outcome, IReadOnlyList<FitnessReason> Reasons)
{
    /// <summary>An officer may grant only a driver found fit.</summary>
    public bool OfficerMayGrant => Outcome == FitnessOutcome.Fit;
}

/// <summary>An enhanced DBS certificate.</summary>
/// <param name="IssuedOn">The certificate's date.</param>
/// <param name="BothBarredListsChecked">Whether the children's and the adults' barred lists were both checked.</param>
/// <param name="OnABarredList">Whether the driver is on either list.</param>
public sealed record DbsCertificate(DateOnly IssuedOn, bool BothBarredListsChecked, bool OnABarredList = false);

/// <summary>One attempt at the knowledge test.</summary>
public sealed record KnowledgeTestAttempt(DateOnly TakenOn, bool Passed);

/// <summary>A Group 2 medical examination.</summary>
public sealed record MedicalExamination(DateOnly ExaminedOn, bool Fit);

/// <summary>A search of the national register of refusals and revocations.</summary>
/// <param name="SearchedOn">The day of the search.</param>
/// <param name="Match">Whether another authority refused or revoked this driver. A match is only ever a ground for a hearing.</param>
public sealed record RegisterSearch(DateOnly SearchedOn, bool Match);

/// <summary>Information from the police, received on a date.</summary>
public sealed record PoliceIntelligence(DateOnly ReceivedOn, string Summary);

/// <summary>Something the driver must report (an arrest, a charge, a conviction), when it happened and when the driver told the council.</summary>
public sealed record SelfReport(DateOnly HappenedOn, DateOnly ReportedOn, string What);

/// <summary>
/// Everything dated on a driver's file that the fitness check reads. A record dated after the day of the check is ignored:
/// the check answers what was known on that day.
/// </summary>
public sealed record DriverRecords
{
    /// <summary>
    /// Every grant and renewal, first grant first. To check a grant or renewal being decided, include its date: the
    /// national register must have been searched for each one. Empty for an applicant not yet licensed.
    /// </summary>
    public IReadOnlyList<DateOnly> Grants { get; init; } = [];
    public IReadOnlyList<DbsCertificate> DbsCertificates { get; init; } = [];
    /// <summary>Days the DBS update service was checked.</summary>
    public IReadOnlyList<DateOnly> UpdateServiceChecks { get; init; } = [];
    /// <summary>Day safeguarding and child sexual exploitation awareness training was completed.</summary>
    public DateOnly? SafeguardingTrainingOn { get; init; }
    /// <summary>Day the BTEC level 2 qualification was awarded.</summary>
    public DateOnly? BtecLevel2On { get; init; }
    public IReadOnlyList<KnowledgeTestAttempt> KnowledgeTests { get; init; } = [];
    public IReadOnlyList<MedicalExamination> Medicals { get; init; } = [];
    /// <summary>Days the DVLA driving record was checked (points and bans are recorded as convictions).</summary>
    public IReadOnlyList<DateOnly> DvlaChecks { get; init; } = [];
    public IReadOnlyList<RegisterSearch> RegisterSearches { get; init; } = [];
    public IReadOnlyList<Conviction> Convictions { get; init; } = [];
    public IReadOnlyList<PoliceIntelligence> PoliceIntelligence { get; init; } = [];
    public IReadOnlyList<SelfReport> SelfReports { get; init; } = [];
}

/// <summary>The fitness policy's numbers, bindable from <c>Licensing:Fitness</c>; defaults from DOMAIN.md.</summary>
public sealed class FitnessPolicyOptions
{
    public const string Section = "Licensing:Fitness";

    /// <summary>Longest gap between DBS update-service checks (the first runs from the certificate).</summary>
    public int UpdateServiceCheckMonths { get; set; } = 6;
    /// <summary>Months after the first grant by which the safeguarding training and the BTEC level 2 must be done.</summary>
    public int TrainingDeadlineMonths { get; set; } = 12;
    /// <summary>Failures in a row that bar a retake of the knowledge test.</summary>
    public int KnowledgeTestFailuresBeforeBar { get; set; } = 3;
    public int KnowledgeTestBarMonths { get; set; } = 12;
    /// <summary>
    /// Days a driver has to report an arrest, charge or conviction. DOMAIN.md gives no figure; 2 (48 hours) is the
    /// council's condition as we understand it and should be confirmed with the licensing team.
    /// </summary>
    public int SelfReportWithinDays { get; set; } = 2;
}

/// <summary>
/// Whether a driver is fit and proper on a day, from the dated records on file: records in, a verdict with every reason out.
/// A hearing is needed when any reason needs judgement (a conviction inside its period or in a never category, police
/// intelligence, a late self-report, a national register match, a barred-list entry); otherwise the driver is not fit when
/// a mechanical requirement fails; otherwise fit.
/// </summary>
public sealed class FitnessPolicy(FitnessPolicyOptions? options = null, ConvictionPolicy? convictions = null)
{
    private readonly FitnessPolicyOptions _options = options ?? new();
    private readonly ConvictionPolicy _convictions = convictions ?? new();

    public FitnessVerdict Assess(DriverRecords records, DateOnly on)
    {
        var reasons = new List<FitnessReason>();
        void Judgement(string code, string sentence) => reasons.Add(new(code, sentence, NeedsJudgement: true));
        void Requirement(string code, string sentence) => reasons.Add(new(code, sentence, NeedsJudgement: false));

        // Judgement first, so that the reasons read in the order a panel would weigh them.
        foreach (var conviction in records.Convictions.Where(recorded => recorded.ConvictedOn <= on).OrderBy(recorded => recorded.ConvictedOn))
        {
            if (!_convictions.IsInsidePeriod(conviction, on)) continue;
            if (_convictions.ClearOn(conviction) is { } clear)
                Judgement("conviction-inside-period",
                    $"{conviction.Category} conviction of {D(conviction.ConvictedOn)} is inside its " +
                        $"{_convictions.ExclusionYears(conviction.Category)}-year period counted from {D(ConvictionPolicy.CountsFrom(conviction))}; " +
                        $"it counts until {D(clear.AddDays(-1))}.");
            else
                Judgement("conviction-never-period",
                    $"{conviction.Category} conviction of {D(conviction.ConvictedOn)} is in a category that never leaves its period.");
        }
        foreach (var intelligence in records.PoliceIntelligence.Where(received => received.ReceivedOn <= on).OrderBy(received => received.ReceivedOn))
            Judgement("police-intelligence", $"Police intelligence received {D(intelligence.ReceivedOn)}: {intelligence.Summary}");
        foreach (var report in records.SelfReports.Where(reported => reported.ReportedOn <= on).OrderBy(reported => reported.ReportedOn))
            if (report.ReportedOn > report.HappenedOn.AddDays(_options.SelfReportWithinDays))
                Judgement("late-self-report",
                    $"{report.What} on {D(report.HappenedOn)} was reported on {D(report.ReportedOn)}, after the {_options.SelfReportWithinDays} days allowed.");

        var grants = records.Grants.Where(grant => grant <= on).Order().ToList();
        var searches = records.RegisterSearches.Where(search => search.SearchedOn <= on).OrderBy(search => search.SearchedOn).ToList();
        if (searches.LastOrDefault() is { Match: true } match)
            Judgement("register-match",
                $"The national register search of {D(match.SearchedOn)} found a refusal or revocation elsewhere; a match is never the sole ground of " +
                    $"a refusal, so it goes to a hearing.");

        var dbs = records.DbsCertificates.Where(certificate => certificate.IssuedOn <= on).OrderBy(certificate => certificate.IssuedOn).LastOrDefault();
        if (dbs is { OnABarredList: true })
            Judgement("barred-list-entry", $"The enhanced DBS certificate of {D(dbs.IssuedOn)} shows the driver on a barred list.");

        // Mechanical requirements.
        if (dbs is null)
            Requirement("dbs-missing", "No enhanced DBS certificate is on record.");
        else
        {
            if (!dbs.BothBarredListsChecked)
                Requirement("dbs-barred-lists-not-checked", $"The enhanced DBS certificate of {D(dbs.IssuedOn)} did not check both barred lists.");
            var lastCheck = records.UpdateServiceChecks.Where(check => check <= on && check >= dbs.IssuedOn).DefaultIfEmpty(dbs.IssuedOn).Max();
            var due = lastCheck.AddMonths(_options.UpdateServiceCheckMonths);
            if (on > due)
                Requirement("dbs-update-check-overdue",
                    $"The DBS update service was last checked on {D(lastCheck)}; the next check was due by {D(due)}.");
        }

        if (grants.Count > 0)
        {
            var deadline = grants[0].AddMonths(_options.TrainingDeadlineMonths);
            if (on > deadline && !(records.SafeguardingTrainingOn <= on))
                Requirement("safeguarding-training-late",
                    $"Safeguarding and child sexual exploitation awareness training was due by {D(deadline)}, {_options.TrainingDeadlineMonths} " +
                        $"months after the first grant, and is not done.");
            if (on > deadline && !(records.BtecLevel2On <= on))
                Requirement("btec-level-2-late",
                    $"The BTEC level 2 qualification was due by {D(deadline)}, {_options.TrainingDeadlineMonths} months after the first grant, and is " +
                        $"not held.");
        }

        var attempts = records.KnowledgeTests.Where(attempt => attempt.TakenOn <= on).ToList();
        if (!attempts.Any(attempt => attempt.Passed))
        {
            var retake = RetakeAllowedFrom(attempts, on);
            Requirement("knowledge-test-not-passed", retake is { } from
                ? $"The knowledge test has not been passed; after {_options.KnowledgeTestFailuresBeforeBar} failures in a row it may not be retaken " +
                    $"until {D(from)}."
                : "The knowledge test has not been passed.");
        }

        var medical = records.Medicals.Where(examination => examination.ExaminedOn <= on).OrderBy(examination => examination.ExaminedOn).LastOrDefault();
        if (medical is null) Requirement("medical-missing", "No medical examination is on record.");
        else if (!medical.Fit) Requirement("medical-unfit", $"The medical examination of {D(medical.ExaminedOn)} found the driver unfit.");

        if (!records.DvlaChecks.Any(check => check <= on)) Requirement("dvla-check-missing", "The DVLA driving record has not been checked.");

        // Searched before every grant or renewal: each grant needs a search on or before it and after the grant before it.
        for (var i = 0; i < grants.Count; i++)
        {
            var (grant, after) = (grants[i], i == 0 ? DateOnly.MinValue : grants[i - 1]);
            if (!searches.Any(search => search.SearchedOn <= grant && (i == 0 || search.SearchedOn > after)))
                Requirement("register-not-searched",
                    $"The national register was not searched before the {(i == 0 ? "grant" : "renewal")} of {D(grants[i])}.");
        }
        if (grants.Count == 0 && searches.Count == 0)
            Requirement("register-not-searched", "The national register has not been searched for this application.");

        var outcome = reasons.Any(reason => reason.NeedsJudgement) ? FitnessOutcome.NeedsHearing
            : reasons.Count > 0 ? FitnessOutcome.NotFit
            : FitnessOutcome.Fit;
        return new FitnessVerdict(outcome, reasons);
    }

    /// <summary>
    /// When the driver may next sit the knowledge test, if barred on <paramref name="on"/>: every run of
    /// <see cref="FitnessPolicyOptions.KnowledgeTestFailuresBeforeBar"/> failures in a row (a third, a sixth...) bars a
    /// retake for <see cref="FitnessPolicyOptions.KnowledgeTestBarMonths"/> months from the last failure; the driver may
    /// sit again on the day the bar ends (third failure 10 March 2015: barred through 9 March 2016, may sit 10 March 2016).
    /// Null when not barred.
    /// </summary>
    public DateOnly? RetakeAllowedFrom(IEnumerable<KnowledgeTestAttempt> attempts, DateOnly on)
    {
        var failuresInARow = 0;
        DateOnly? barEnds = null;
        foreach (var attempt in attempts.Where(taken => taken.TakenOn <= on).OrderBy(taken => taken.TakenOn))
        {
            failuresInARow = attempt.Passed ? 0 : failuresInARow + 1;
            if (!attempt.Passed && failuresInARow % _options.KnowledgeTestFailuresBeforeBar == 0)
                barEnds = attempt.TakenOn.AddMonths(_options.KnowledgeTestBarMonths);
            else if (attempt.Passed)
                barEnds = null;
        }
        return barEnds is { } ends && on < ends ? ends : null;
    }

    /// <summary>
    /// What a conviction sent to the API must say: a category from the policy table (by its code), a conviction date not in
    /// the future, a sentence end and ban end not before the conviction. Field name -> the rules it breaks; empty when valid.
    /// </summary>
    public static Dictionary<string, string[]> ValidateConviction(
        string? category, DateOnly? convictedOn, DateOnly? sentenceEndsOn, DateOnly? banEndsOn, DateOnly today)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string rule) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(rule);

        // Enum.TryParse accepts "3" and "violence": a category is only ever one of the exact codes.
        if (string.IsNullOrWhiteSpace(category)) Add("category", "is required: an offence category code");
        else if (!Enum.GetNames<OffenceCategory>().Contains(category, StringComparer.Ordinal))
            Add("category", $"'{category}' is not an offence category; must be one of: {string.Join(", ", Enum.GetNames<OffenceCategory>())}");

        if (convictedOn is not { } convicted) Add("convictedOn", "is required: the date of conviction");
        else
        {
            if (convicted > today) Add("convictedOn", $"must not be in the future (today is {D(today)})");
            if (sentenceEndsOn < convicted) Add("sentenceEndsOn", "must not be before convictedOn");
            if (banEndsOn < convicted) Add("banEndsOn", "must not be before convictedOn");
        }
        return errors.ToDictionary(error => error.Key, error => error.Value.ToArray());
    }

    private static string D(DateOnly day) => day.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
