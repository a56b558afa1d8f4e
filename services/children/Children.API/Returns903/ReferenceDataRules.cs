using Children.API.ReferenceData;

namespace Children.API.Returns903;

/// <summary>
/// One DfE rule that reads reference data besides the return: the postcode lookup (<see cref="ReferenceDataRules.Postcodes"/>,
/// for the derived columns <c>PL_LA</c>, <c>PL_LOCATION</c>, <c>PL_DISTANCE</c>) or Ofsted's provider list
/// (<see cref="ReferenceDataRules.ProviderInfo"/>). It runs only when that reference data is loaded and every table the DfE list
/// names for it is held; otherwise it is reported as not run, never as passed.
/// </summary>
public sealed record ReferenceRule(string Code, string Table, string[] Fields, string Reads, Func<ReferenceCheck, IEnumerable<int>> Rows);

/// <summary>
/// What the rules over reference data read: the return, the collection year, the reference lists in force, each episode's
/// derived placement columns (found once), and the children recorded as unaccompanied asylum seekers this year or last.
/// </summary>
public sealed class ReferenceCheck(ReturnData data, CollectionYear year, ReferenceLists lists)
{
    private readonly Dictionary<EpisodeRow, DerivedPlacement> _derived = new(ReferenceEqualityComparer.Instance);
    private HashSet<string>? _uasc;
    private YearOnYear? _pair;

    public ReturnData Data => data;
    public CollectionYear Year => year;
    public ReferenceLists Lists => lists;

    /// <summary>This year's and last year's returns side by side (only read by rules whose tables include last year's).</summary>
    public YearOnYear Pair => _pair ??= new YearOnYear(data, data.Last ?? new ReturnData(), year);

    /// <summary>An episode's <c>PL_LA</c>, <c>PL_LOCATION</c> and <c>PL_DISTANCE</c>, through the postcode lookup.</summary>
    public DerivedPlacement Derived(EpisodeRow episode)
    {
        if (!_derived.TryGetValue(episode, out var derived)) _derived[episode] = derived = lists.Derive(episode.HomePost, episode.PlPost);
        return derived;
    }

    /// <summary>
    /// Whether a child is or was an unaccompanied asylum seeker as far as the loaded files show: a row in uasc this year or last
    /// (the DfE's note: children formerly UASC but not in the files give false positives).
    /// </summary>
    public bool Uasc(string child) => (_uasc ??= data.Other(OtherTableRules.Uasc).Concat(data.Last?.Other(OtherTableRules.Uasc) ?? [])
        .Select(row => row.Child).ToHashSet(StringComparer.Ordinal)).Contains(child);

    /// <summary>The rows of this year's episodes that <paramref name="breaks"/> holds for.</summary>
    public IEnumerable<int> Episodes(Func<EpisodeRow, bool> breaks) => data.Episodes.Where(breaks).Select(episode => episode.Row);

    /// <summary>The rows of this year's episodes with a URN the provider list holds, where <paramref name="breaks"/> holds.</summary>
    public IEnumerable<int> Placements(Func<EpisodeRow, Provider, bool> breaks) =>
        data.Episodes.Where(episode => ReferenceDataRules.HasUrn(episode) && lists.ProviderOf(episode.Urn) is { } provider && breaks(episode, provider))
            .Select(episode => episode.Row);
}

/// <summary>
/// The rules over reference data, one entry per rule. The readings taken where the DfE text leaves a choice are in the comment
/// beside each rule; the DfE's guidance and the public validators were read to check them, the code is ours.
/// </summary>
public static class ReferenceDataRules
{
    /// <summary>The reference data a rule reads: the postcode lookup, or Ofsted's provider list (as the DfE list names the table).</summary>
    public const string Postcodes = "postcodes", ProviderInfo = "provider_info";

