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
/// read the rest back (in two batches: 2,100 children), and the reports are compared finding for finding.
/// On the shared system, through its gateway.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class ValidatedAsReadTests(SharedSystem shared, ITestOutputHelper output)
{
    // A year no other test imports, nor the years either side of it (the year before is read as last year's return).
    private const string Year = "2023/24";
    private const int Children = 2100;

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
    /// A made-up year of <see cref="Children"/> children whose values are drawn from good and bad codes and dates alike
    /// (a fixed seed: the same year every run), over the four core tables and OC2.
    /// </summary>
    private static Dictionary<string, string> FaultyYear()
    {
        var random = new Random(2023);
        string Pick(params string[] values) => values[random.Next(values.Length)];
        var start = new DateOnly(2021, 1, 1);
        string Day(DateOnly from, int days) => random.Next(25) == 0 ? "2023-13-01" : from.AddDays(random.Next(days)).ToString("dd/MM/yyyy");
        var header = new StringBuilder("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n");
        var episodes = new StringBuilder("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n");
        var reviews = new StringBuilder("CHILD,DOB,REVIEW,REVIEW_CODE\r\n");
        var missing = new StringBuilder("CHILD,DOB,MISSING,MIS_START,MIS_END\r\n");
        var oc2 = new StringBuilder("CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE," +
                                    "INTERVENTION_RECEIVED,INTERVENTION_OFFERED\r\n");
        for (var i = 0; i < Children; i++)
        {
            var child = $"V{i:00000}";
            var dob = Day(new DateOnly(2004, 1, 1), 7000);
            header.Append($"{child},{Pick("1", "2", "2", "3")},{dob},{Pick("WBRI", "WBRI", "MWBC", "ZZZZ")},{Pick("", "A123456789012", "UN1")}," +
                          $"{Pick("", "0", "1", "1.0")},{Pick("", "", Day(new DateOnly(2018, 1, 1), 2000))}\r\n");
            var from = start.AddDays(random.Next(900));
            for (var e = random.Next(1, 4); e > 0; e--)
            {
                var to = from.AddDays(random.Next(1, 300));
                var last = e == 1 && random.Next(3) > 0;
                episodes.Append($"{child},{Day(from, 1)},{Pick("S", "P", "L", "T", "B", "U", "X")},{Pick("C2", "C2", "V2", "J1", "E1", "L1", "ZZ")}," +
                                $"{Pick("N1", "N2", "N4", "N9")},{Pick("U1", "U4", "U6", "R1", "P1", "K2", "Z1")},{Pick("PR1", "PR2", "PR0", "PR9")}," +
                                $"{(last ? "" : Day(to, 1))},{(last ? "" : Pick("E11", "E12", "E4A", "X1", "ZZ"))},{Pick("", "CARPL", "XXXX")}," +
                                $"S60 1,{Pick("S61 2", "", "XX")},{Pick("", "SC123456", "XXXXXXX")}\r\n");
                from = to;
            }
            if (random.Next(2) == 0) reviews.Append($"{child},{Pick(dob, "01/01/2010")},{Day(start, 1200)},{Pick("PN1", "PN0", "PN7", "X")}\r\n");
            if (random.Next(6) == 0)
                missing.Append($"{child},{Pick(dob, "")},{Pick("M", "A", "Z")},{Day(start, 1200)},{Pick("", Day(start.AddDays(1200), 30))}\r\n");
            if (random.Next(4) == 0)
                oc2.Append($"{child},{Pick(dob, "")},{Pick("", "12", "41")},{Pick("", "SDQ1", "SDQ9")},{Pick("0", "1", "")},{Pick("0", "1", "2")}," +
                           $"{Pick("0", "1")},{Pick("0", "1")},{Pick("0", "1")},{Pick("0", "1")},{Pick("", "0", "1")},{Pick("", "0", "1")}\r\n");
        }
        return new() { ["header"] = header.ToString(), ["episodes"] = episodes.ToString(), ["reviews"] = reviews.ToString(),
            ["missing"] = missing.ToString(), ["oc2"] = oc2.ToString() };
    }
}
