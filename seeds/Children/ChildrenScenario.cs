using System.Text;
using Intervention.Contracts.Children.Http;
using Intervention.Contracts.Http;
using Refit;

namespace Intervention.Seeds.Children;

/// <summary>
/// Loads the children's part of the scenario through the gateway: the postcode table, the 903 reference data, the synthetic 2017/18 903 return
/// (through the import endpoint), the casework behind the KPIs, the 2018 Ofsted recommendations and the seven tests
/// (wording paraphrased and illustrative), the permanence cohort (170 children, as the seeds say), and publishes the
/// KPIs as at 31 March 2018. Safe to run again: the import replaces the year and every other load is keyed.
/// </summary>
public sealed class ChildrenScenario(HttpClient gateway, TextWriter progress)
{
    private static readonly DateOnly KpisAsAt = new(2018, 3, 31);
    private readonly IChildrenApi _children = InterventionApis.For<IChildrenApi>(gateway);

    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        try
        {
            var year = SyntheticReturn.Generate(SyntheticYearShape.Rotherham2017To18);
            await _children.LoadPostcodesAsync(year.Postcodes, ct);
            await LoadReferenceDataAsync(_children, year, ct);
            var report = await ImportAsync(_children, year, ct);
            progress.WriteLine($"children 903 {SyntheticReturn.CollectionYear}: {year.Children} children, {year.Episodes} episodes, " +
                $"{year.Reviews} reviews, {year.MissingEpisodes} missing episodes imported; " +
                               $"{report.Errors.Count} validation findings" +
                (report.Counts.Count == 0 ? "" : $" (by rule: {ByRule(report.Counts)})"));
            await _children.LoadSocialWorkersAsync(year.SocialWorkers, ct);
            await LoadInBatchesAsync("visits", year.Visits, _children.LoadVisitsAsync, ct);
            await LoadInBatchesAsync("assessments", year.Assessments, _children.LoadAssessmentsAsync, ct);
            await LoadInBatchesAsync("plans", year.Plans, _children.LoadPlansAsync, ct);
            await LoadInBatchesAsync("health-assessments", year.HealthAssessments, _children.LoadHealthAssessmentsAsync, ct);
            await LoadInBatchesAsync("return-interviews", year.ReturnInterviews, _children.LoadReturnInterviewsAsync, ct);
            await LoadInBatchesAsync("allocations", year.Allocations, _children.LoadAllocationsAsync, ct);
            await LoadImprovementAsync(ct);
            foreach (var kpi in await _children.PublishKpisAsync(KpisAsAt, ct))
                progress.WriteLine($"children KPI {kpi.Name} at {KpisAsAt:yyyy-MM-dd}: " +
                    $"{(kpi.Value is { } value ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")} " +
                $"({kpi.Numerator}/{kpi.Denominator})");
            return 0;
        }
        catch (Exception e) when (e is ApiExceptionBase or HttpRequestException)
        {
            progress.WriteLine($"failed: {SeedFailure.Describe(e)}");
            return 1;
        }
    }

    /// <summary>Posts the return's files as the import endpoint takes them: one multipart part per file and the collection year.</summary>
    public static Task<ImportReport> ImportAsync(IChildrenApi children, SyntheticReturn year, CancellationToken ct = default) =>
        children.ImportReturnAsync(SyntheticReturn.CollectionYear,
            year.Files.Select(f => new ByteArrayPart(Encoding.UTF8.GetBytes(f.Value.ToString()), f.Key + ".csv", "text/csv", "files")).ToList(), ct);

    /// <summary>
    /// Uploads the year's 903 reference data (the postcode lookup and the provider list) before the import, so the rules over it run.
    /// The same files for the same day again are the versions already held.
    /// </summary>
    public static async Task LoadReferenceDataAsync(IChildrenApi children, SyntheticReturn year, CancellationToken ct = default)
    {
        var asAt = SyntheticReturn.ReferenceAsAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await children.UploadPostcodeLookupAsync(asAt, Part(year.ReferencePostcodes, "postcodes.csv"), ct);
        await children.UploadProviderListAsync(asAt, Part(year.ReferenceProviders, "providers.csv"), ct);

        static StreamPart Part(StringBuilder csv, string name) => new(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), name, "text/csv", "file");
    }

    /// <summary>A casework list in requests of at most 2,000 records, under the 1 MB body limit.</summary>
    private async Task LoadInBatchesAsync<T>(string what, IReadOnlyList<T> records, Func<IEnumerable<T>, CancellationToken, Task<Loaded>> load,
        CancellationToken ct)
    {
        foreach (var batch in records.Chunk(2000)) await load(batch, ct);
        progress.WriteLine($"children casework {what}: {records.Count}");
    }

    private async Task LoadImprovementAsync(CancellationToken ct)
    {
        string[] recommendations =
        [
            "Make sure children in care are seen alone and their wishes shape their plans",
            "Improve the timeliness and quality of return home interviews, including for children placed out of borough",
            "Make sure initial and review health assessments are timely and their actions followed up",
            "Increase the sufficiency of local foster placements so fewer children live far from home",
            "Strengthen permanence planning so children do not wait for a permanent home",
            "Make sure care plans are up to date, specific and reviewed within timescales",
            "Improve the consistency of management oversight and supervision recorded on children's files",
            "Make sure care leavers' pathway plans address their needs and are reviewed with them",
        ];
        string[] tests =
        [
            "A stable, permanent and capable workforce", "Effective leadership and management with a clear line of sight to practice",
            "Timely and proportionate responses at the front door", "Good quality assessments and plans", "Children in care are safe, stable and seen",
            "Partnership working that protects children from child sexual exploitation", "Performance management and quality assurance drive improvement",
        ];
        for (var i = 0; i < recommendations.Length; i++)
        {
            var code = $"ofsted-2018-{i + 1}";
            await _children.PutImprovementItemAsync(code,
                new("OfstedRecommendation", recommendations[i], "Ofsted re-inspection 2018 (illustrative paraphrase)"), ct);
            await _children.AssessImprovementItemAsync(code,
                new(new DateOnly(2018, 6, 30), i % 3 == 0 ? "Green" : "Amber", "Quarterly performance report and audit sample (illustrative)",
                    "Director of Children's Services"), ct);
        }
        for (var i = 0; i < tests.Length; i++)
        {
            var code = $"seven-tests-{i + 1}";
            await _children.PutImprovementItemAsync(code, new("SevenTest", tests[i], "Children's Commissioner's seven tests (illustrative wording)"), ct);
            await _children.AssessImprovementItemAsync(code,
                new(new DateOnly(2017, 11, 11), i < 4 ? "Green" : "Amber", "Commissioner's review (illustrative)", "Children's Commissioner"), ct);
        }
        string[] plans = ["Adoption", "SpecialGuardianship", "ChildArrangementsOrder", "LongTermFostering", "ReturnHome", "StepDownToFoster"];
        for (var i = 0; i < 170; i++)
            await _children.PutPermanenceAsync($"C{i * 3 + 1:00000}",
                new(new DateOnly(2017, 10, 1), plans[i % plans.Length], i % 4 == 0 ? new DateOnly(2018, 2, 15) : null), ct);
        progress.WriteLine("children improvement: 8 Ofsted recommendations, 7 tests, 170 children in scope for permanence");
    }

    private static string ByRule(IEnumerable<KeyValuePair<string, int>> counts) =>
        string.Join(", ", counts.OrderByDescending(count => count.Value).Select(count => $"{count.Key} {count.Value}"));
}
