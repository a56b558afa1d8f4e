using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Intervention.Contracts;

namespace Intervention.Seeds.Children;

/// <summary>
/// Loads the children's part of the scenario through the gateway: the postcode table, the synthetic 2017/18 903 return
/// (through the import endpoint), the casework behind the KPIs, the 2018 Ofsted recommendations and the seven tests
/// (wording paraphrased and illustrative), the permanence cohort (170 children, as the seeds say), and publishes the
/// KPIs as at 31 March 2018. Safe to run again: the import replaces the year and every other load is keyed.
/// </summary>
public sealed class ChildrenScenario(HttpClient gateway, TextWriter progress)
{
    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        try
        {
            var year = SyntheticReturn.Generate(SyntheticYearShape.Rotherham2017To18);
            await PostJsonAsync("children/api/postcodes", year.Postcodes, ct);
            var report = await ImportAsync(gateway, year, ct);
            progress.WriteLine($"children 903 {SyntheticReturn.CollectionYear}: {year.Children} children, {year.Episodes} episodes, {year.Reviews} reviews, {year.MissingEpisodes} missing episodes imported; " +
                               $"{report.GetProperty("errors").GetArrayLength()} validation findings");
            await PostJsonAsync("children/api/casework/social-workers", year.SocialWorkers, ct);
            foreach (var (path, records) in new[]
                     {
                         ("visits", year.Visits), ("assessments", year.Assessments), ("plans", year.Plans), ("health-assessments", year.HealthAssessments),
                         ("return-interviews", year.ReturnInterviews), ("allocations", year.Allocations),
                     })
            {
                foreach (var batch in records.Chunk(2000)) await PostJsonAsync($"children/api/casework/{path}", batch, ct);
                progress.WriteLine($"children casework {path}: {records.Count}");
            }
            await LoadImprovementAsync(ct);
            using var published = await gateway.PostAsync("children/api/kpis/publications?asAt=2018-03-31", null, ct);
            await EnsureAsync(published, "POST children/api/kpis/publications", ct);
            foreach (var kpi in (await published.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray())
                progress.WriteLine($"children KPI {kpi.GetProperty("name").GetString()} at 2018-03-31: {kpi.GetProperty("value")} ({kpi.GetProperty("numerator")}/{kpi.GetProperty("denominator")})");
            return 0;
        }
        catch (HttpRequestException e)
        {
            progress.WriteLine($"failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>Posts the return's files as the import endpoint takes them: one multipart part per file and the collection year.</summary>
    public static async Task<JsonElement> ImportAsync(HttpClient gateway, SyntheticReturn year, CancellationToken ct = default)
    {
        using var form = new MultipartFormDataContent { { new StringContent(SyntheticReturn.CollectionYear), "collectionYear" } };
        foreach (var (table, text) in year.Files)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(text.ToString()));
            part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(part, "files", table + ".csv");
        }
        using var response = await gateway.PostAsync("children/api/903/imports", form, ct);
        await EnsureAsync(response, "POST children/api/903/imports", ct);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
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
            await SendAsync(HttpMethod.Put, $"children/api/improvement/items/{code}", new { kind = "OfstedRecommendation", title = recommendations[i], source = "Ofsted re-inspection 2018 (illustrative paraphrase)" }, ct);
            await SendAsync(HttpMethod.Post, $"children/api/improvement/items/{code}/assessments",
                new { assessedOn = "2018-06-30", rag = i % 3 == 0 ? "Green" : "Amber", evidence = "Quarterly performance report and audit sample (illustrative)", owner = "Director of Children's Services" }, ct);
        }
        for (var i = 0; i < tests.Length; i++)
        {
            var code = $"seven-tests-{i + 1}";
            await SendAsync(HttpMethod.Put, $"children/api/improvement/items/{code}", new { kind = "SevenTest", title = tests[i], source = "Children's Commissioner's seven tests (illustrative wording)" }, ct);
            await SendAsync(HttpMethod.Post, $"children/api/improvement/items/{code}/assessments",
                new { assessedOn = "2017-11-11", rag = i < 4 ? "Green" : "Amber", evidence = "Commissioner's review (illustrative)", owner = "Children's Commissioner" }, ct);
        }
        string[] plans = ["Adoption", "SpecialGuardianship", "ChildArrangementsOrder", "LongTermFostering", "ReturnHome", "StepDownToFoster"];
        for (var i = 0; i < 170; i++)
            await SendAsync(HttpMethod.Put, $"children/api/permanence/C{i * 3 + 1:00000}",
                new { inScopeFrom = "2017-10-01", plan = plans[i % plans.Length], achievedOn = i % 4 == 0 ? "2018-02-15" : null }, ct);
        progress.WriteLine("children improvement: 8 Ofsted recommendations, 7 tests, 170 children in scope for permanence");
    }

    private Task PostJsonAsync<T>(string uri, T body, CancellationToken ct) => SendAsync(HttpMethod.Post, uri, body, ct);

    private async Task SendAsync<T>(HttpMethod method, string uri, T body, CancellationToken ct)
    {
        using var response = await gateway.SendAsync(new HttpRequestMessage(method, uri) { Content = JsonContent.Create(body, options: ContractJson.Options) }, ct);
        await EnsureAsync(response, $"{method} {uri}", ct);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}", null, response.StatusCode);
    }
}
