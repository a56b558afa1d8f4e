using System.Net;
using System.Text;
using System.Text.Json;
using Intervention.Contracts.Children.Http;
using Refit;
using Xunit;

namespace Intervention.FunctionalTests.Children;

/// <summary>
/// The 903 rules over last year's return read the return stored for the previous year when there is one, and otherwise the
/// <c>*_last.csv</c> files sent with the import; the preview cuts a return from the episodes recorded through the API. Through
/// the gateway on the shared system, in collection years (2003/04 to 2005/06, 1996/97) no other test uses.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class ReturnYearOnYearTests(SharedSystem shared)
{
    private AspireSystem System => shared.System;
    private IChildrenApi Children => System.Api<IChildrenApi>();

    private const string HeaderColumns = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n";
    private const string EpisodeColumns = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n";

    [Fact]
    public async Task Last_years_files_sent_with_the_import_are_read_when_no_return_is_stored_for_last_year()
    {
        // 2002/03 holds no return: last year is the episodes_last.csv file, whose open episode began with RNE S, not L.
        var report = await Children.ImportReturnAsync("2003/04",
        [
            Part("header", HeaderColumns + "YY1,1,01/05/1995,WBRI,UN1,,\r\n"),
            Part("episodes", EpisodeColumns + "YY1,01/06/2002,L,C2,N1,U4,PR1,,,,S60 1,S61 2,\r\n"),
            Part("episodes_last", EpisodeColumns + "YY1,01/06/2002,S,C2,N1,U4,PR1,,,,S60 1,S61 2,\r\n"),
        ]);

        Assert.Contains(report.Errors, f => f is { Rule: "503A", Table: "episodes", Row: 0 });
        Assert.DoesNotContain(report.Errors, f => f.Rule is "502" or "NoE");
        var rule = (await Children.ListReturnRulesAsync("2003/04")).Rules.Single(r => r.Code == "503A");
        Assert.Equal((true, true, null), (rule.Checked, rule.Ran, rule.NotRunBecause));
        // The file is kept as sent, and exported with the return.
        Assert.Contains("YY1,01/06/2002,S", await Children.ExportReturnFileAsync("2003-04", "episodes_last.csv", "test of last year's files"));
    }

    [Fact]
    public async Task The_return_stored_for_last_year_comes_before_last_years_files()
    {
        // 2004/05 is stored with YZ1's care open since 01/06/2004; 2005/06 starts it on 02/06/2004 (502), though the
        // episodes_last.csv sent beside it agrees with this year.
        await Children.ImportReturnAsync("2004/05",
        [
            Part("header", HeaderColumns + "YZ1,1,01/05/1995,WBRI,UN1,,\r\n"),
            Part("episodes", EpisodeColumns + "YZ1,01/06/2004,S,C2,N1,U4,PR1,,,,S60 1,S61 2,\r\n"),
        ]);
        var report = await Children.ImportReturnAsync("2005/06",
        [
            Part("header", HeaderColumns + "YZ1,1,01/05/1995,WBRI,UN1,,\r\n"),
            Part("episodes", EpisodeColumns + "YZ1,02/06/2004,S,C2,N1,U4,PR1,,,,S60 1,S61 2,\r\n"),
            Part("episodes_last", EpisodeColumns + "YZ1,02/06/2004,S,C2,N1,U4,PR1,,,,S60 1,S61 2,\r\n"),
        ]);

        Assert.Contains(report.Errors, f => f is { Rule: "502", Table: "episodes", Row: 0 });
        Assert.Contains(report.Errors, f => f is { Rule: "562", Table: "episodes", Row: 0 });
    }

    [Fact]
    public async Task A_year_with_no_last_year_reports_those_rules_as_not_run_and_says_why()
    {
        await Children.ImportReturnAsync("2001/02", [Part("episodes", EpisodeColumns + "YW1,01/06/2001,S,C2,N1,U4,PR1,,,,S60 1,S61 2,\r\n")]);
        var rule = (await Children.ListReturnRulesAsync("2001/02")).Rules.Single(r => r.Code == "503A");
        Assert.False(rule.Ran);
        Assert.Contains("last year's episodes table is held neither", rule.NotRunBecause);
        Assert.Equal((false, "not applicable to a CSV import: it checks the UASC status field of the XML form of the return"),
            ((await Children.ListReturnRulesAsync("2001/02")).Rules.Single(r => r.Code == "105") is var r105 ? (r105.Ran!.Value, r105.NotRunBecause) : default));
    }

    [Fact]
    public async Task The_preview_reports_the_findings_of_the_return_cut_on_a_day_from_the_recorded_episodes()
    {
        // A boy of 8 placed in independent living (P2), which needs 15 (rule 370), recorded in 1996/97, a year no one else records.
        var child = await Children.RecordChildAsync(new RecordChildRequest
        {
            LocalId = "PV" + Random.Shared.Next(1_000_000, 9_999_999), Sex = "1", DateOfBirth = new DateOnly(1988, 2, 2), Ethnicity = "WBRI", Upn = "UN2",
        });
        await Children.RecordEpisodeAsync(child.Id, new RecordEpisodeRequest
        {
            StartedOn = new DateOnly(1996, 5, 1), ReasonForNewEpisode = "S", LegalStatus = "C2", CategoryOfNeed = "N1", PlacementType = "P2",
            PlacementProvider = "PR1",
        });

        var preview = await Children.PreviewReturnAsync("1996-06-01");

        Assert.Equal(("1996/97", new DateOnly(1996, 6, 1)), (preview.CollectionYear, preview.AsAt));
        Assert.Contains(preview.Errors, f => f is { Rule: "370", Table: "episodes" });
        Assert.Equal(preview.Errors.Count, preview.Counts.Values.Sum());
        // The day before the episode began, the return holds nothing of it.
        Assert.DoesNotContain((await Children.PreviewReturnAsync("1996-04-30")).Errors, f => f.Rule == "370");
    }

    [Fact]
    public async Task A_preview_day_that_is_not_a_date_is_a_400_naming_asAt()
    {
        using var response = await System.Gateway.GetAsync("children/api/903/preview?asAt=1996-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("errors").TryGetProperty("asAt", out _), body.ToString());
    }

    private static ByteArrayPart Part(string table, string text) => new(Encoding.UTF8.GetBytes(text), table + ".csv", "text/csv", "files");
}
