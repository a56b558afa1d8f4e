namespace Children.API.Returns903;

/// <summary>
/// One DfE rule that holds this year's return against last year's: its code as the rule list writes it, the table and
/// fields reported, and the rows of that table that break it. A rule runs only when every table the DfE list names for it
/// (<see cref="RuleList.Rule.Tables"/>) is held, this year's and last year's alike (<see cref="ReturnData.Holds"/>).
/// </summary>
public sealed record LastYearRule(string Code, string Table, string[] Fields, Func<YearOnYear, IEnumerable<int>> Rows);

/// <summary>
/// This year's return and last year's for the same children, with each child's rows found once for every rule. Pure: the
/// two returns and the collection year in.
/// </summary>
public sealed class YearOnYear(ReturnData now, ReturnData last, CollectionYear year)
{
    public CollectionYear Year => year;
    public ReturnData Now => now;
    public ReturnData Last => last;

    private Dictionary<string, HeaderRow>? _header, _headerLast;
    private Dictionary<string, List<EpisodeRow>>? _episodes, _episodesLast;
    private Dictionary<string, List<OtherRow>>? _placedLast;

    /// <summary>Each child's first header row this year.</summary>
    public Dictionary<string, HeaderRow> Header => _header ??= FirstOfEach(now.Header, header => header.Child);

    /// <summary>Each child's first header row last year.</summary>
    public Dictionary<string, HeaderRow> HeaderLast => _headerLast ??= FirstOfEach(last.Header, header => header.Child);

    /// <summary>Each child's dated episodes this year, in the order they started.</summary>
    public Dictionary<string, List<EpisodeRow>> Episodes => _episodes ??= Dated(now.Episodes);

    /// <summary>Each child's dated episodes last year, in the order they started.</summary>
    public Dictionary<string, List<EpisodeRow>> EpisodesLast => _episodesLast ??= Dated(last.Episodes);

    /// <summary>Each child's rows of last year's placed_for_adoption table.</summary>
    public Dictionary<string, List<OtherRow>> PlacedLast => _placedLast ??= last.Other(OtherTableRules.PlacedForAdoption)
        .GroupBy(row => row.Child, StringComparer.Ordinal).ToDictionary(child => child.Key, child => child.ToList(), StringComparer.Ordinal);

    /// <summary>A child's last episode of last year when it was still open at 31 March (the care that this year's return continues).</summary>
    public EpisodeRow? OpenAtEndOfLastYear(string child) =>
        EpisodesLast.TryGetValue(child, out var episodes) && episodes[^1].Dec.Length == 0 ? episodes[^1] : null;

    private static Dictionary<string, T> FirstOfEach<T>(IEnumerable<T> rows, Func<T, string> child)
    {
        var first = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var row in rows) first.TryAdd(child(row), row);
        return first;
    }

    private static Dictionary<string, List<EpisodeRow>> Dated(IEnumerable<EpisodeRow> episodes) =>
        episodes.Where(episode => episode.DecomOn is not null).GroupBy(episode => episode.Child, StringComparer.Ordinal)
            .ToDictionary(child => child.Key, child => child.OrderBy(e => e.DecomOn).ThenBy(e => e.Row).ToList(), StringComparer.Ordinal);
}

/// <summary>
/// The rules over last year's return (<c>*_last</c> tables), one entry per rule. The readings taken where the DfE text leaves
/// a choice are in the comment beside each rule; the public validators were read to check them, the code is ours.
/// </summary>
public static class LastYearRules
{
    private const string Header = Tables.Header, Episodes = Tables.Episodes, Missing = Tables.Missing;
    private const string Placed = OtherTableRules.PlacedForAdoption, Oc3 = OtherTableRules.Oc3;

