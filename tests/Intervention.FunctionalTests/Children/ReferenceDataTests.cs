using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Intervention.Contracts.Children.Http;
using Xunit;
using Xunit.Abstractions;

namespace Intervention.FunctionalTests.Children;

/// <summary>
/// Issue 17's reference data through the gateway: the children's team uploads a postcode lookup and a provider list as dated
/// versions, bad rows are refused naming the row, field and rule, a repeated upload doubles nothing, and an import runs the rules
/// over them. On the system with its own settings, with fictional ZZ postcodes dated for 2020/21 and imports of 2020/21 and
/// 2011/12 only: a past year reads the lists of its own year, so the seeds' 2017/18 year (dated 2017) reads none of these.
/// </summary>
[Collection(OwnSettingsSystem.Name)]
public sealed class ReferenceDataTests(OwnSettingsSystem own, ITestOutputHelper output)
{
    private AspireSystem System => own.System;

    private const string Lookup = "POSTCODE,LA,EASTING,NORTHING\r\nZZ1 1,E08000018,443000,392000\r\nZZ1 2,E08000018,446000,396000\r\nZZ9 1,E08000035,428000,436000\r\n";
    private const string Providers = "URN,LA,POSTCODE,REGISTERED,CEASED,PLACE_CODES,PROVIDER_CODES\r\nSC900001,E08000035,ZZ9 1ZZ,01/04/2010,,K2,PR4\r\n";
    private const string EpisodesHeader = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n";

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string? asAt, string csv, string part = "file", string field = "asAt")
    {
        using var form = new MultipartFormDataContent();
        if (asAt is not null) form.Add(new StringContent(asAt), field);
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, part, "upload.csv");
        using var response = await System.Gateway.PostAsync(path, form);
        var text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{path} {(int)response.StatusCode} {text[..Math.Min(600, text.Length)]}");
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Reference_data_uploaded_as_dated_versions_is_what_an_import_validates_with_and_bad_rows_are_named()
    {
        // Bad rows: a 400 problem naming each row, field and rule; nothing kept.
        var (status, problem) = await PostAsync("children/api/903/reference/postcodes", "2020-04-01",
            "POSTCODE,LA,EASTING,NORTHING\r\nZZ1 1,E08000018,443000,392000\r\nZZ1 3,E08000018,east,392000\r\nZZ1 1,E08000018,1,1\r\n");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("must be a whole number of metres on the British National Grid, 0 to 700000",
            problem.GetProperty("errors").GetProperty("rows[1].EASTING")[0].GetString());
        Assert.Equal("ZZ1 1 is already given at row 0: a postcode appears once in a lookup", problem.GetProperty("errors").GetProperty("rows[2].POSTCODE")[0].GetString());
        var (noDay, noDayProblem) = await PostAsync("children/api/903/reference/providers", null, Providers);
        Assert.Equal(HttpStatusCode.BadRequest, noDay);
        Assert.StartsWith("must be the day the list describes", noDayProblem.GetProperty("errors").GetProperty("asAt")[0].GetString());
        var children = System.Api<IChildrenApi>();
        Assert.DoesNotContain((await children.ListReferenceDataAsync()).Versions, version => version.AsAt == new DateOnly(2020, 4, 1));

        // Good files: a new version each; the same file for the same day again is that version, not another.
        var (created, lookup) = await PostAsync("children/api/903/reference/postcodes", "2020-04-01", Lookup);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(3, lookup.GetProperty("rows").GetInt32());
        var (again, repeated) = await PostAsync("children/api/903/reference/postcodes", "2020-04-01", Lookup);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(lookup.GetProperty("id").GetGuid(), repeated.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("children/api/903/reference/providers", "2020-04-01", Providers)).Status);
        var versions = (await children.ListReferenceDataAsync()).Versions.Where(version => version.AsAt == new DateOnly(2020, 4, 1)).ToList();
        Assert.Equal(["postcodes", "providers"], versions.Select(version => version.Kind).Order());

        // An import of 2020/21 runs the rules over them: ZZ7 7 is in no lookup (169), SC999999 in no list (1008), and SC900001
        // is at ZZ9 1, not ZZ7 7 (221). The placement at ZZ1 2, a known postcode, breaks none of those; a foster placement in
        // England, it gives no URN (218: its fostering service's is required).
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("2020/21"), "collectionYear");
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(EpisodesHeader +
            "C9001,01/05/2020,S,C2,N1,U4,PR1,,,,ZZ1 1,ZZ1 2,\r\n" +
            "C9002,01/05/2020,S,C2,N1,K2,PR4,,,,ZZ1 1,ZZ7 7,SC900001\r\n" +
            "C9003,01/05/2020,S,C2,N1,K2,PR4,,,,ZZ1 1,ZZ9 1,SC999999\r\n")), "files", "episodes.csv");
        using var imported = await System.Gateway.PostAsync("children/api/903/imports", form);
        var report = JsonDocument.Parse(await imported.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var findings = report.GetProperty("errors").EnumerateArray()
            .Select(finding => (finding.GetProperty("rule").GetString(), finding.GetProperty("row").GetInt32())).ToList();
        output.WriteLine(string.Join(", ", findings));
        Assert.Contains(("169", 1), findings);
        Assert.Contains(("164", 1), findings);
        Assert.Contains(("221", 1), findings);
        Assert.Contains(("1008", 2), findings);
        Assert.Contains(("218", 0), findings);
        Assert.DoesNotContain(findings, finding => finding.Item1 == "218" && finding.Item2 != 0);
        Assert.DoesNotContain(findings, finding => finding.Item2 == 0 && finding.Item1 is "164" or "169" or "1015" or "392a");
        var rules = (await children.ListReturnRulesAsync("2020/21")).Rules.ToDictionary(rule => rule.Code);
        Assert.Equal((true, null), (rules["169"].Ran, rules["169"].NotRunBecause));
        Assert.Equal((true, null), (rules["1008"].Ran, rules["1008"].NotRunBecause));
        Assert.Equal((true, null), (rules["218"].Ran, rules["218"].NotRunBecause));
        Assert.StartsWith("not applicable here: PL_LOCATION is derived", rules["179"].NotRunBecause);

        // A year whose 31 March is before any list's day: the rules over reference data did not run, and say so.
        using var early = new MultipartFormDataContent();
        early.Add(new StringContent("2011/12"), "collectionYear");
        early.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(EpisodesHeader + "C9101,01/05/2011,S,C2,N1,K2,PR4,,,,ZZ1 1,ZZ7 7,SC999999\r\n")),
            "files", "episodes.csv");
        using var earlyImport = await System.Gateway.PostAsync("children/api/903/imports", early);
        var earlyReport = JsonDocument.Parse(await earlyImport.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Created, earlyImport.StatusCode);
        Assert.DoesNotContain(earlyReport.GetProperty("errors").EnumerateArray(), finding => finding.GetProperty("rule").GetString() is "169" or "1008");
        var earlyRules = (await children.ListReturnRulesAsync("2011/12")).Rules.ToDictionary(rule => rule.Code);
        Assert.Equal(false, earlyRules["169"].Ran);
        Assert.StartsWith("no reference data loaded: no postcode lookup", earlyRules["169"].NotRunBecause);
        Assert.StartsWith("no reference data loaded: no Ofsted provider list", earlyRules["1008"].NotRunBecause);
        Assert.StartsWith("no reference data loaded: no postcode lookup", earlyRules["218"].NotRunBecause);
    }
}
