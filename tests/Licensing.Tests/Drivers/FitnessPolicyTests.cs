using Licensing.API.Drivers;

namespace Licensing.Tests.Drivers;

public class FitnessPolicyTests
{
    private static readonly FitnessPolicy Policy = new();

    private static DateOnly Day(int y, int m, int d) => new(y, m, d);

    /// <summary>A driver first granted on 1 July 2015 with every check in order.</summary>
    private static DriverRecords Clean() => new()
    {
        Grants = [Day(2015, 7, 1)],
        RegisterSearches = [new(Day(2015, 6, 20), Match: false)],
        DbsCertificates = [new(Day(2015, 6, 1), BothBarredListsChecked: true)],
        SafeguardingTrainingOn = Day(2015, 9, 1),
        BtecLevel2On = Day(2016, 1, 10),
        KnowledgeTests = [new(Day(2015, 5, 1), Passed: true)],
        Medicals = [new(Day(2015, 5, 10), Fit: true)],
        DvlaChecks = [Day(2015, 6, 1)],
    };

    private static string[] Codes(FitnessVerdict verdict) => [.. verdict.Reasons.Select(r => r.Code)];

    [Fact]
    public void Driver_with_every_check_in_order_is_fit_and_an_officer_may_grant()
    {
        var verdict = Policy.Assess(Clean(), Day(2015, 7, 1));

        Assert.Equal(FitnessOutcome.Fit, verdict.Outcome);
        Assert.Empty(verdict.Reasons);
        Assert.True(verdict.OfficerMayGrant);
    }

    [Fact]
    public void Driver_with_a_2012_conviction_for_violence_needs_a_hearing_in_2015()
    {
        var records = Clean() with { Convictions = [new(OffenceCategory.Violence, Day(2012, 3, 1), Day(2012, 6, 1))] };

        var verdict = Policy.Assess(records, Day(2015, 7, 1));

        Assert.Equal(FitnessOutcome.NeedsHearing, verdict.Outcome);
        var reason = Assert.Single(verdict.Reasons);
        Assert.Equal("conviction-inside-period", reason.Code);
        Assert.True(reason.NeedsJudgement);
        Assert.Contains("31 May 2022", reason.Sentence);
        Assert.False(verdict.OfficerMayGrant);
    }

    [Fact]
    public void Violence_conviction_with_sentence_ending_2012_06_01_still_needs_a_hearing_on_2022_05_31()
    {
        var records = Current(Day(2022, 5, 31)) with { Convictions = [new(OffenceCategory.Violence, Day(2012, 3, 1), Day(2012, 6, 1))] };

        Assert.Equal(FitnessOutcome.NeedsHearing, Policy.Assess(records, Day(2022, 5, 31)).Outcome);
    }

    [Fact]
    public void Violence_conviction_with_sentence_ending_2012_06_01_no_longer_needs_a_hearing_on_2022_06_01()
    {
        var records = Current(Day(2022, 6, 1)) with { Convictions = [new(OffenceCategory.Violence, Day(2012, 3, 1), Day(2012, 6, 1))] };

        Assert.Equal(FitnessOutcome.Fit, Policy.Assess(records, Day(2022, 6, 1)).Outcome);
    }

    /// <summary>The clean driver with an update-service check a month before <paramref name="on"/>.</summary>
    private static DriverRecords Current(DateOnly on) => Clean() with { UpdateServiceChecks = [on.AddMonths(-1)] };

    [Fact]
    public void Sexual_offence_conviction_needs_a_hearing_decades_later_as_a_never_category()
    {
        var records = Current(Day(2019, 1, 1)) with { Convictions = [new(OffenceCategory.SexualOffence, Day(1995, 1, 1), Day(1996, 1, 1))] };

        var verdict = Policy.Assess(records, Day(2019, 1, 1));

        Assert.Equal(FitnessOutcome.NeedsHearing, verdict.Outcome);
        Assert.Equal(["conviction-never-period"], Codes(verdict));
    }

    [Fact]
    public void Conviction_recorded_after_the_day_of_the_check_is_not_counted()
    {
        var records = Clean() with { Convictions = [new(OffenceCategory.Violence, Day(2015, 8, 1), Day(2015, 8, 1))] };

        Assert.Equal(FitnessOutcome.Fit, Policy.Assess(records, Day(2015, 7, 1)).Outcome);
    }

