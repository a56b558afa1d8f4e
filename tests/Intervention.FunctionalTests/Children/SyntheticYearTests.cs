using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Intervention.Contracts.Children.Http;
using Refit;
using Xunit;
using Xunit.Abstractions;

namespace Intervention.FunctionalTests.Children;

/// <summary>
/// Issue 6's "done when": the synthetic year imports through the gateway, validates and yields the KPIs; an export
/// re-imports to the same data. Not on the shared system: the KPIs count every child in care on the day, casework
/// included, so children other tests place would move the published figures; the system with its own settings has
/// no casework but this test's.
/// </summary>
[Collection(OwnSettingsSystem.Name)]
public sealed class SyntheticYearTests(OwnSettingsSystem own, ITestOutputHelper output)
{
    private AspireSystem System => own.System;

    [Fact]
    public async Task The_seeds_load_the_synthetic_2017_18_year_through_the_gateway_and_the_KPIs_follow_the_published_figures()
    {
        const string kpisPublished = "SELECT count(*) FROM outbox_messages WHERE message_type = 'Intervention.Contracts.Children.KpisPublished'";
        var publishedBefore = await System.CountAsync("children", kpisPublished);
        var clock = Stopwatch.StartNew();
        var (exitCode, lines) = await System.RunSeedsAsync("--only", "children");
        var elapsed = clock.Elapsed;
        Assert.True(exitCode == 0, string.Join('\n', lines));
        var imported = Assert.Single(lines, l => l.StartsWith("children 903 2017/18:"));
        Assert.EndsWith(" 0 validation findings", imported);
        output.WriteLine(string.Join('\n', lines));
        Measurements.Record($"children seeds (synthetic 2017/18 year, import + casework + improvement, through the gateway): {elapsed.TotalSeconds:0.0} s");

        var kpis = (await Children.GetKpisAsync(March31)).ToDictionary(k => k.Name);
        Assert.Equal(
            ["placements-3-plus", "long-term-stability", "placed-over-20-miles", "family-based-placements", "statutory-visits-on-time", "assessments-within-45-days",
             "plans-up-to-date", "return-home-interviews", "health-assessments-on-time", "average-caseload", "agency-rate"],
            kpis.Keys);
        // 628 children in care on 31 March 2018, 81% of them in family-based settings (509 of 628).
        var family = kpis["family-based-placements"];
        Assert.Equal((509, 628, 81.1m), (family.Numerator, family.Denominator, family.Value));
        Assert.InRange(kpis["statutory-visits-on-time"].Value!.Value, 91m, 95m);
        Assert.InRange(kpis["assessments-within-45-days"].Value!.Value, 80m, 94m);
        Assert.InRange(kpis["plans-up-to-date"].Value!.Value, 96m, 100m);
        Assert.InRange(kpis["agency-rate"].Value!.Value, 15m, 21m);
        Assert.True(kpis["average-caseload"].Value < 15m);
        foreach (var kpi in kpis.Values) Assert.False(string.IsNullOrWhiteSpace(kpi.Definition));

        // The OpenAPI document describes the API the checks use.
        var openApi = await System.Gateway.GetStringAsync("children/openapi/v1.json");
        Assert.Contains("/api/903/imports", openApi);
        Assert.Contains("/api/kpis", openApi);

        // Published as an aggregate event through the outbox.
        Assert.Equal(1, await System.CountAsync("children", kpisPublished) - publishedBefore);

        // The seeds again: the import replaces the year and every casework load is keyed, so the figures do not move.
        var again = await System.RunSeedsAsync("--only", "children");
        Assert.Equal(0, again.ExitCode);
        var family2 = (await Children.GetKpisAsync(March31)).Single(k => k.Name == "family-based-placements");
        Assert.Equal(628, family2.Denominator);
        Assert.Equal(170, (await Children.GetPermanenceAsync(March31)).InScope);
        Assert.Equal(7, (await Children.ListImprovementItemsAsync("SevenTest")).Count);
        Assert.Equal(8, (await Children.ListImprovementItemsAsync("OfstedRecommendation")).Count);
    }

