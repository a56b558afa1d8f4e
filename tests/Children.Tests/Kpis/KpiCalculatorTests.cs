using Intervention.ServiceDefaults;
using Children.API.Kpis;

namespace Children.Tests.Kpis;

/// <summary>Each KPI on a small cohort whose answer is worked out here by hand, as at 31 March 2018.</summary>
public sealed class KpiCalculatorTests
{
    private static readonly DateOnly AsAt = new(2018, 3, 31);
    private static DateOnly D(string s) => DateOnly.Parse(s);
    private static readonly KpiCalculator Calculator = new(WorkingCalendar.EnglandAndWales, ["S60", "S61"], new KpiPolicy());

    private static Kpi Get(KpiInputs inputs, string name) => Calculator.Calculate(inputs, AsAt).Single(k => k.Name == name);

    private static CareEpisode E(string child, string start, string? end, string rne, string place, string ls = "C2", string home = "S60 1", string pl = "S61 2") =>
        new(child, D(start), end is null ? null : D(end), rne, ls, place, home, pl);

    [Fact]
    public void Three_placements_in_the_year_count_the_one_held_on_1_April_and_each_change_after_it()
    {
        var inputs = new KpiInputs
        {
            Episodes =
            [
                // A: the placement held on 1 April 2017 plus two moves: 3 placements.
                E("A", "2017-01-01", "2017-06-01", "S", "U4"), E("A", "2017-06-01", "2017-12-01", "P", "U6"), E("A", "2017-12-01", null, "P", "K2"),
                // B: started in the year, moved once: 2 placements.
                E("B", "2017-05-01", "2017-08-01", "S", "U4"), E("B", "2017-08-01", null, "P", "U6"),
                // C: a series of short breaks: not counted. D: left care before the day.
                E("C", "2017-09-01", null, "S", "U4", ls: "V3"),
                E("D", "2017-04-10", "2017-05-01", "S", "U4"), E("D", "2017-05-01", "2017-06-01", "P", "U6"), E("D", "2017-06-01", "2018-03-01", "P", "K2"),
            ],
        };
        var kpi = Get(inputs, "placements-3-plus");
        Assert.Equal((1, 2, 50.0m), (kpi.Numerator, kpi.Denominator, kpi.Value));
    }

    [Fact]
    public void Long_term_stability_needs_two_and_a_half_years_in_care_under_16_and_two_years_in_the_placement()
    {
        var inputs = new KpiInputs
        {
            DatesOfBirth = new() { ["E"] = D("2005-01-01"), ["F"] = D("2006-01-01"), ["G"] = D("2001-06-01"), ["H"] = D("2010-01-01") },
            Episodes =
            [
                // E: in care since 1 Jan 2015; only the legal status changed since: same placement 3+ years.
                E("E", "2015-01-01", "2016-01-01", "S", "U4", ls: "C1"), E("E", "2016-01-01", null, "L", "U4"),
                // F: in care since June 2015, moved June 2016: under 2 years in the placement.
                E("F", "2015-06-01", "2016-06-01", "S", "U4"), E("F", "2016-06-01", null, "P", "U6"),
                // G: 16 on the day; H: in care only since October 2015 (2.49 years).
                E("G", "2012-01-01", null, "S", "U4"),
                E("H", "2015-10-02", null, "S", "U4"),
            ],
        };
        var kpi = Get(inputs, "long-term-stability");
        Assert.Equal((1, 2, 50.0m), (kpi.Numerator, kpi.Denominator, kpi.Value));
    }

    [Fact]
    public void Distance_is_measured_between_centroids_and_unknown_postcodes_are_counted_not_guessed()
    {
        var inputs = new KpiInputs
        {
            Postcodes = new() { ["S60 1"] = (53.43, -1.36), ["LS6 1"] = (53.82, -1.57), ["S61 2"] = (53.44, -1.37) },
            Episodes =
            [
                E("A", "2017-06-01", null, "S", "U4", pl: "LS6 1"),    // Rotherham to Leeds: about 28 miles
                E("B", "2017-06-01", null, "S", "U4", pl: "S61 2AB"),  // found by its sector, under a mile
                E("C", "2017-06-01", null, "S", "U4", pl: "YO1 7"),    // not in the table
                E("D", "2017-06-01", null, "S", "P1", home: "", pl: ""),
            ],
        };
        Assert.InRange(Postcodes.Miles((53.43, -1.36), (53.82, -1.57)), 27, 29);
        var kpi = Get(inputs, "placed-over-20-miles");
        Assert.Equal((1, 2, 50.0m), (kpi.Numerator, kpi.Denominator, kpi.Value));
        Assert.Equal(1, kpi.Notes!["unknown-postcode"]);
        Assert.Equal(1, kpi.Notes["no-postcode"]);
    }

    [Fact]
    public void Family_based_settings_are_foster_adoption_and_placed_with_parents()
    {
        var inputs = new KpiInputs
        {
            Episodes = [E("A", "2017-06-01", null, "S", "U1"), E("B", "2017-06-01", null, "S", "A4"), E("C", "2017-06-01", null, "S", "P1"), E("D", "2017-06-01", null, "S", "K2")],
        };
        var kpi = Get(inputs, "family-based-placements");
        Assert.Equal((3, 4, 75.0m), (kpi.Numerator, kpi.Denominator, kpi.Value));
    }

    [Fact]
    public void Visits_due_in_the_year_count_when_done_by_the_due_day()
    {
        var inputs = new KpiInputs
        {
            Visits =
            [
                new("A", D("2017-05-01"), D("2017-05-01")), new("A", D("2017-06-12"), D("2017-06-13")), new("A", D("2018-03-31"), null),
                new("A", D("2017-03-31"), D("2017-03-01")), // due before the year
            ],
        };
        var kpi = Get(inputs, "statutory-visits-on-time");
        Assert.Equal((1, 3, 33.3m), (kpi.Numerator, kpi.Denominator, kpi.Value));
    }

