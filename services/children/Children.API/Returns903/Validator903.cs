namespace Children.API.Returns903;

/// <summary>
/// One broken rule: its DfE code exactly as the rule list writes it, the table (file name without <c>.csv</c>), the 0-based data row and the fields.
/// </summary>
public sealed record Finding(string Rule, string Table, int Row, IReadOnlyList<string> Fields);

/// <summary>
/// The DfE SSDA903 validation rules (2022/23 rule set) over header, episodes, reviews, missing and the other tables
/// (uasc, oc2, oc3, ad1, placed_for_adoption, previous_permanence; their one-row rules are listed in <see cref="OtherTableRules"/>). Each rule is
/// one of the list's codes, checked as its message describes; a row that breaks it is reported with the table,
/// row and fields, and nothing is dropped or changed. Pure: the return, its collection year and the reference data in force
/// (<paramref name="reference"/>, null when none is loaded: its rules then do not run) in, findings out.
/// </summary>
public sealed partial class Validator903(CollectionYear year, ReferenceData.ReferenceLists? reference = null)
{
    /// <summary>The codes this validator checks.</summary>
    public static readonly IReadOnlyList<string> RuleCodes =
    [
        "101", "102", "103", "165", "168", "171", "174", "301", "351", "442", "611", "612", "620", "621", "INT32",
        "141", "142", "143", "144", "145", "146", "147", "148", "149", "178", "1009", "213", "214",
        "302", "352", "353", "354", "355", "356", "357", "361", "362", "363", "365", "370", "371", "372", "373", "374",
        "375", "376", "378", "379", "380", "381", "382", "384", "385", "386", "387", "388", "389", "392c", "392d", "393", "398",
        "407", "431", "432", "433", "434", "435", "436", "437", "445", "446", "460", "501", "516", "526", "527", "528", "529",
        "530", "531", "550", "INT03",
        "166", "167", "440", "441", "INT08", "INT17",
        "564", "565", "566", "567", "570", "571", "574", "586", "1004", "1005", "1006", "INT04", "INT13",
        // across tables (OtherTables and Validator903.AcrossTables.cs)
        "117", "134", "185", "331", "334", "521", "187", "190", "191", "198", "215", "525", "543", "545", "551",
        "575", "577", "578", "579", "581", "582", "583",
        "628", "630", "634", "1000", "1003", "1007", "1011",
        // added for issue 17 (here and in Validator903.ShortBreaks.cs, .AdoptionOrders.cs, .HeaderRules.cs, .CareLeavers.cs, .AcrossTables.cs)
        "217", "358", "366", "390", "408", "367", "377", "426", "210", "625", "552", "553", "554", "555", "556", "557", "558", "601",
        "225", "226", "359", "209", "364", "186", "197B", "157", "1014", "383", "580", "1012", "3001", "399", "451", "523", "607",
        "335", "336", "632", "392b", "EPI",
        "118", "199", "222", "504", "602",
        .. OtherTableRules.All.Select(r => r.Code), .. OtherTableRules.OnceOnly.Values, .. LastYearRules.All.Select(r => r.Code),
        .. ReferenceDataRules.All.Select(r => r.Code),
    ];

    private static readonly ILookup<string, RowRule> RulesOfTable = OtherTableRules.All.ToLookup(r => r.Table);

    private static readonly DateOnly EarliestEpisode = new(1991, 10, 14);
    private static readonly DateOnly FreeingOrdersEnded = new(2005, 12, 30);
    private static readonly DateOnly AdoptionWithFosterCarersCoded = new(2015, 4, 1);

    private readonly List<Finding> _findings = [];

    private void Add(string rule, string table, int row, params string[] fields) => _findings.Add(new Finding(rule, table, row, fields));

    /// <summary>The INT rules of a table that repeats the child's date of birth: the child is in the header, with the same date of birth.</summary>
    private void MatchHeader(Dictionary<string, HeaderRow> header, string table, int row, string child, string dob, string notInHeader, string otherDob)
    {
        if (!header.TryGetValue(child, out var headerRow)) Add(notInHeader, table, row, "CHILD");
        else if (headerRow.Dob != dob) Add(otherDob, table, row, "DOB");
    }

