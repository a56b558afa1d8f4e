using Children.API.Returns903;

namespace Children.Tests.Returns903;

/// <summary>
/// <c>GET /api/903/preview?asAt=</c>: the return cut on a day from the live episodes is what a file written that day would hold,
/// and its findings are those of the same rules.
/// </summary>
public sealed class ReturnPreviewTests
{
    private static readonly HeaderRow[] Header =
    [
        new(0, "L2", "2", "10/10/2003", "WBRI", "UN3", "0", ""),
        new(0, "L1", "1", "04/05/2009", "WBRI", "UN2", "", ""),
        new(0, "L3", "1", "01/01/2000", "WBRI", "UN1", "", ""),
    ];

    private static EpisodeRow Episode(string child, string decom, string dec = "", string rec = "", string reasonPlaceChange = "") =>
        new(0, child, decom, "S", "C2", "N1", "U4", "PR1", dec, rec, reasonPlaceChange, "S60 1", "S61 2", "");

    [Fact]
    public void An_episode_begun_by_the_day_is_in_the_cut_and_one_ending_after_the_day_is_open_on_it()
    {
        var data = ReturnPreview.Cut(Header,
        [
            Episode("L1", "01/06/2017", "01/12/2017", "E8", "CARPL"), // ends after 01/10/2017: open on the day
            Episode("L2", "15/04/2016"),                              // open since last year
            Episode("L3", "01/01/2016", "01/03/2017", "E8"),          // ended before the year began: not in it
            Episode("L2", "02/10/2017"),                              // begins the day after: not yet
        ], new DateOnly(2017, 10, 1));

        Assert.Equal(["L1", "L2"], data.Episodes.Select(e => e.Child));
        Assert.Equal([0, 1], data.Episodes.Select(e => e.Row));
        Assert.Equal(("", "", "", null), (data.Episodes[0].Dec, data.Episodes[0].Rec, data.Episodes[0].ReasonPlaceChange, data.Episodes[0].DecOn));
        Assert.Equal(["L1", "L2"], data.Header.Select(h => h.Child));
        Assert.Equal(["header", "episodes"], data.Present.Order().Reverse());
    }

    [Fact]
    public void An_episode_that_ended_by_the_day_keeps_its_end()
    {
        var data = ReturnPreview.Cut(Header, [Episode("L1", "01/06/2017", "01/09/2017", "E8")], new DateOnly(2017, 10, 1));
        Assert.Equal(("01/09/2017", "E8"), (data.Episodes[0].Dec, data.Episodes[0].Rec));
    }

    [Fact]
    public void The_preview_reports_the_cuts_findings_as_an_import_does_for_the_year_the_day_falls_in()
    {
        // L1 starts care at 8 in a placement (P2, independent living) that needs 15 (rule 370).
        var data = ReturnPreview.Cut(Header, [new EpisodeRow(0, "L1", "01/06/2017", "S", "C2", "N1", "P2", "PR1", "", "", "", "S60 1", "S61 2", "")],
            new DateOnly(2017, 10, 1));
        var report = ReturnPreview.Report(new DateOnly(2017, 10, 1), data, new Validator903(CollectionYear.Of(new DateOnly(2017, 10, 1))).Validate(data));

        Assert.Equal("2017/18", report.CollectionYear);
        Assert.Contains(report.Errors, f => f is { Rule: "370", Table: "episodes", Row: 0 });
        Assert.Equal(report.Errors.Count(f => f.Rule == "370"), report.Counts["370"]);
        Assert.Equal(1, report.Rows["episodes"]);
    }
}