    [Fact]
    public void Assessments_count_45_working_days_skipping_weekends_and_the_Christmas_bank_holidays()
    {
        // From Monday 4 Dec 2017: the 45th working day is Thursday 8 Feb 2018 (25, 26 Dec and 1 Jan are bank holidays).
        var inputs = new KpiInputs
        {
            Assessments = [new("A", D("2017-12-04"), D("2018-02-08")), new("B", D("2017-12-04"), D("2018-02-09")), new("C", D("2018-03-01"), null)],
        };
        var kpi = Get(inputs, "assessments-within-45-days");
        Assert.Equal((1, 2, 50.0m), (kpi.Numerator, kpi.Denominator, kpi.Value));
    }

    [Fact]
    public void A_plan_is_up_to_date_until_its_review_day_passes()
    {
        var inputs = new KpiInputs
        {
            Plans = [new("A", D("2017-10-01"), null, D("2018-03-31")), new("B", D("2017-10-01"), null, D("2018-03-30")), new("C", D("2017-01-01"), D("2017-12-01"), D("2017-04-01"))],
        };
        var kpi = Get(inputs, "plans-up-to-date");
        Assert.Equal((1, 2, 50.0m), (kpi.Numerator, kpi.Denominator, kpi.Value));
    }

    [Fact]
    public void Return_home_interviews_count_within_72_hours_and_out_of_borough_placements_are_shown()
    {
        var inputs = new KpiInputs
        {
            Episodes = [E("A", "2017-06-01", null, "S", "U4", pl: "S61 2"), E("B", "2017-06-01", null, "S", "K2", pl: "LS6 1")],
            Missing = [new("A", D("2017-11-01"), D("2017-11-03")), new("B", D("2017-12-09"), D("2017-12-10")), new("B", D("2018-01-05"), D("2018-01-06")), new("A", D("2018-03-30"), null)],
            ReturnInterviews = [new("A", D("2017-11-03"), D("2017-11-06")), new("B", D("2017-12-10"), D("2017-12-14"))],
        };
        var kpi = Get(inputs, "return-home-interviews");
        Assert.Equal((1, 3, 33.3m), (kpi.Numerator, kpi.Denominator, kpi.Value));
        Assert.Equal(2, kpi.Notes!["out-of-borough-returns"]);
        Assert.Equal(0, kpi.Notes["out-of-borough-interviewed"]);
    }

    [Fact]
    public void Health_assessments_are_on_time_when_done_by_their_due_day()
    {
        var inputs = new KpiInputs
        {
            HealthAssessments = [new("A", "Initial", D("2017-07-01"), D("2017-06-20")), new("B", "Annual", D("2017-09-01"), D("2017-09-02")), new("C", "Annual", D("2018-01-01"), D("2018-01-01"))],
        };
        var kpi = Get(inputs, "health-assessments-on-time");
        Assert.Equal((2, 3, 66.7m), (kpi.Numerator, kpi.Denominator, kpi.Value));
        Assert.Equal(1, kpi.Notes!["initial-on-time"]);
    }

    [Fact]
    public void Health_assessments_due_before_the_year_or_after_the_day_are_not_counted()
    {
        // The year to 31 March 2018 starts on 1 April 2017; the as-at day is 31 March 2018.
        var inputs = new KpiInputs
        {
            HealthAssessments =
            [
                new("A", "Annual", D("2017-03-31"), D("2017-03-30")), // due the day before the year
                new("B", "Annual", D("2017-04-01"), null), // due on the year's first day, not done
                new("C", "Initial", D("2018-03-31"), D("2018-03-31")), // due on the day, done on it
                new("D", "Initial", D("2018-04-01"), D("2018-03-01")), // due the day after
            ],
        };
        var kpi = Get(inputs, "health-assessments-on-time");
        Assert.Equal((1, 2, 50.0m), (kpi.Numerator, kpi.Denominator, kpi.Value));
        Assert.Equal((1, 1, 1, 0), (kpi.Notes!["initial-due"], kpi.Notes["initial-on-time"], kpi.Notes["annual-due"], kpi.Notes["annual-on-time"]));
    }

    [Fact]
    public void Caseload_and_agency_rate_count_the_social_workers_in_post_on_the_day()
    {
        var inputs = new KpiInputs
        {
            SocialWorkers = [new("W1", false, D("2016-01-01"), null), new("W2", true, D("2017-01-01"), null), new("W3", true, D("2016-01-01"), D("2018-01-31"))],
            Allocations =
            [
                new("A", "W1", D("2017-06-01"), null), new("B", "W1", D("2017-06-01"), null), new("C", "W2", D("2017-06-01"), null),
                new("D", "W2", D("2017-06-01"), D("2017-12-01")), new("E", "W3", D("2017-06-01"), null),
            ],
        };
        var caseload = Get(inputs, "average-caseload");
        Assert.Equal((3, 2, 1.5m), (caseload.Numerator, caseload.Denominator, caseload.Value));
        var agency = Get(inputs, "agency-rate");
        Assert.Equal((1, 2, 50.0m), (agency.Numerator, agency.Denominator, agency.Value));
    }

    [Fact]
    public void Every_KPI_is_answered_under_its_published_name_even_with_no_data()
    {
        var kpis = Calculator.Calculate(new KpiInputs(), AsAt);
        Assert.Equal(KpiCalculator.Names, kpis.Select(k => k.Name));
        Assert.All(kpis, k => Assert.Null(k.Value));
    }
}
