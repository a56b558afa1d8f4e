namespace Children.API.Returns903;

/// <summary>
/// The rules that hold one child's episodes against the decisions that they should be placed for adoption
/// (placed_for_adoption) and the adoption details (ad1).
/// </summary>
public sealed partial class Validator903
{
    private static readonly string[] DecisionItems = ["CHILD", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"];

    private void AdoptionOrders(ReturnData data, Dictionary<string, List<EpisodeRow>> episodesOf)
    {
        const string pfa = OtherTableRules.PlacedForAdoption;
        SameDecision(data);
        if (!data.Present.Contains(Tables.Episodes)) return;
        Adopted(data);
        if (!data.Present.Contains(pfa)) return;
        DecisionReversedEarly(data, episodesOf);

        // Each child's dated decisions, earliest first.
        var decisionsOf = data.Other(pfa).Where(r => r.Date("DATE_PLACED") is not null).GroupBy(r => r.Child, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Date("DATE_PLACED")).ThenBy(r => r.Row).ToList(), StringComparer.Ordinal);

        // 553, 555: a placement order (E1) or freeing order (D1) granted, yet no decision that the child should be placed for adoption.
        foreach (var e in data.Episodes)
        {
            if (decisionsOf.ContainsKey(e.Child)) continue;
            if (e.Ls == "E1") Add("553", Tables.Episodes, e.Row, DecisionItems);
            if (e.Ls == "D1") Add("555", Tables.Episodes, e.Row, DecisionItems);
        }

        foreach (var (child, decisions) in decisionsOf)
        {
            if (!episodesOf.TryGetValue(child, out var episodes)) continue;
            // 552, 554, 556: the decision comes first. Even the earliest decision coming after the first placement for
            // adoption (A3-A6), the first placement order or the first freeing order breaks the rule; the earliest row is reported.
            var (earliest, decided) = (decisions[0], decisions[0].Date("DATE_PLACED"));
            if (episodes.FirstOrDefault(e => CodeLists.IsAdoption(e.Place))?.DecomOn < decided) Add("552", pfa, earliest.Row, "DATE_PLACED", "DECOM");
            if (episodes.FirstOrDefault(e => e.Ls == "E1")?.DecomOn < decided) Add("554", pfa, earliest.Row, "DATE_PLACED", "DECOM", "LS");
            if (episodes.FirstOrDefault(e => e.Ls == "D1")?.DecomOn < decided) Add("556", pfa, earliest.Row, "DATE_PLACED", "DECOM");

            // 557, 558: the child left care (the last episode ended, not X1). The latest decision is the one that stands:
            // adopted (E11, E12), it was never reversed; otherwise it must have been, with a date and a reason.
            if (episodes[^1] is not { Dec.Length: > 0, Rec: not ("X1" or "") } last) continue;
            var latest = decisions[^1];
            if (last.Rec is "E11" or "E12")
            {
                if (latest["DATE_PLACED_CEASED"].Length > 0) Add("558", pfa, latest.Row, "DATE_PLACED_CEASED", "REC");
            }
            else if (latest["DATE_PLACED_CEASED"].Length == 0 || latest["REASON_PLACED_CEASED"].Length == 0)
                Add("557", pfa, latest.Row, "DATE_PLACED_CEASED", "REASON_PLACED_CEASED", "PLACE", "LS", "REC");
        }
    }