    /// <summary>Every rule here, in the rule list's order.</summary>
    public static readonly IReadOnlyList<LastYearRule> All =
    [
        // 202-204, 208, 624: a child's header items are the same from year to year. SEX was recoded 1/2 to M/F in 2024/25:
        // a boy recorded 1 last year and M this year is the same boy.
        new("202", Header, ["SEX"], y => Differs(y, h => Sex(h.Sex), h => Sex(h.Sex))),
        new("203", Header, ["DOB"], y => Differs(y, h => h.DobOn, h => h.DobOn, bothGiven: true)),
        new("204", Header, ["ETHNIC"], y => Differs(y, h => h.Ethnic, h => h.Ethnic, bothGiven: true)),
        // "Mother status for the current year disagrees with the mother status already recorded": a girl recorded as a
        // mother (1) last year is recorded as not one (0) this year. A blank this year is 165's or 393's to report.
        new("207", Header, ["MOTHER"], y => Rows(y.Now.Header, h => h.Mother == "0" && y.HeaderLast.GetValueOrDefault(h.Child)?.Mother == "1" &&
            y.Episodes.ContainsKey(h.Child), h => h.Row)),
        // "UPN ... disagrees with the UPN already recorded": a UN code records no UPN, so a child given a real UPN since is
        // not reported; a real UPN recorded last year must stay.
        new("208", Header, ["UPN"], y => Rows(y.Now.Header, h => y.HeaderLast.GetValueOrDefault(h.Child) is { } was && IsRealUpn(was.Upn) &&
            h.Upn != was.Upn, h => h.Row)),

        new("502", Episodes, ["DECOM"], y => FirstAgainstOpen(y, (first, open) => first.DecomOn != open.DecomOn)),
        new("503A", Episodes, ["RNE"], y => FirstAgainstOpen(y, (first, open) => first.Rne != open.Rne)),
        new("503B", Episodes, ["LS"], y => FirstAgainstOpen(y, (first, open) => first.Ls != open.Ls)),
        new("503C", Episodes, ["CIN"], y => FirstAgainstOpen(y, (first, open) => first.Cin != open.Cin)),
        new("503D", Episodes, ["PLACE"], y => FirstAgainstOpen(y, (first, open) => first.Place != open.Place)),
        new("503E", Episodes, ["PLACE_PROVIDER"], y => FirstAgainstOpen(y, (first, open) => first.PlaceProvider != open.PlaceProvider)),
        new("503F", Episodes, ["URN"], y => FirstAgainstOpen(y, (first, open) => first.Urn != open.Urn)),

        // "There is an open missing ... period in last year's return and there is no corresponding period recorded at the
        // start of this year": the child's earliest period this year starts on the open period's start.
        new("576", Missing, ["CHILD"], y =>
        {
            var open = y.Last.Missing.Where(m => m.MisEnd.Length == 0 && m.MisStartOn is not null)
                .GroupBy(m => m.Child, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.First().MisStartOn, StringComparer.Ordinal);
            return y.Now.Missing.GroupBy(m => m.Child, StringComparer.Ordinal).Where(c => open.ContainsKey(c.Key))
                .Select(c => c.OrderBy(m => m.MisStartOn ?? DateOnly.MaxValue).ThenBy(m => m.Row).First())
                .Where(first => first.MisStartOn != open[first.Child]).Select(first => first.Row);
        }),

        // 559: a decision dated before the year must have been in a previous return.
        new("559", Placed, ["DATE_PLACED"], y => Rows(y.Now.Other(Placed), row => row.Date("DATE_PLACED") < y.Year.Start &&
            !y.PlacedLast.GetValueOrDefault(row.Child, []).Any(was => was["DATE_PLACED"].Length > 0), row => row.Row)),
        // 560: the decision last year still stood (not ceased), yet its date differs this year.
        new("560", Placed, ["DATE_PLACED", "DATE_PLACED_CEASED"], y => Rows(y.Now.Other(Placed), row => LastDecision(y, row) is { } was &&
            !Ceased(was) && was.Date("DATE_PLACED") is { } then && row.Date("DATE_PLACED") is { } now && now != then, row => row.Row)),
        // 561: last year's decision ceased, yet this year's is dated the same: a new decision has its own date.
        new("561", Placed, ["DATE_PLACED"], y => Rows(y.Now.Other(Placed), row => LastDecision(y, row) is { } was && Ceased(was) &&
            was.Date("DATE_PLACED") is { } then && row.Date("DATE_PLACED") == then, row => row.Row)),
        // 584: after last year's decision ceased, the new one cannot be dated before it (the same date is 561's).
        new("584", Placed, ["DATE_PLACED"], y => Rows(y.Now.Other(Placed), row => LastDecision(y, row) is { } was && Ceased(was) &&
            was.Date("DATE_PLACED") is { } then && row.Date("DATE_PLACED") < then, row => row.Row)),

        // 562: the first episode that began before the year continues last year's last episode, so it starts the same day.
        // A child with no episode last year is reported too (and by NoE), as the public validators read it.
        new("562", Episodes, ["DECOM"], y => y.Episodes.Values.Select(episodes => episodes[0]).Where(first => first.DecomOn < y.Year.Start &&
            y.EpisodesLast.GetValueOrDefault(first.Child)?[^1].DecomOn != first.DecomOn).Select(first => first.Row)),
        // 624: the first child's date of birth, given both years, is the same.
        new("624", Header, ["MC_DOB"], y => Differs(y, h => h.McDobOn, h => h.McDobOn, bothGiven: true)),
        // 626: a mother whose first child was born before the year was a mother last year too (not recorded 0 then).
        new("626", Header, ["MOTHER", "MC_DOB"], y => Rows(y.Now.Header, h => h.Mother == "1" && h.McDobOn < y.Year.Start &&
            y.HeaderLast.GetValueOrDefault(h.Child)?.Mother == "0", h => h.Row)),

        // 1001: care leaver information is for a relevant or former relevant child: looked after (not on short breaks) for
        // at least 13 weeks since the 14th birthday and on or after the 16th, in the episodes of this year and last.
        new("1001", Oc3, ["IN_TOUCH", "ACTIV", "ACCOM"], y => Rows(y.Now.Other(Oc3), row => CareLeaverInformation(row) &&
            y.Header.GetValueOrDefault(row.Child)?.DobOn is { } dob && !RelevantChild(y, row.Child, dob), row => row.Row)),
        // 1002: care leaver information for a child with no episode in either year.
        new("1002", Oc3, ["IN_TOUCH", "ACTIV", "ACCOM"], y => Rows(y.Now.Other(Oc3), row => CareLeaverInformation(row) &&
            !y.Episodes.ContainsKey(row.Child) && !y.EpisodesLast.ContainsKey(row.Child), row => row.Row)),
        // 1010: a child whose care was open at the end of last year has episodes this year before care leaver information.
        new("1010", Oc3, ["IN_TOUCH", "ACTIV", "ACCOM"], y => Rows(y.Now.Other(Oc3), row => CareLeaverInformation(row) &&
            y.OpenAtEndOfLastYear(row.Child) is not null && !y.Episodes.ContainsKey(row.Child), row => row.Row)),

        // NoE: every episode that began before the year needs the child's episodes of last year.
        new("NoE", Episodes, ["DECOM"], y => Rows(y.Now.Episodes, e => e.DecomOn < y.Year.Start && !y.EpisodesLast.ContainsKey(e.Child), e => e.Row)),
    ];