    /// <summary>Why a rule over reference data did not run when none of its kind was in force.</summary>
    public static string NotLoaded(string reads) => reads == Postcodes
        ? "no reference data loaded: no postcode lookup dated on or before the day the import was validated as at (its day, or 31 March " +
          "for a year already over; upload one to /api/903/reference/postcodes)"
        : "no reference data loaded: no Ofsted provider list dated on or before the day the import was validated as at (its day, or 31 " +
          "March for a year already over; upload one to /api/903/reference/providers)";

    /// <summary>
    /// 179 and 411 check <c>PL_LOCATION</c> as an XML return records it. Here it is derived from <c>PL_LA</c> (<c>IN</c> when
    /// it is the council's own code, <c>OUT</c> otherwise): always a valid code that agrees with <c>PL_LA</c>, so there is nothing to check.
    /// </summary>
    public const string LocationDerived = "not applicable here: PL_LOCATION is derived from PL_LA through the postcode lookup (IN for the " +
                                          "council's own code, OUT otherwise), so it is always a valid code that agrees with PL_LA";

    private const string Episodes = Tables.Episodes;

    /// <summary>Every rule here, in the rule list's order.</summary>
    public static readonly IReadOnlyList<ReferenceRule> All =
    [
        // 164 "Distance is not valid. Please check a valid postcode has been entered": both postcodes are given (a blank one is
        // 392a's) but no distance can be derived from them, or it is over 999.9 miles. Not for short breaks or UASC children.
        new("164", Episodes, ["PL_DISTANCE"], Postcodes, c => c.Episodes(e => DistanceExpected(c, e) && e.HomePost.Length > 0 && e.PlPost.Length > 0 &&
            c.Derived(e).PlDistance is not (>= 0m and <= 999.9m))),
        // 169 "LA of placement is not valid or is missing. Please check a valid postcode has been entered": the placement postcode
        // is given but the lookup gives no local authority for it. Short breaks (V3, V4) record no placement LA (420).
        new("169", Episodes, ["PL_LA"], Postcodes, c => c.Episodes(e => !CodeLists.IsShortBreak(e.Ls) && e.PlPost.Length > 0 && c.Derived(e).PlLa is null)),
        // 218 "Ofsted Unique reference number (URN) is required", as the DfE's guidance and its check read it: a placement Ofsted
        // registers, or whose provider it registers (placed for adoption: the adoption agency's URN; foster care: the fostering
        // service's), that ended on or after 1 April or is still open, with the URN blank (XXXXXXX answers that none applies).
        // Not where the lookup places it outside England (no Ofsted registration there); a blank or unknown postcode is no sign
        // of that. An invalid placement code or end date is 146's or 147's.
        new("218", Episodes, ["URN"], Postcodes, c => c.Episodes(e => e.Urn.Length == 0 && CodeLists.Placement.Contains(e.Place) &&
            !CodeLists.PlacementsWithoutUrn.Contains(e.Place) && (e.Dec.Length == 0 || e.DecOn >= c.Year.Start) && !OutsideEngland(c.Derived(e).PlLa))),
        // 219 "The URN provided for the child's placement does not match the placement type recorded": the placement type is not
        // one the provider's registration allows (PLACE_CODES of the list).
        new("219", Episodes, ["URN", "PLACE"], ProviderInfo, c => c.Placements((e, p) => !p.PlaceCodes.Contains(e.Place))),
        // 221 "The URN ... does not match the placement postcode provided": the provider's postcode, in the 903's sector form, is
        // not the placement's. As the DfE checks it, only for placements at the provider's own address (K1, K2, R3, S1), not on
        // short breaks: a fostering service's or adoption agency's office is not the carers' home. A blank postcode is another rule's.
        new("221", Episodes, ["PL_POST"], ProviderInfo, c => c.Placements((e, p) => e.Place is "K1" or "K2" or "R3" or "S1" &&
            !CodeLists.IsShortBreak(e.Ls) && e.PlPost.Length > 0 && ReferenceLists.Sector(e.PlPost) != ReferenceLists.Sector(p.Postcode))),
        // 224 "The URN ... does not match the placement provider recorded": PLACE_PROVIDER is not one the list gives the URN.
        new("224", Episodes, ["PLACE_PROVIDER"], ProviderInfo, c => c.Placements((e, p) => !p.ProviderCodes.Contains(e.PlaceProvider))),
        // 227 "URN is not valid for the episode start date": the episode began before the provider was registered or after it ceased.
        new("227", Episodes, ["URN", "DECOM"], ProviderInfo, c => c.Placements((e, p) => e.DecomOn is { } began &&
            (began < p.Registered || began > p.Ceased))),
        // 228 "URN is not valid for the episode end date [NOTE: may give false positives on open episodes at providers who close
        // during the year]": the episode ended, or is still open at 31 March, after the provider ceased.
        new("228", Episodes, ["URN", "DEC"], ProviderInfo, c => c.Placements((e, p) => p.Ceased is { } ceased && (e.DecOn ?? c.Year.End) > ceased)),
        // 229 "Placement provider does not match between the placing authority and the local authority code of the provider":
        // PR1 (own provision) at a provider in another authority, or PR2 (another LA's provision) at one in the council's own.
        new("229", Episodes, ["URN", "PLACE_PROVIDER"], ProviderInfo, c => c.Placements((e, p) =>
            (e.PlaceProvider == "PR1" && p.La != c.Lists.OwnLa) || (e.PlaceProvider == "PR2" && p.La == c.Lists.OwnLa))),
        // 392a "Child is looked after but no distance is recorded": a placement that has a location (not temporary, not Z1) with
        // the home or placement postcode blank, so no distance can be derived. Not for short breaks or UASC children.
        new("392a", Episodes, ["PL_DISTANCE"], Postcodes, c => c.Episodes(e => DistanceExpected(c, e) && !NoLocation(e.Place) &&
            (e.HomePost.Length == 0 || e.PlPost.Length == 0))),
        // 406 "Child is UASC or was formerly UASC. Distance should be blank": a distance is derived for such a child.
        new("406", Episodes, ["PL_DISTANCE"], Postcodes, c => c.Episodes(e => c.Uasc(e.Child) && c.Derived(e).PlDistance is not null)),
        // 420 "LA of placement completed but child is looked after under legal status V3 or V4".
        new("420", Episodes, ["PL_LA"], Postcodes, c => c.Episodes(e => CodeLists.IsShortBreak(e.Ls) && c.Derived(e).PlLa is not null)),
        // 452, 453: the child's first episode this year began before 1 April, so it is last year's last episode carried on: its
        // placement LA and distance are the same (a distance to the tenth of a mile, as derived).
        new("452", Episodes, ["PL_LA"], Postcodes, c => CarriedOn(c, (now, last) => c.Derived(now).PlLa != c.Derived(last).PlLa)),
        new("453", Episodes, ["PL_DISTANCE"], Postcodes, c => CarriedOn(c, (now, last) => c.Derived(now).PlDistance != c.Derived(last).PlDistance)),
        // 503G, 503H, 503J: last year's last episode was open at 31 March; this year's first episode continues it, with the same
        // distance, placement LA and placement location.
        new("503G", Episodes, ["PL_DISTANCE"], Postcodes, c => ContinuesOpen(c, (now, open) => c.Derived(now).PlDistance != c.Derived(open).PlDistance)),
        new("503H", Episodes, ["PL_LA"], Postcodes, c => ContinuesOpen(c, (now, open) => c.Derived(now).PlLa != c.Derived(open).PlLa)),
        new("503J", Episodes, ["PL_LOCATION"], Postcodes, c => ContinuesOpen(c, (now, open) => c.Derived(now).PlLocation != c.Derived(open).PlLocation)),
        // 1008 "Ofsted URN is not valid": a URN given (XXXXXXX records that there is none) that the provider list does not hold.
        new("1008", Episodes, ["URN"], ProviderInfo, c => c.Episodes(e => HasUrn(e) && c.Lists.ProviderOf(e.Urn) is null)),
        // 1015 "Placement provider is own provision but child not placed in own LA": PR1 with a placement LA not the council's. The
        // council's own foster carers and adopters (U1-U6, A3-A6) may live beyond its boundary, as the public validators read it.
        new("1015", Episodes, ["PL_LA"], Postcodes, c => c.Episodes(e => e.PlaceProvider == "PR1" && !CodeLists.IsFoster(e.Place) &&
            !CodeLists.IsAdoption(e.Place) && c.Derived(e).PlLa is { } la && la != c.Lists.OwnLa)),
    ];