    public List<Finding> Validate(ReturnData data)
    {
        _findings.Clear();
        var dobOf = new Dictionary<string, HeaderRow>(StringComparer.Ordinal);
        foreach (var h in data.Header) dobOf.TryAdd(h.Child, h);
        Header(data, dobOf);
        // Each child's dated episodes in the order they started: the sequence rules and the rules across tables read them.
        var episodesOf = data.Episodes.Where(e => e.DecomOn is not null).GroupBy(e => e.Child, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.DecomOn).ThenBy(e => e.Row).ToList(), StringComparer.Ordinal);
        Episodes(data, dobOf, episodesOf);
        Reviews(data, dobOf);
        Missing(data, dobOf);
        OtherTables(data, dobOf);
        AcrossTables(data, episodesOf);
        AdoptionOrders(data, episodesOf);
        CareLeaverRows(data, dobOf, episodesOf);
        HeaderAgainstEpisodes(data, episodesOf);
        _findings.AddRange(LastYearRules.Check(data, year));
        _findings.AddRange(ReferenceDataRules.Check(data, year, reference));
        return [.. _findings.OrderBy(f => f.Table).ThenBy(f => f.Row).ThenBy(f => f.Rule, StringComparer.Ordinal)];
    }

    private void Header(ReturnData data, Dictionary<string, HeaderRow> first)
    {
        const string t = Tables.Header;
        var sexCodes = year.SexCodedAsLetters ? CodeLists.SexLetters : CodeLists.SexNumeric;
        var male = year.SexCodedAsLetters ? "M" : "1";
        var female = year.SexCodedAsLetters ? "F" : "2";
        var lookedAfter = data.Episodes.Where(e => !CodeLists.IsShortBreak(e.Ls)).Select(e => e.Child).ToHashSet(StringComparer.Ordinal);
        // 165 on a blank MOTHER reads OC3: blank is allowed for a girl only when she has no episode starting this year and has care leaver information.
        var oc3Present = data.Present.Contains(OtherTableRules.Oc3);
        var withEpisodes = data.Episodes.Select(e => e.Child).ToHashSet(StringComparer.Ordinal);
        var startedThisYear = data.Episodes.Where(e => e.DecomOn >= year.Start && e.DecomOn <= year.End).Select(e => e.Child).ToHashSet(StringComparer.Ordinal);
        var careLeavers = OtherTableRules.CareLeavers(data);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in data.Header)
        {
            if (!seen.Add(h.Child)) Add("INT32", t, h.Row, "CHILD");
            if (!sexCodes.Contains(h.Sex)) Add("101", t, h.Row, "SEX");
            if (h.DobOn is null) Add("102", t, h.Row, "DOB");
            if (!CodeLists.Ethnicity.Contains(h.Ethnic)) Add("103", t, h.Row, "ETHNIC");
            if (h.Upn.Length == 0) Add("442", t, h.Row, "UPN");
            else if (!CodeLists.IsUpn(h.Upn)) Add("168", t, h.Row, "UPN");
            if (h.McDob.Length > 0 && h.McDobOn is null) Add("171", t, h.Row, "MC_DOB");
            if (h.McDob.Length > 0 && h.Sex == male) Add("174", t, h.Row, "SEX", "MC_DOB");
            if (h.DobOn is { } dob)
            {
                if (dob > year.End) Add("301", t, h.Row, "DOB");
                if (CodeLists.Age(dob, year.Start) > 25) Add("351", t, h.Row, "DOB");
                if (h.Mother == "1" && CodeLists.Age(dob, year.End) < 11) Add("620", t, h.Row, "DOB", "MOTHER");
                if (h.McDobOn is { } mc && mc < dob) Add("621", t, h.Row, "DOB", "MC_DOB");
            }
            if (h.Mother == "1" && h.McDob.Length == 0) Add("611", t, h.Row, "MOTHER", "MC_DOB");
            // MOTHER is 0, 1 or blank: anything else (1.0 is not 1) is an invalid value, and no other rule reads it as 0 or 1.
            if (h.Mother.Length > 0 && h.Mother is not ("0" or "1")) Add("165", t, h.Row, "MOTHER");
            else if (h.Mother.Length == 0 && h.Sex == female && oc3Present && withEpisodes.Contains(h.Child) &&
                     (startedThisYear.Contains(h.Child) || !careLeavers.Contains(h.Child)))
                Add("165", t, h.Row, "MOTHER");
            // A girl whose mother field says she is not a mother (0, or left blank) but whose child's date of birth is given.
            if (h.McDob.Length > 0 && h.Sex == female && h.Mother is "0" or "") Add("612", t, h.Row, "SEX", "MOTHER", "MC_DOB");
            // A girl looked after (not only on short breaks) must have the mother field completed, at any age: the DfE names none.
            if (h.Sex == female && h.Mother.Length == 0 && lookedAfter.Contains(h.Child)) Add("393", t, h.Row, "MOTHER");
        }
    }

    private void Episodes(ReturnData data, Dictionary<string, HeaderRow> header, Dictionary<string, List<EpisodeRow>> episodesOf)
    {
        const string t = Tables.Episodes;
        var checkChildren = data.Present.Contains(Tables.Header);
        foreach (var e in data.Episodes)
        {
            if (checkChildren && !header.ContainsKey(e.Child)) Add("INT03", t, e.Row, "CHILD");
            if (e.DecomOn is null) Add("141", t, e.Row, "DECOM");
            if (!CodeLists.ReasonNewEpisode.Contains(e.Rne)) Add("143", t, e.Row, "RNE");
            if (!CodeLists.LegalStatus.Contains(e.Ls)) Add("144", t, e.Row, "LS");
            if (!CodeLists.CategoryOfNeed.Contains(e.Cin)) Add("145", t, e.Row, "CIN");
            if (!CodeLists.Placement.Contains(e.Place)) Add("146", t, e.Row, "PLACE");
            if (e.Dec.Length > 0 && e.DecOn is null) Add("147", t, e.Row, "DEC");
            if ((e.Dec.Length == 0) != (e.Rec.Length == 0)) Add("148", t, e.Row, "DEC", "REC");
            if (e.Rec.Length > 0 && !CodeLists.ReasonEpisodeCeased.Contains(e.Rec)) Add("149", t, e.Row, "REC");
            if (e.PlaceProvider.Length > 0 && !CodeLists.Provider.Contains(e.PlaceProvider)) Add("178", t, e.Row, "PLACE_PROVIDER");
            if (e.ReasonPlaceChange.Length > 0 && !CodeLists.ReasonPlaceChange.Contains(e.ReasonPlaceChange)) Add("1009", t, e.Row, "REASON_PLACE_CHANGE");

            var noLocation = CodeLists.IsTemporary(e.Place) || e.Place == "Z1";
            if (noLocation && e.PlaceProvider.Length > 0) Add("213", t, e.Row, "PLACE_PROVIDER");
            if (noLocation && (e.PlPost.Length > 0 || e.Urn.Length > 0)) Add("214", t, e.Row, "PL_POST", "URN");
            // 222: placements Ofsted does not register (parents, independent living, residential employment, CQC homes, hospitals,
            // young offender institutions, semi-independent living, temporary, other) have no URN; XXXXXXX says there is none.
            // The codes as the DfE lists them: an invalid code (T9) is 146's alone.
            if (ReferenceDataRules.HasUrn(e) && CodeLists.PlacementsWithoutUrn.Contains(e.Place)) Add("222", t, e.Row, "URN");
            if (!noLocation && CodeLists.Placement.Contains(e.Place) && e.PlaceProvider.Length == 0) Add("526", t, e.Row, "PLACE", "PLACE_PROVIDER");
            switch (e.PlaceProvider)
            {
                case "PR0" when e.Place != "P1": Add("550", t, e.Row, "PLACE", "PLACE_PROVIDER"); break;
                case "PR1" when e.Place is "P1" or "R2" or "R5": Add("527", t, e.Row, "PLACE", "PLACE_PROVIDER"); break;
                case "PR2" when e.Place is "P1" or "R2" or "R5": Add("528", t, e.Row, "PLACE", "PLACE_PROVIDER"); break;
                case "PR3" when e.Place is "P1" or "K1" or "K2" || CodeLists.IsAdoption(e.Place) || CodeLists.IsFoster(e.Place):
                    Add("529", t, e.Row, "PLACE", "PLACE_PROVIDER");
                    break;
                case "PR4" when e.Place == "P1": Add("530", t, e.Row, "PLACE", "PLACE_PROVIDER"); break;
                case "PR5" when e.Place == "P1": Add("531", t, e.Row, "PLACE", "PLACE_PROVIDER"); break;
            }

            if ((e.HomePost.Length > 0 && !CodeLists.IsPostcode(e.HomePost)) || (e.PlPost.Length > 0 && !CodeLists.IsPostcode(e.PlPost)))
                Add("392c", t, e.Row, "HOME_POST", "PL_POST");
            if (e.HomePost.Length > 0 && e.HomePost == e.PlPost && e.Place != "P1") Add("392d", t, e.Row, "HOME_POST", "PL_POST", "PLACE");
            if (CodeLists.IsShortBreak(e.Ls) && (e.HomePost.Length > 0 || e.PlPost.Length > 0)) Add("398", t, e.Row, "LS", "HOME_POST", "PL_POST");
            if (e.Place == "P1" && e.Ls == "V2") Add("378", t, e.Row, "PLACE", "LS");
            if (CodeLists.IsShortBreak(e.Ls) && CodeLists.IsTemporary(e.Place)) Add("382", t, e.Row, "LS", "PLACE");
            if (CodeLists.IsShortBreak(e.Ls) && e.Place is "U1" or "U4") Add("384", t, e.Row, "PLACE", "LS");
            if (e.Rne == "S" && CodeLists.IsTemporary(e.Place)) Add("380", t, e.Row, "PLACE", "RNE");
            if (e.Rec.Length > 0 && e.Rec != "X1" && CodeLists.IsTemporary(e.Place)) Add("381", t, e.Row, "PLACE", "REC");
            if (e.Rec is "E45" or "E46" && !CodeLists.IsFoster(e.Place)) Add("516", t, e.Row, "REC", "PLACE");
            // Placed for adoption with the current foster carers (A3, A5) from 1 April 2015 starts care (S) or changes carer status (T, U).
            if (e.Place is "A3" or "A5" && e.DecomOn >= AdoptionWithFosterCarersCoded && e.Rne is not ("S" or "T" or "U"))
                Add("217", t, e.Row, "PLACE", "DECOM", "RNE");
            if (e.Rec is "E11" or "E12" && !CodeLists.IsAdoption(e.Place)) Add("390", t, e.Row, "PLACE", "REC");
            // A5 and A6 are placements for adoption under a placement order: the legal status is that order (E1). A freeing
            // order (D1) is not one, as the DfE's own check reads it.
            if (e.Place is "A5" or "A6" && e.Ls != "E1") Add("408", t, e.Row, "PLACE", "LS");
            // A respite break is one placement: a V3 episode always starts one, never continues another.
            if (e.Ls == "V3" && e.Rne != "S") Add("366", t, e.Row, "RNE");
            if (CodeLists.IsTemporary(e.Place) && e.ReasonPlaceChange.Length > 0) Add("226", t, e.Row, "REASON_PLACE_CHANGE", "PLACE");
            // Still freed for adoption (D1, the episode open): freeing orders ended in 2005.
            if (e.Ls == "D1" && e.Dec.Length == 0 && e.Rec.Length == 0) Add("451", t, e.Row, "DEC", "REC", "LS");

            if (e.DecomOn is { } start)
            {
                if (start < EarliestEpisode) Add("353", t, e.Row, "DECOM");
                if (start > year.End) Add("354", t, e.Row, "DECOM");
                if (e.Ls == "D1" && start > FreeingOrdersEnded) Add("445", t, e.Row, "LS", "DECOM");
                if (e.Ls == "E1" && start < FreeingOrdersEnded) Add("446", t, e.Row, "LS", "DECOM");
                if (e.DecOn is { } end)
                {
                    var days = end.DayNumber - start.DayNumber;
                    if (days < 0) Add("356", t, e.Row, "DECOM");
                    else if (days == 0) Add("355", t, e.Row, "DECOM", "DEC");
                    if (e.Place == "T1" && days > 42) Add("375", t, e.Row, "DECOM", "PLACE");
                    if (e.Place == "T3" && days > 21) Add("376", t, e.Row, "DECOM", "PLACE");
                    if (e.Place == "T4" && days > 7) Add("379", t, e.Row, "DECOM", "PLACE");
                }
            }
            if (e.DecOn is { } ended && ended > year.End) Add("385", t, e.Row, "DEC");

            if (header.TryGetValue(e.Child, out var child) && child.DobOn is { } dob)
            {
                if (e.DecomOn is { } began)
                {
                    var age = CodeLists.Age(dob, began);
                    if (e.Rne == "S" && age >= 18) Add("352", t, e.Row, "DECOM", "RNE");
                    if (e.Place == "P2" && age < 15) Add("370", t, e.Row, "DECOM", "PLACE");
                    if (e.Place == "H5" && age < 14) Add("371", t, e.Row, "DECOM", "PLACE");
                    if (e.Place == "R5" && age < 10) Add("372", t, e.Row, "DECOM", "PLACE");
                    if (e.Place == "S1" && age < 4) Add("373", t, e.Row, "DECOM", "PLACE");
                    if (e.Place == "P3" && age < 14) Add("374", t, e.Row, "DECOM", "PLACE");
                    if (e.Ls is "J1" or "J2" or "J3" && age < 10) Add("358", t, e.Row, "DECOM", "DOB", "LS");
                }
                // 359: looked after past the 18th birthday (reached before 31 March, the episode still open) only under
                // section 20(5) (V2) in a community home (K2).
                if (e.Dec.Length == 0 && dob.AddYears(18) < year.End && !(e.Ls == "V2" && e.Place == "K2")) Add("359", t, e.Row, "DEC", "LS", "PLACE");
                if (e.DecOn is { } ceased)
                {
                    var age = CodeLists.Age(dob, ceased);
                    if (e.Rec is "E11" or "E12" && age >= 18) Add("386", t, e.Row, "REC");
                    if (e.Rec is "E5" or "E6" && age < 14) Add("387", t, e.Row, "REC");
                    if (e.Rec == "E7" && age < 16) Add("389", t, e.Row, "REC");
                    if (e.Rec is "E45" or "E46" or "E47" or "E48" && age >= 18) Add("407", t, e.Row, "DEC", "REC");
                    if (e.Rec == "E17" && age < 18) Add("460", t, e.Row, "DEC", "REC");
                }
            }
        }

        // 199 holds this year's episodes against last year's adoptions as well, when the import has last year's episodes.
        var adoptedLastYear = data.Last?.Episodes.Where(e => e.Rec is "E11" or "E12" && e.DecomOn is not null)
            .ToLookup(e => e.Child, e => e.DecomOn!.Value, StringComparer.Ordinal);
        // Sequence rules: each child's episodes in the order they started.
        foreach (var (childId, episodes) in episodesOf)
        {
            var first = episodes[0];
            // The first episode ever must start a period of care; one that started before 1 April belongs to an earlier
            // return, so the first in this file is the first ever only when it started in the collection year.
            if (first.Rne != "S" && first.DecomOn >= year.Start) Add("357", t, first.Row, "RNE");
            StatusPeriods(episodes);
            AdoptedBefore(episodes, adoptedLastYear?[childId] ?? []);
            ShortBreaksAndHolidays(episodes);
            if (header.TryGetValue(childId, out var h) && h.DobOn is { } dob && first.DecomOn < dob) Add("302", t, first.Row, "DECOM", "DOB");
            for (var i = 0; i < episodes.Count; i++)
            {
                var e = episodes[i];
                var next = i + 1 < episodes.Count ? episodes[i + 1] : null;
                if (next is null)
                {
                    if (e.Rec == "X1") Add("388", t, e.Row, "REC");
                    continue;
                }
                if (e.Dec.Length == 0) Add("142", t, e.Row, "DEC", "REC");
                // 225: a change of placement (X1, then P, B, T or U into a placement that is not temporary) needs its reason.
                if (e.Rec == "X1" && e.ReasonPlaceChange.Length == 0 && !CodeLists.IsTemporary(e.Place) &&
                    next.Rne is "P" or "B" or "T" or "U" && !CodeLists.IsTemporary(next.Place))
                    Add("225", t, e.Row, "REASON_PLACE_CHANGE");
                // 336: placed for adoption with the current foster carers (A3, A5) straight from foster care (U1-U6) or an
                // earlier placement for adoption. The DfE's check names A3 and A4; A5, not A4, is "with current foster carers".
                if (next.Place is "A3" or "A5" && !CodeLists.IsFoster(e.Place) && !CodeLists.IsAdoption(e.Place)) Add("336", t, next.Row, "PLACE");
                // 383: after temporary placements (T0-T4) within one period of care the child goes back to the placement they
                // left for them: the same type at the same postcode.
                var before = i - 1;
                while (before >= 0 && CodeLists.IsTemporary(episodes[before].Place)) before--;
                if (before >= 0 && CodeLists.IsTemporary(e.Place) && e.Rne != "S" && next.Rne != "S" && !CodeLists.IsTemporary(next.Place) &&
                    (next.Place, next.PlPost) != (episodes[before].Place, episodes[before].PlPost))
                    Add("383", t, next.Row, "PLACE");
                // 226: no reason is given for a temporary placement, in it or in the episode it followed (once per placement).
                if (CodeLists.IsTemporary(next.Place) && next.ReasonPlaceChange.Length == 0 && e.ReasonPlaceChange.Length > 0)
                    Add("226", t, next.Row, "REASON_PLACE_CHANGE", "PLACE");
                if (e.Rec is "E2" or "E15") Add("437", t, e.Row, "REC");
                var continuation = next.Rne != "S";
                if (e.DecOn is { } ended)
                {
                    if (next.DecomOn < ended) Add("501", t, next.Row, "DECOM", "DEC");
                    if (!continuation && next.DecomOn == ended) Add("431", t, next.Row, "RNE", "DECOM");
                }
                // 504: a change of placement (the previous episode ended X1 the day this began) keeps the category of need that
                // the period of care began with; compared link by link, the first episode that changes it is reported.
                if (e.Rec == "X1" && e.DecOn is { } moved && next.DecomOn == moved && next.Cin != e.Cin) Add("504", t, next.Row, "CIN");
                if (!continuation) continue;
                // A continuation is compared with the previous episode as it stands, even when that one is still open or
                // ended with a gap: an open episode has not finished, so nothing starts on the day it finished.
                if (next.DecomOn != e.DecOn) Add("433", t, next.Row, "RNE", "DECOM");
                if (e.Rec.Length > 0 && e.Rec != "X1") Add("432", t, next.Row, "RNE");
                var legalChanged = next.Ls != e.Ls;
                var placementChanged = next.PlacementKey != e.PlacementKey;
                switch (next.Rne)
                {
                    case "L" when !legalChanged || placementChanged:
                        Add("434", t, next.Row, "RNE", "LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"); break;
                    // T is a change of placement with the same carers: a placement change only, like P.
                    case "P" or "T" when legalChanged || !placementChanged:
                        Add("435", t, next.Row, "LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"); break;
                    case "B" or "U" when !legalChanged || !placementChanged:
                        Add("436", t, next.Row, "RNE", "LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"); break;
                }
            }
        }
    }

    /// <summary>
    /// 199: a child adopted from care (an episode ended E11 or E12) is not looked after again, nor adopted again: every episode
    /// that began after an adoption episode began, this year's or last year's, is reported. The adoption episode itself is not.
    /// </summary>
    private void AdoptedBefore(List<EpisodeRow> episodes, IEnumerable<DateOnly> adoptionsLastYear)
    {
        var adoptions = 0;
        var earliestLastYear = adoptionsLastYear.DefaultIfEmpty(DateOnly.MaxValue).Min();
        foreach (var e in episodes)
        {
            if (adoptions > 0 || earliestLastYear < e.DecomOn) Add("199", Tables.Episodes, e.Row, "CHILD");
            if (e.Rec is "E11" or "E12") adoptions++;
        }
    }

    /// <summary>The legal statuses the Children Act limits in time, and the rule for each: (code, longest in days, fields).</summary>
    private static readonly Dictionary<string, (string Rule, int Days, string[] Fields)> TimeLimitedStatus = new()
    {
        ["L1"] = ("361", 3, ["DECOM", "LS", "DEC"]), // police protection, 72 hours
        ["L2"] = ("362", 21, ["DECOM", "LS", "DEC"]), // emergency protection order
        ["L3"] = ("363", 7, ["LS", "DECOM", "DEC"]), // child assessment order
        ["V3"] = ("365", 17, ["LS", "DECOM", "DEC"]), // a short-term respite placement
        ["J2"] = ("364", 21, ["LS", "DECOM", "DEC"]), // detained under PACE, as the DfE counts it
    };

    /// <summary>
    /// 361, 362, 363, 365 over one child's episodes in order: back-to-back episodes with the same legal status are one
    /// period of it, and an episode still open at 31 March has lasted until then. Every episode of a period too long is reported.
    /// </summary>
    private void StatusPeriods(List<EpisodeRow> episodes)
    {
        var i = 0;
        while (i < episodes.Count)
        {
            var first = episodes[i];
            var last = i;
            while (last + 1 < episodes.Count && episodes[last + 1].Ls == first.Ls && episodes[last].DecOn is { } d && episodes[last + 1].DecomOn == d) last++;
            var ended = episodes[last].Dec.Length == 0 ? year.End : episodes[last].DecOn;
            if (TimeLimitedStatus.TryGetValue(first.Ls, out var limit) && ended is { } end && end.DayNumber - first.DecomOn!.Value.DayNumber > limit.Days)
                for (var k = i; k <= last; k++) Add(limit.Rule, Tables.Episodes, episodes[k].Row, limit.Fields);
            i = last + 1;
        }
    }

    private void OtherTables(ReturnData data, Dictionary<string, HeaderRow> header)
    {
        var headerPresent = data.Present.Contains(Tables.Header);
        foreach (var (table, rows) in data.Others)
        {
            var rules = RulesOfTable[table].ToList();
            OtherTableRules.OnceOnly.TryGetValue(table, out var onceOnly);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                var context = new RowContext(year, headerPresent, header.GetValueOrDefault(row.Child));
                foreach (var rule in rules)
                    if (rule.Reads.All(row.Has) && rule.Breaks(row, context)) Add(rule.Code, table, row.Row, rule.Fields);
                if (onceOnly is not null && !seen.Add(row.Child)) Add(onceOnly, table, row.Row, "CHILD");
            }
        }

        // 134: a care leaver (OC3 information given) has no adoption information; the AD1 row is the one reported.
        var careLeavers = OtherTableRules.CareLeavers(data);
        foreach (var row in data.Other(OtherTableRules.Ad1))
            if (careLeavers.Contains(row.Child) && OtherTableRules.Ad1Items.Any(f => row[f].Length > 0))
                Add("134", OtherTableRules.Ad1, row.Row, ["IN_TOUCH", "ACTIV", "ACCOM", .. OtherTableRules.Ad1Items]);
        // 215: a care leaver has none of the items for children looked after for 12 months; the OC2 row is the one reported.
        foreach (var row in data.Other(OtherTableRules.Oc2))
            if (careLeavers.Contains(row.Child) && OtherTableRules.Oc2Items.Any(f => row[f].Length > 0))
                Add("215", OtherTableRules.Oc2, row.Row, ["IN_TOUCH", "ACTIV", "ACCOM", .. OtherTableRules.Oc2Items]);
    }

    private void Reviews(ReturnData data, Dictionary<string, HeaderRow> header)
    {
        const string t = Tables.Reviews;
        var checkChildren = data.Present.Contains(Tables.Header);
        foreach (var r in data.Reviews)
        {
            if (checkChildren) MatchHeader(header, t, r.Row, r.Child, r.Dob, notInHeader: "INT08", otherDob: "INT17");
            if (r.ReviewOn is null) Add("166", t, r.Row, "REVIEW");
            if (!CodeLists.ReviewParticipation.Contains(r.ReviewCode)) Add("167", t, r.Row, "REVIEW_CODE");
            if (r.DobOn is { } dob && r.ReviewOn is { } on)
            {
                var age = CodeLists.Age(dob, on);
                if (r.ReviewCode == "PN0" && age >= 4) Add("440", t, r.Row, "DOB", "REVIEW", "REVIEW_CODE");
                if (r.ReviewCode.Length == 3 && r.ReviewCode != "PN0" && CodeLists.ReviewParticipation.Contains(r.ReviewCode) && age < 4)
                    Add("441", t, r.Row, "DOB", "REVIEW", "REVIEW_CODE");
            }
        }
    }

    private void Missing(ReturnData data, Dictionary<string, HeaderRow> header)
    {
        const string t = Tables.Missing;
        var checkChildren = data.Present.Contains(Tables.Header);
        foreach (var m in data.Missing)
        {
            if (checkChildren) MatchHeader(header, t, m.Row, m.Child, m.Dob, notInHeader: "INT04", otherDob: "INT13");
            if (m.Missing.Length > 0 && !CodeLists.MissingType.Contains(m.Missing)) Add("1006", t, m.Row, "MISSING");
            if (m.MisStart.Length > 0 && m.MisStartOn is null) Add("1004", t, m.Row, "MIS_START");
            if (m.MisEnd.Length > 0 && m.MisEndOn is null) Add("1005", t, m.Row, "MIS_END");
            if (m.Missing.Length > 0 && m.MisStart.Length == 0) Add("564", t, m.Row, "MISSING", "MIS_START");
            if (m.MisStart.Length > 0 && m.Missing.Length == 0) Add("565", t, m.Row, "MISSING", "MIS_START");
            if (m.MisEnd.Length > 0 && m.Missing.Length == 0) Add("566", t, m.Row, "MISSING", "MIS_END");
            if (m.MisStartOn is { } start)
            {
                if (m.MisEndOn is { } end && end < start) Add("567", t, m.Row, "MIS_START", "MIS_END");
                if (start > year.End) Add("570", t, m.Row, "MIS_START");
                if (m.DobOn is { } dob && start < dob) Add("586", t, m.Row, "MIS_START");
            }
            if (m.MisEndOn is { } ended && (ended < year.Start || ended > year.End)) Add("571", t, m.Row, "MIS_END");
        }
        foreach (var child in data.Missing.Where(m => m.MisStartOn is not null).GroupBy(m => m.Child, StringComparer.Ordinal))
        {
            var periods = child.OrderBy(m => m.MisStartOn).ThenBy(m => m.Row).ToList();
            for (var i = 1; i < periods.Count; i++)
            {
                var previous = periods[i - 1];
                if (previous.MisEndOn is not { } end || periods[i].MisStartOn < end)
                    Add("574", t, periods[i].Row, "MIS_START", "MIS_END");
            }
        }
    }
}