    // Each rule's tables as the DfE list names them; read when first needed, as the list itself reads which codes are checked.
    private static readonly Lazy<Dictionary<string, IReadOnlyList<string>>> TablesOf =
        new(() => RuleList.All.ToDictionary(rule => rule.Code, rule => rule.Tables, StringComparer.Ordinal));

    /// <summary>The findings of every rule whose tables are all held, this year's and last year's.</summary>
    public static IEnumerable<Finding> Check(ReturnData data, CollectionYear year)
    {
        if (data.Last is not { } last) yield break;
        var pair = new YearOnYear(data, last, year);
        foreach (var rule in All)
        {
            if (!TablesOf.Value[rule.Code].All(data.Holds)) continue;
            foreach (var row in rule.Rows(pair)) yield return new Finding(rule.Code, rule.Table, row, rule.Fields);
        }
    }

    private static IEnumerable<int> Rows<T>(IEnumerable<T> rows, Func<T, bool> breaks, Func<T, int> row) => rows.Where(breaks).Select(row);

    private static IEnumerable<int> Differs<T>(YearOnYear y, Func<HeaderRow, T> now, Func<HeaderRow, T> last, bool bothGiven = false) =>
        Rows(y.Now.Header, h => y.HeaderLast.GetValueOrDefault(h.Child) is { } was && now(h) is var value && last(was) is var then &&
            !(bothGiven && (IsBlank(value) || IsBlank(then))) && !EqualityComparer<T>.Default.Equals(value, then), h => h.Row);

    private static bool IsBlank<T>(T value) => value is null || value is "";

    private static string Sex(string code) => code switch { "1" => "M", "2" => "F", _ => code };

    private static bool IsRealUpn(string upn) => upn.Length > 0 && !upn.StartsWith("UN", StringComparison.Ordinal);

    /// <summary>503A-F and 502: the child's first episode this year against last year's last episode, when that one was still open.</summary>
    private static IEnumerable<int> FirstAgainstOpen(YearOnYear y, Func<EpisodeRow, EpisodeRow, bool> differs) =>
        y.Episodes.Values.Select(episodes => episodes[0])
            .Where(first => y.OpenAtEndOfLastYear(first.Child) is { } open && differs(first, open)).Select(first => first.Row);

    /// <summary>The child's latest decision of last year (by its date).</summary>
    private static OtherRow? LastDecision(YearOnYear y, OtherRow row) =>
        y.PlacedLast.TryGetValue(row.Child, out var rows) ? rows.OrderBy(was => was.Date("DATE_PLACED")).ThenBy(was => was.Row).Last() : null;

    private static bool Ceased(OtherRow decision) => decision["DATE_PLACED_CEASED"].Length > 0 || decision["REASON_PLACED_CEASED"].Length > 0;

    private static bool CareLeaverInformation(OtherRow row) => OtherTableRules.Oc3Items.Any(item => row[item].Length > 0);

    private static bool RelevantChild(YearOnYear y, string child, DateOnly dob)
    {
        var from14 = dob.AddYears(14);
        var from16 = dob.AddYears(16);
        var days = 0;
        var after16 = false;
        foreach (var episode in y.EpisodesLast.GetValueOrDefault(child, []).Concat(y.Episodes.GetValueOrDefault(child, [])))
        {
            if (CodeLists.IsShortBreak(episode.Ls) || episode.DecomOn is not { } began) continue;
            var ended = episode.DecOn ?? y.Year.End;
            var start = began > from14 ? began : from14;
            if (ended > start) days += ended.DayNumber - start.DayNumber;
            if (ended >= from16) after16 = true;
        }
        return days >= 13 * 7 && after16;
    }
}