    private static readonly Dictionary<string, string> ReadsOf = All.ToDictionary(rule => rule.Code, rule => rule.Reads, StringComparer.Ordinal);

    /// <summary>The reference data a rule reads, or null for a rule over the return alone.</summary>
    public static string? Reads(string code) => ReadsOf.GetValueOrDefault(code);

    // Each rule's tables as the DfE list names them; read when first needed, as the list itself reads which codes are checked.
    private static readonly Lazy<Dictionary<string, IReadOnlyList<string>>> TablesOf =
        new(() => RuleList.All.ToDictionary(rule => rule.Code, rule => rule.Tables, StringComparer.Ordinal));

    /// <summary>
    /// The findings of every rule whose reference data is loaded and whose tables (this year's and last year's) are all held.
    /// </summary>
    public static IEnumerable<Finding> Check(ReturnData data, CollectionYear year, ReferenceLists? lists)
    {
        if (lists is null) yield break;
        var check = new ReferenceCheck(data, year, lists);
        foreach (var rule in All)
        {
            if (rule.Reads == Postcodes ? !lists.HasPostcodes : !lists.HasProviders) continue;
            if (!TablesOf.Value[rule.Code].Where(table => table != ProviderInfo).All(data.Holds)) continue;
            foreach (var row in rule.Rows(check)) yield return new Finding(rule.Code, rule.Table, row, rule.Fields);
        }
    }