    /// <summary>
    /// 523: the decision that adoption is in the child's interest (ad1 DATE_INT) is the decision that they should be placed
    /// for adoption (placed_for_adoption DATE_PLACED), the latest one where there were several. Both rows are reported.
    /// </summary>
    private void SameDecision(ReturnData data)
    {
        var latestOf = data.Other(OtherTableRules.PlacedForAdoption).Where(r => r.Date("DATE_PLACED") is not null).GroupBy(r => r.Child, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Date("DATE_PLACED"))!, StringComparer.Ordinal);
        foreach (var ad1 in data.Other(OtherTableRules.Ad1))
        {
            if (ad1.Date("DATE_INT") is not { } decided || !latestOf.TryGetValue(ad1.Child, out var placed) || placed.Date("DATE_PLACED") == decided) continue;
            Add("523", OtherTableRules.PlacedForAdoption, placed.Row, "DATE_PLACED", "DATE_INT");
            Add("523", OtherTableRules.Ad1, ad1.Row, "DATE_PLACED", "DATE_INT");
        }
    }

    /// <summary>
    /// 118: a decision that the child should no longer be placed for adoption (DATE_PLACED_CEASED) dated before the year, which
    /// is an earlier return's, or before the child started to be looked after: the first episode the return shows that is not a
    /// short break (V3, V4). A child with no such episode is not judged. The decision and that episode are both reported.
    /// </summary>
    private void DecisionReversedEarly(ReturnData data, Dictionary<string, List<EpisodeRow>> episodesOf)
    {
        string[] fields = ["DATE_PLACED_CEASED", "DECOM", "LS"];
        var reportedEpisodes = new HashSet<int>();
        foreach (var row in data.Other(OtherTableRules.PlacedForAdoption))
        {
            if (row.Date("DATE_PLACED_CEASED") is not { } reversed || !episodesOf.TryGetValue(row.Child, out var episodes)) continue;
            if (episodes.FirstOrDefault(e => !CodeLists.IsShortBreak(e.Ls)) is not { DecomOn: { } lookedAfter } first) continue;
            if (reversed >= year.Start && reversed >= lookedAfter) continue;
            Add("118", OtherTableRules.PlacedForAdoption, row.Row, fields);
            if (reportedEpisodes.Add(first.Row)) Add("118", Tables.Episodes, first.Row, fields);
        }
    }

    /// <summary>601: a child adopted in the year (an episode ended E11 or E12) has every adoption item in ad1.</summary>
    private void Adopted(ReturnData data)
    {
        if (!data.Present.Contains(OtherTableRules.Ad1)) return;
        string[] fields = ["REC", .. OtherTableRules.Ad1Items];
        var ad1Of = data.Other(OtherTableRules.Ad1).GroupBy(r => r.Child, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // 602: adoption details (any ad1 item) for a child whose episodes show no adoption (E11, E12) in the year.
        var adoptedInYear = data.Episodes.Where(e => e.Rec is "E11" or "E12" && e.DecOn >= year.Start && e.DecOn <= year.End)
            .Select(e => e.Child).ToHashSet(StringComparer.Ordinal);
        foreach (var row in data.Other(OtherTableRules.Ad1))
            if (!adoptedInYear.Contains(row.Child) && OtherTableRules.Ad1Items.Any(f => row[f].Length > 0)) Add("602", OtherTableRules.Ad1, row.Row, "CHILD");
        foreach (var e in data.Episodes)
        {
            // 335: adopted by the current foster carers (FOSTER_CARE 1) exactly when adopted from a placement with them (A3, A5).
            if (e.Rec is "E11" or "E12" && ad1Of.GetValueOrDefault(e.Child) is { } fostered &&
                ((fostered["FOSTER_CARE"] == "0" && e.Place is "A3" or "A5") || (fostered["FOSTER_CARE"] == "1" && e.Place is "A4" or "A6")))
            {
                Add("335", Tables.Episodes, e.Row, "PLACE", "FOSTER_CARE");
                Add("335", OtherTableRules.Ad1, fostered.Row, "PLACE", "FOSTER_CARE");
            }
            if (e.Rec is not ("E11" or "E12") || e.DecOn is not { } adopted || adopted < year.Start || adopted > year.End) continue;
            // No ad1 row at all is the items left out as surely as a row with blanks; the episode is reported either way.
            var ad1 = ad1Of.GetValueOrDefault(e.Child);
            if (ad1 is not null && OtherTableRules.Ad1Items.All(f => ad1[f].Length > 0)) continue;
            Add("601", Tables.Episodes, e.Row, fields);
            if (ad1 is not null) Add("601", OtherTableRules.Ad1, ad1.Row, fields);
        }
    }
}