    [Fact]
    public void A_hearing_reason_beats_a_mechanical_failure_and_both_are_listed()
    {
        var records = Clean() with
        {
            Medicals = [],
            PoliceIntelligence = [new(Day(2015, 6, 25), "Seen with a child in care late at night")],
        };

        var verdict = Policy.Assess(records, Day(2015, 7, 1));

        Assert.Equal(FitnessOutcome.NeedsHearing, verdict.Outcome);
        Assert.Equal(["police-intelligence", "medical-missing"], Codes(verdict));
        Assert.True(verdict.Reasons[0].NeedsJudgement);
        Assert.False(verdict.Reasons[1].NeedsJudgement);
    }

    [Fact]
    public void A_mechanical_failure_alone_makes_the_driver_not_fit_with_every_failure_listed()
    {
        var records = Clean() with { DvlaChecks = [], KnowledgeTests = [], DbsCertificates = [new(Day(2015, 6, 1), BothBarredListsChecked: false)] };

        var verdict = Policy.Assess(records, Day(2015, 7, 1));

        Assert.Equal(FitnessOutcome.NotFit, verdict.Outcome);
        Assert.Equal(["dbs-barred-lists-not-checked", "knowledge-test-not-passed", "dvla-check-missing"], Codes(verdict));
        Assert.All(verdict.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Sentence)));
    }

    [Fact]
    public void Every_reason_is_listed_with_a_kebab_case_code_whatever_the_outcome()
    {
        var records = new DriverRecords
        {
            Grants = [Day(2015, 7, 1)],
            Convictions = [new(OffenceCategory.Violence, Day(2012, 3, 1), Day(2012, 6, 1)), new(OffenceCategory.Exploitation, Day(2000, 1, 1))],
            PoliceIntelligence = [new(Day(2016, 1, 1), "x")],
            SelfReports = [new(Day(2016, 2, 1), Day(2016, 3, 1), "Arrest")],
            RegisterSearches = [new(Day(2016, 5, 1), Match: true)],
            DbsCertificates = [new(Day(2015, 6, 1), BothBarredListsChecked: false, OnABarredList: true)],
            Medicals = [new(Day(2015, 6, 1), Fit: false)],
            KnowledgeTests = [new(Day(2015, 1, 1), false), new(Day(2015, 2, 1), false), new(Day(2015, 3, 1), false)],
        };

        var verdict = Policy.Assess(records, Day(2016, 8, 1));

        Assert.Equal(
            ["conviction-never-period", "conviction-inside-period", "police-intelligence", "late-self-report", "register-match", "barred-list-entry",
             "dbs-barred-lists-not-checked", "dbs-update-check-overdue", "safeguarding-training-late", "btec-level-2-late",
             "knowledge-test-not-passed", "medical-unfit", "dvla-check-missing", "register-not-searched"],
            Codes(verdict));
        Assert.Equal(FitnessOutcome.NeedsHearing, verdict.Outcome);
        Assert.All(verdict.Reasons, r => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", r.Code));
    }

    // DBS update service: at most 6 months between checks, the first counted from the certificate.

    [Fact]
    public void Update_service_checked_2015_12_01_is_not_overdue_on_2016_06_01()
    {
        var records = Clean() with { UpdateServiceChecks = [Day(2015, 12, 1)] };

        Assert.Equal(FitnessOutcome.Fit, Policy.Assess(records, Day(2016, 6, 1)).Outcome);
    }

    [Fact]
    public void Update_service_checked_2015_12_01_is_overdue_on_2016_06_02()
    {
        var records = Clean() with { UpdateServiceChecks = [Day(2015, 12, 1)] };

        var verdict = Policy.Assess(records, Day(2016, 6, 2));

        Assert.Equal(FitnessOutcome.NotFit, verdict.Outcome);
        Assert.Equal(["dbs-update-check-overdue"], Codes(verdict));
        Assert.Contains("1 June 2016", verdict.Reasons[0].Sentence);
    }

    [Fact]
    public void Without_any_update_service_check_the_six_months_run_from_the_certificate()
    {
        Assert.Equal(FitnessOutcome.Fit, Policy.Assess(Clean(), Day(2015, 12, 1)).Outcome);
        Assert.Equal(["dbs-update-check-overdue"], Codes(Policy.Assess(Clean(), Day(2015, 12, 2))));
    }

    [Fact]
    public void No_enhanced_DBS_certificate_is_not_fit()
    {
        Assert.Equal(["dbs-missing"], Codes(Policy.Assess(Clean() with { DbsCertificates = [] }, Day(2015, 7, 1))));
    }

    [Fact]
    public void A_barred_list_entry_needs_a_hearing()
    {
        var records = Clean() with { DbsCertificates = [new(Day(2015, 6, 1), BothBarredListsChecked: true, OnABarredList: true)] };

        Assert.Equal(FitnessOutcome.NeedsHearing, Policy.Assess(records, Day(2015, 7, 1)).Outcome);
    }

    // Training within 12 months of the first grant (1 July 2015): due by 1 July 2016.

    [Fact]
    public void Safeguarding_training_not_done_is_not_late_on_2016_07_01_the_last_day_of_the_12_months()
    {
        var records = Current(Day(2016, 7, 1)) with { SafeguardingTrainingOn = null, BtecLevel2On = null };

        Assert.Equal(FitnessOutcome.Fit, Policy.Assess(records, Day(2016, 7, 1)).Outcome);
    }

    [Fact]
    public void Safeguarding_training_and_BTEC_not_done_are_late_on_2016_07_02()
    {
        var records = Current(Day(2016, 7, 2)) with { SafeguardingTrainingOn = null, BtecLevel2On = null };

        var verdict = Policy.Assess(records, Day(2016, 7, 2));

        Assert.Equal(FitnessOutcome.NotFit, verdict.Outcome);
        Assert.Equal(["safeguarding-training-late", "btec-level-2-late"], Codes(verdict));
    }

    [Fact]
    public void Training_completed_after_the_day_of_the_check_does_not_count_on_that_day()
    {
        var records = Current(Day(2016, 7, 2)) with { BtecLevel2On = Day(2016, 8, 1) };

        Assert.Equal(["btec-level-2-late"], Codes(Policy.Assess(records, Day(2016, 7, 2))));
    }

    [Fact]
    public void Training_deadline_runs_from_the_first_grant_not_the_renewal()
    {
        var records = Current(Day(2018, 7, 1)) with
        {
            Grants = [Day(2015, 7, 1), Day(2018, 7, 1)],
            RegisterSearches = [new(Day(2015, 6, 20), false), new(Day(2018, 6, 20), false)],
            BtecLevel2On = null,
        };

        Assert.Equal(["btec-level-2-late"], Codes(Policy.Assess(records, Day(2018, 7, 1))));
    }

    // Knowledge test: a third failure in a row bars a retake for 12 months.

    private static readonly KnowledgeTestAttempt[] ThreeFailures =
        [new(Day(2015, 1, 10), false), new(Day(2015, 2, 10), false), new(Day(2015, 3, 10), false)];

    [Fact]
    public void Third_knowledge_test_failure_on_2015_03_10_bars_a_retake_on_2016_03_09()
    {
        Assert.Equal(Day(2016, 3, 10), Policy.RetakeAllowedFrom(ThreeFailures, Day(2016, 3, 9)));
    }

    [Fact]
    public void Third_knowledge_test_failure_on_2015_03_10_allows_a_retake_on_2016_03_10()
    {
        Assert.Null(Policy.RetakeAllowedFrom(ThreeFailures, Day(2016, 3, 10)));
    }

    [Fact]
    public void Two_knowledge_test_failures_do_not_bar_a_retake()
    {
        Assert.Null(Policy.RetakeAllowedFrom(ThreeFailures[..2], Day(2015, 2, 11)));
    }

    [Fact]
    public void A_pass_between_failures_resets_the_count()
    {
        KnowledgeTestAttempt[] attempts = [new(Day(2015, 1, 10), false), new(Day(2015, 2, 10), false), new(Day(2015, 3, 10), true), new(Day(2017, 1, 10), false)];

        Assert.Null(Policy.RetakeAllowedFrom(attempts, Day(2017, 1, 11)));
    }

    [Fact]
    public void Sixth_failure_in_a_row_bars_a_retake_again()
    {
        KnowledgeTestAttempt[] attempts = [.. ThreeFailures, new(Day(2016, 4, 1), false), new(Day(2016, 5, 1), false), new(Day(2016, 6, 1), false)];

        Assert.Equal(Day(2017, 6, 1), Policy.RetakeAllowedFrom(attempts, Day(2016, 6, 2)));
    }

    [Fact]
    public void Applicant_barred_after_three_failures_is_not_fit_and_told_when_to_retake()
    {
        var records = Clean() with { Grants = [], KnowledgeTests = ThreeFailures };

        var verdict = Policy.Assess(records, Day(2015, 6, 25));

        Assert.Equal(["knowledge-test-not-passed"], Codes(verdict));
        Assert.Contains("10 March 2016", verdict.Reasons[0].Sentence);
    }

    // National register: searched before every grant or renewal; a match goes to a hearing, never straight to refusal.

    [Fact]
    public void National_register_match_needs_a_hearing_not_a_refusal()
    {
        var records = Clean() with { RegisterSearches = [new(Day(2015, 6, 20), Match: true)] };

        var verdict = Policy.Assess(records, Day(2015, 7, 1));

        Assert.Equal(FitnessOutcome.NeedsHearing, verdict.Outcome);
        Assert.Equal(["register-match"], Codes(verdict));
    }

    [Fact]
    public void Renewal_without_a_fresh_register_search_is_not_fit()
    {
        var records = Current(Day(2018, 7, 1)) with { Grants = [Day(2015, 7, 1), Day(2018, 7, 1)] };

        var verdict = Policy.Assess(records, Day(2018, 7, 1));

        Assert.Equal(["register-not-searched"], Codes(verdict));
        Assert.Contains("renewal of 1 July 2018", verdict.Reasons[0].Sentence);
    }

    [Fact]
    public void Register_searched_on_the_day_of_the_grant_counts_for_that_grant()
    {
        var records = Clean() with { RegisterSearches = [new(Day(2015, 7, 1), false)] };

        Assert.Equal(FitnessOutcome.Fit, Policy.Assess(records, Day(2015, 7, 1)).Outcome);
    }

    [Fact]
    public void Applicant_never_searched_on_the_register_is_not_fit()
    {
        var records = Clean() with { Grants = [], RegisterSearches = [] };

        Assert.Equal(["register-not-searched"], Codes(Policy.Assess(records, Day(2015, 6, 1))));
    }

    // Self-reports: within 2 days (48 hours) by default.

    [Fact]
    public void Arrest_reported_two_days_later_is_in_time()
    {
        var records = Clean() with { SelfReports = [new(Day(2015, 6, 1), Day(2015, 6, 3), "Arrest")] };

        Assert.Equal(FitnessOutcome.Fit, Policy.Assess(records, Day(2015, 7, 1)).Outcome);
    }

    [Fact]
    public void Arrest_reported_three_days_later_is_a_late_self_report_and_needs_a_hearing()
    {
        var records = Clean() with { SelfReports = [new(Day(2015, 6, 1), Day(2015, 6, 4), "Arrest")] };

        var verdict = Policy.Assess(records, Day(2015, 7, 1));

        Assert.Equal(FitnessOutcome.NeedsHearing, verdict.Outcome);
        Assert.Equal(["late-self-report"], Codes(verdict));
    }

    [Fact]
    public void Unfit_medical_is_not_fit()
    {
        Assert.Equal(["medical-unfit"], Codes(Policy.Assess(Clean() with { Medicals = [new(Day(2015, 5, 10), Fit: false)] }, Day(2015, 7, 1))));
    }

    // Input validation for the conviction endpoint.

    [Fact]
    public void Unknown_offence_category_is_a_field_error_naming_the_codes()
    {
        var errors = FitnessPolicy.ValidateConviction("Burglary", Day(2012, 3, 1), Day(2012, 6, 1), null, Day(2015, 7, 1));

        var rule = Assert.Single(Assert.Single(errors, e => e.Key == "category").Value);
        Assert.Contains("'Burglary' is not an offence category", rule);
        Assert.Contains("Violence", rule);
    }

    [Theory]
    [InlineData("violence")]
    [InlineData("3")]
    [InlineData("")]
    public void Category_must_be_an_exact_code(string category)
    {
        Assert.True(FitnessPolicy.ValidateConviction(category, Day(2012, 3, 1), null, null, Day(2015, 7, 1)).ContainsKey("category"));
    }

    [Fact]
    public void Conviction_dated_tomorrow_is_in_the_future()
    {
        var errors = FitnessPolicy.ValidateConviction("Violence", Day(2015, 7, 2), null, null, Day(2015, 7, 1));

        Assert.Equal(["convictedOn"], errors.Keys);
    }

    [Fact]
    public void Conviction_dated_today_is_accepted()
    {
        Assert.Empty(FitnessPolicy.ValidateConviction("Violence", Day(2015, 7, 1), Day(2015, 9, 1), null, Day(2015, 7, 1)));
    }

    [Fact]
    public void Sentence_and_ban_ending_before_the_conviction_are_field_errors()
    {
        var errors = FitnessPolicy.ValidateConviction("DrinkDrugDriving", Day(2012, 3, 1), Day(2012, 2, 1), Day(2012, 1, 1), Day(2015, 7, 1));

        Assert.Equal(["banEndsOn", "sentenceEndsOn"], errors.Keys.Order());
    }
}