    /// <summary>A URN is given: blank and XXXXXXX both record that there is none.</summary>
    public static bool HasUrn(EpisodeRow episode) => episode.Urn.Length > 0 && episode.Urn != "XXXXXXX";

    // A local authority code outside England: ONS codes begin E in England (W, S, N Wales, Scotland, Northern Ireland; L, M the
    // Channel Islands and the Isle of Man), the DfE's three-digit codes are all English. Unknown (null) is not outside.
    private static bool OutsideEngland(string? la) => la is { Length: > 0 } && la[0] != 'E' && !char.IsAsciiDigit(la[0]);

    private static bool NoLocation(string place) => CodeLists.IsTemporary(place) || place == "Z1";

    private static bool DistanceExpected(ReferenceCheck c, EpisodeRow e) => !CodeLists.IsShortBreak(e.Ls) && !c.Uasc(e.Child);

    private static IEnumerable<int> CarriedOn(ReferenceCheck c, Func<EpisodeRow, EpisodeRow, bool> differs) =>
        c.Pair.Episodes.Values.Select(episodes => episodes[0]).Where(first => first.DecomOn < c.Year.Start &&
            c.Pair.EpisodesLast.TryGetValue(first.Child, out var last) && differs(first, last[^1])).Select(first => first.Row);

    private static IEnumerable<int> ContinuesOpen(ReferenceCheck c, Func<EpisodeRow, EpisodeRow, bool> differs) =>
        c.Pair.Episodes.Values.Select(episodes => episodes[0])
            .Where(first => c.Pair.OpenAtEndOfLastYear(first.Child) is { } open && differs(first, open)).Select(first => first.Row);
}
