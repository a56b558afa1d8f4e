using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace Intervention.FunctionalTests.Children;

/// <summary>
/// An import validates the year as it holds it after the import. When the upload is the whole of it (and small), the rows
/// are validated as they were copied; otherwise the year is read back from the database a batch of children at a time.
/// The two must find the same rows: the same year is imported whole, then one of its files alone, which makes the service
/// read the rest back (in two batches: 2,001 children), and the reports are compared finding for finding.
/// On the shared system, through its gateway.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class ValidatedAsReadTests(SharedSystem shared, ITestOutputHelper output)
{
    // A year no other test imports, nor the years either side of it (the year before is read as last year's return).
    private const string Year = "2023/24";
    private const int Children = 2001;

    [Fact]
    public async Task A_year_validated_as_it_is_copied_has_the_findings_of_the_same_year_read_back_in_batches()
    {
        var files = FaultyYear();

        var (whole, wholeSpans) = await ImportAsync(files);
        var (oneFile, oneFileSpans) = await ImportAsync(files.Where(f => f.Key == "oc2").ToDictionary());

        // The first was validated as read (no batch of children read back); the second read the year back.
        Assert.DoesNotContain("read", wholeSpans);
        Assert.Contains("read", oneFileSpans);
        var findings = Findings(whole);
        Assert.Equal(findings, Findings(oneFile));
        // The year breaks many rules in every table it has, so the comparison is over every kind of rule.
        var tables = findings.Select(f => f.Table).ToHashSet();
        Assert.Equal(["episodes", "header", "missing", "oc2", "reviews"], tables.Order());
        var rules = findings.Select(f => f.Rule).Distinct().Count();
        Assert.True(rules >= 40, $"{rules} rules broken: the year was meant to break many");
        output.WriteLine($"{findings.Count} findings of {rules} rules, the same both ways");
    }

    private async Task<(JsonElement Report, List<string> Spans)> ImportAsync(Dictionary<string, string> files)
    {
        using var form = new MultipartFormDataContent { { new StringContent(Year), "collectionYear" } };
        foreach (var (table, text) in files)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(part, "files", table + ".csv");
        }
        using var response = await shared.System.Gateway.PostAsync("children/api/903/imports", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body[..Math.Min(600, body.Length)]}");
        var timing = response.Headers.TryGetValues("Server-Timing", out var values) ? string.Join(",", values) : "";
        output.WriteLine($"{string.Join(", ", files.Keys)}: Server-Timing {timing}");
        return (JsonDocument.Parse(body).RootElement.Clone(), [.. timing.Split(',').Select(span => span.Split(';')[0].Trim())]);
    }

    private static List<(string Rule, string Table, int Row, string Fields)> Findings(JsonElement report) =>
        [.. report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("rule").GetString()!, e.GetProperty("table").GetString()!,
            e.GetProperty("row").GetInt32(), string.Join("|", e.GetProperty("fields").EnumerateArray().Select(f => f.GetString()))))];

    /// <summary>
    /// A made-up year of <see cref="Children"/> children whose values are mostly good, and now and then a bad code or date
    /// (a fixed seed: the same year every run), over the four core tables and OC2.
    /// </summary>
    private static Dictionary<string, string> FaultyYear()
    {
        var random = new Random(2023);
        string Pick(params string[] values) => values[random.Next(values.Length)];
        // The first value, or one of the others one time in eight.
        string Mostly(string good, params string[] bad) => random.Next(8) == 0 ? Pick(bad) : good;
        var start = new DateOnly(2022, 1, 1);
        string Day(DateOnly from, int days) => random.Next(60) == 0 ? "2023-13-01" : from.AddDays(random.Next(days)).ToString("dd/MM/yyyy");
        var header = new StringBuilder("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n");
        var episodes = new StringBuilder("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n");
        var reviews = new StringBuilder("CHILD,DOB,REVIEW,REVIEW_CODE\r\n");
        var missing = new StringBuilder("CHILD,DOB,MISSING,MIS_START,MIS_END\r\n");
        var oc2 = new StringBuilder("CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE," +
                                    "INTERVENTION_RECEIVED,INTERVENTION_OFFERED\r\n");
        for (var i = 0; i < Children; i++)
        {
            var child = $"V{i:00000}";
            var dob = Day(new DateOnly(2006, 1, 1), 5000);
            header.Append($"{child},{Mostly(Pick("1", "2"), "3")},{dob},{Mostly("WBRI", "ZZZZ")},{Mostly("H801200001001", "", "UN1", "A123456789012")}," +
                          $"{Mostly("0", "", "1", "1.0")},{Mostly("", Day(new DateOnly(2018, 1, 1), 2000))}\r\n");
            var from = start.AddDays(random.Next(700));
            var first = true;
            for (var e = random.Next(1, 3); e > 0; e--)
            {
                var to = from.AddDays(random.Next(1, 200));
                var last = e == 1 && random.Next(3) > 0;
                episodes.Append($"{child},{Day(from, 1)},{(first ? Mostly("S", "P", "T") : Mostly("P", "S", "L", "B", "X"))},{Mostly("C2", "V2", "J1", "ZZ")}," +
                                $"{Mostly("N1", "N9")},{(first ? Mostly("U1", "R1", "P1", "K2", "Z1", "T1") : Mostly("U4", "U1", "T1"))},{Mostly("PR1", "PR0", "PR9")}," +
                                $"{(last ? "" : Day(to, 1))},{(last ? "" : Mostly(e > 1 ? "X1" : "E11", "X1", "E4A", "ZZ"))},{Mostly(e > 1 ? "CARPL" : "", "XXXX", "")}," +
                                $"S60 1,{Mostly("S61 2", "", "XX")},{Mostly("SC123456", "", "XXXXXXX")}\r\n");
                from = to;
                first = false;
            }
            if (random.Next(2) == 0) reviews.Append($"{child},{Mostly(dob, "01/01/2010")},{Day(new DateOnly(2023, 4, 1), 365)},{Mostly("PN1", "PN0", "X")}\r\n");
            if (random.Next(6) == 0)
                missing.Append($"{child},{Mostly(dob, "")},{Mostly("M", "A", "Z")},{Day(new DateOnly(2023, 4, 1), 300)},{Mostly(Day(new DateOnly(2024, 3, 1), 30), "")}\r\n");
            if (random.Next(4) == 0)
                oc2.Append($"{child},{Mostly(dob, "")},{Mostly("12", "", "41")},{Mostly("", "SDQ1", "SDQ9")},{Mostly("0", "1", "")},{Mostly("1", "0", "2")}," +
                           $"{Mostly("1", "0")},{Mostly("1", "0")},{Mostly("1", "0")},{Mostly("0", "1")},{Mostly("", "0", "1")},{Mostly("", "0", "1")}\r\n");
        }
        return new() { ["header"] = header.ToString(), ["episodes"] = episodes.ToString(), ["reviews"] = reviews.ToString(),
            ["missing"] = missing.ToString(), ["oc2"] = oc2.ToString() };
    }
}
