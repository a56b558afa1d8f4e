using System.Globalization;
using System.Text;
using Children.API.Kpis;
using Intervention.Seeds.Children;
using Intervention.ServiceDefaults;

namespace Children.Tests.Kpis;

/// <summary>
/// The KPIs of the seeded system's year (the seeds' synthetic 2017/18 return, about 870 children, 1,500 episodes and 10,000 casework
/// records), month end by month end from April 2014 to March 2019, against the figures the calculation gave before it was arranged
/// once per series (<c>synthetic-year-kpis.txt</c>, written by the calculation as it was on 2026-11-26): a faster calculation must
/// give the same figures, to the numerator, the denominator and every note.
/// </summary>
public sealed class SyntheticYearKpisTests
{
    private static readonly KpiCalculator Calculator = new(WorkingCalendar.EnglandAndWales, ["S60", "S61"], new KpiPolicy());
    private static readonly string Recorded = Path.Combine(AppContext.BaseDirectory, "synthetic-year-kpis.txt");

    [Fact]
    public void Every_KPI_of_the_seeded_year_on_every_month_end_of_five_years_is_the_figure_recorded_before()
    {
        var inputs = Inputs(SyntheticReturn.Generate(SyntheticYearShape.Rotherham2017To18));
        var days = KpiSeries.Days("2014-04-01", "2017-03-31", new DateOnly(2026, 1, 1)).Changes!
            .Concat(KpiSeries.Days("2017-04-01", "2019-03-31", new DateOnly(2026, 1, 1)).Changes!).ToList();

        Assert.Equal(File.ReadAllText(Recorded).ReplaceLineEndings("\n"), Figures(inputs, days));
    }

    [Fact]
    public void A_day_calculated_alone_gives_the_figures_the_series_gives_for_it()
    {
        var inputs = Inputs(SyntheticReturn.Generate(SyntheticYearShape.Rotherham2017To18));
        var days = KpiSeries.Days("2017-04-01", "2018-03-31", new DateOnly(2026, 1, 1)).Changes!;

        var series = KpiSeries.Trends(Calculator, inputs, days);

        foreach (var (day, i) in days.Select((day, i) => (day, i)))
            Assert.Equal(Calculator.Calculate(inputs, day).Select(kpi => (kpi.Name, kpi.Value, kpi.Numerator, kpi.Denominator)),
                series.Select(trend => (trend.Name, trend.Points[i].Value, trend.Points[i].Numerator, trend.Points[i].Denominator)));
    }

    /// <summary>One line per day and KPI: the day, the name, the value, the numerator, the denominator and the notes.</summary>
    public static string Figures(KpiInputs inputs, IEnumerable<DateOnly> days)
    {
        var text = new StringBuilder();
        foreach (var day in days)
            foreach (var kpi in Calculator.Calculate(inputs, day))
                text.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd} {kpi.Name} {kpi.Value?.ToString(CultureInfo.InvariantCulture) ?? "-"} " +
                    $"{kpi.Numerator}/{kpi.Denominator} {string.Join(' ', (kpi.Notes ?? new Dictionary<string, int>()).Select(note => $"{note.Key}={note.Value}"))}\n");
        return text.ToString();
    }

    /// <summary>The synthetic year as the KPIs read it from the database: the 903 files' rows and the casework records.</summary>
    public static KpiInputs Inputs(SyntheticReturn year)
    {
        static DateOnly? Date(string text) => text.Length == 0 ? null : DateOnly.ParseExact(text, "dd/MM/yyyy", CultureInfo.InvariantCulture);
        static IEnumerable<string[]> Rows(StringBuilder file) =>
            file.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(','));
        return new KpiInputs
        {
            DatesOfBirth = Rows(year.Files["header"]).ToDictionary(row => row[0], row => Date(row[2])!.Value),
            Episodes = [.. Rows(year.Files["episodes"]).Select(row => new CareEpisode(row[0], Date(row[1])!.Value, Date(row[7]), row[2], row[3], row[5], row[10], row[11]))],
            Missing = [.. Rows(year.Files["missing"]).Select(row => new MissingEpisode(row[0], Date(row[3])!.Value, Date(row[4])))],
            Postcodes = year.Postcodes.ToDictionary(centroid => centroid.Postcode!, centroid => (centroid.Latitude!.Value, centroid.Longitude!.Value)),
            Visits = [.. year.Visits.Select(visit => new Visit(visit.Child!, visit.DueOn!.Value, visit.VisitedOn))],
            Assessments = [.. year.Assessments.Select(assessment => new Assessment(assessment.Child!, assessment.StartedOn!.Value, assessment.CompletedOn))],
            Plans = [.. year.Plans.Select(plan => new Plan(plan.Child!, plan.StartedOn!.Value, plan.EndedOn, plan.ReviewDueOn!.Value))],
            HealthAssessments = [.. year.HealthAssessments.Select(health => new HealthAssessment(health.Child!, health.Kind!, health.DueOn!.Value, health.DoneOn))],
            ReturnInterviews = [.. year.ReturnInterviews.Select(interview => new ReturnInterview(interview.Child!, interview.ReturnedOn!.Value, interview.InterviewedOn!.Value))],
            SocialWorkers = [.. year.SocialWorkers.Select(worker => new SocialWorker(worker.Id!, worker.Agency!.Value, worker.StartedOn!.Value, worker.LeftOn))],
            Allocations = [.. year.Allocations.Select(allocation => new Allocation(allocation.Child!, allocation.SocialWorker!, allocation.FromOn!.Value, allocation.ToOn))],
        };
    }
}