    [Fact]
    public async Task An_export_re_imports_to_the_same_data_bad_rows_included()
    {
        // 2012/13, well before the seeds' 2017/18 (a return stored for 2016/17 would be the seeds' last year, and its rules would
        // then read it), with rows that break rules (an invalid sex code, an episode ending before it starts, a missing end before its start).
        var files = new Dictionary<string, string>
        {
            ["header"] = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nX1,1,04/05/2005,WBRI,UN2,,\r\nX2,9,10/10/1999,\"WBRI\",UN3,0,\r\n",
            ["episodes"] = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n" +
                           "X1,01/06/2012,S,C2,N1,U4,PR1,01/09/2012,X1,CARPL,S60 1,S61 2,\r\nX1,01/09/2012,P,C2,N1,K2,PR4,01/03/2013,E4A,,S60 1,LS6 1,SC123456\r\n" +
                           "X2,15/04/2012,S,C2,N2,U6,PR4,14/04/2012,E4A,,S62 1,S63 1,\r\n",
            ["reviews"] = "CHILD,DOB,REVIEW,REVIEW_CODE\r\nX1,04/05/2005,20/06/2012,PN1\r\n",
            ["missing"] = "CHILD,DOB,MISSING,MIS_START,MIS_END\r\nX2,10/10/1999,M,01/11/2012,31/10/2012\r\n",
            ["oc2"] = "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\r\nX1,04/05/2005,12,,0,1,1,1,1,0,,\r\n",
        };
        var first = await ImportAsync(files, "2012/13");
        var rules = first.Errors.Select(e => (e.Rule, e.Table, e.Row)).ToList();
        Assert.Contains(("101", "header", 1), rules);
        Assert.Contains(("356", "episodes", 2), rules);
        Assert.Contains(("567", "missing", 0), rules);
        // The other tables are validated too: X1 is 7 at 31 March 2013, too young for conviction information in OC2 (DfE 542).
        Assert.Contains(("542", "oc2", 0), rules);
        Assert.Equal(1, first.Counts["101"]);

        var exported = await ExportAsync("2012-13");
        Assert.Equal(["episodes", "header", "missing", "oc2", "reviews"], exported.Keys.Order());
        Assert.Equal(files["episodes"], exported["episodes"]);
        Assert.Equal(files["oc2"], exported["oc2"]);
        Assert.Contains("X2,9,10/10/1999,WBRI,UN3,0,", exported["header"]);

        var second = await ImportAsync(exported, "2012-13");
        Assert.Equal(first.Counts, second.Counts);
        Assert.Equal(first.Rows.OrderBy(r => r.Key), second.Rows.OrderBy(r => r.Key));
        var reexported = await ExportAsync("2012-13");
        Assert.Equal(exported, reexported);
        Assert.Equal(1, await System.CountAsync("children", "SELECT count(*) FROM other_rows WHERE collection_year = '2012/13'"));
    }

    private static readonly DateOnly March31 = new(2018, 3, 31);

    private IChildrenApi Children => System.Api<IChildrenApi>();

    /// <summary>Imports the files through the typed client: one multipart part named <c>files</c> per table.</summary>
    private Task<ImportReport> ImportAsync(Dictionary<string, string> files, string year) =>
        Children.ImportReturnAsync(year, files.Select(f => new ByteArrayPart(Encoding.UTF8.GetBytes(f.Value), f.Key + ".csv", "text/csv", "files")).ToList());

    private async Task<Dictionary<string, string>> ExportAsync(string year)
    {
        using var zipped = await Children.ExportReturnAsync(year);
        Assert.Equal("application/zip", zipped.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await zipped.ReadAsByteArrayAsync()));
        return zip.Entries.ToDictionary(e => e.Name[..^4], e => new StreamReader(e.Open()).ReadToEnd());
    }
}
