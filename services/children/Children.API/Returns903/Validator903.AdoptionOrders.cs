namespace Children.API.Returns903;

/// <summary>
/// The rules that hold one child's episodes against the decisions that they should be placed for adoption
/// (placed_for_adoption), the adoption details (ad1) and the header.
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
            if (episodes.FirstOrDefault(e => Codes.IsAdoption(e.Place))?.DecomOn < decided) Add("552", pfa, earliest.Row, "DATE_PLACED", "DECOM");
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

    /// <summary>601: a child adopted in the year (an episode ended E11 or E12) has every adoption item in ad1.</summary>
    private void Adopted(ReturnData data)
    {
        if (!data.Present.Contains(OtherTableRules.Ad1)) return;
        string[] fields = ["REC", .. OtherTableRules.Ad1Items];
        var ad1Of = data.Other(OtherTableRules.Ad1).GroupBy(r => r.Child, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
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

    /// <summary>210 and 625: header items that the child's episodes contradict.</summary>
    private void HeaderAgainstEpisodes(ReturnData data, Dictionary<string, List<EpisodeRow>> episodesOf)
    {
        const string t = Tables.Header;
        if (!data.Present.Contains(Tables.Episodes)) return;
        var female = year.SexCodedAsLetters ? "F" : "2";
        // 399: a child on short breaks only (every episode V3 or V4) has no mother field and no reviews in the return.
        var shortBreaksOnly = episodesOf.Where(c => c.Value.All(e => Codes.IsShortBreak(e.Ls))).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var r in data.Reviews)
            if (shortBreaksOnly.Contains(r.Child)) Add("399", Tables.Reviews, r.Row, "LS", "REVIEW", "REVIEW_CODE");
        foreach (var h in data.Header)
        {
            episodesOf.TryGetValue(h.Child, out var episodes);
            if (h.Mother.Length > 0 && shortBreaksOnly.Contains(h.Child)) Add("399", t, h.Row, "MOTHER", "LS");
            // 607: a girl who ceased to be looked after in the year (not only from short breaks) has the mother field completed.
            if (h.Sex == female && h.Mother.Length == 0 && episodes is not null && episodes.Any(e =>
                    e is { DecOn: { } ceased, Rec: not ("X1" or "") } && ceased >= year.Start && ceased <= year.End && !Codes.IsShortBreak(e.Ls)))
                Add("607", t, h.Row, "DEC", "REC", "MOTHER", "LS", "SEX");
            // 210: UN4 ("UPN not yet obtained") cannot stand for a child looked after for more than a week at 31 March.
            if (h.Upn == "UN4" && episodes is not null && LookedAfterSince(episodes) is { } since && year.End.DayNumber - since.DayNumber > 7)
                Add("210", t, h.Row, "UPN", "DECOM");
            // 209: UN1 is for a child not yet of school age. The DfE's reading of school age: 4 by the 31 August before the
            // collection year (31/08/2016 for 2017/18). Only a child looked after (an episode in the return) is judged.
            if (h.Upn == "UN1" && episodes is not null && h.DobOn is { } dob && dob.AddYears(4) <= new DateOnly(year.StartYear - 1, 8, 31))
                Add("209", t, h.Row, "UPN", "DOB");
            // 625: her first child's birth is after the year, or after she left care (the last episode ended, not X1).
            if (h.McDobOn is not { } born) continue;
            var left = episodes?[^1] is { DecOn: { } d, Rec: not ("X1" or "") } ? d : (DateOnly?)null;
            if (born > year.End || born > left) Add("625", t, h.Row, "MC_DOB", "DEC");
        }
    }

    /// <summary>When the child's current period of care began, if they were looked after at 31 March: the start of the run of back-to-back episodes open then.</summary>
    private DateOnly? LookedAfterSince(List<EpisodeRow> episodes)
    {
        var i = episodes.FindLastIndex(e => e.DecomOn <= year.End && (e.Dec.Length == 0 || e.DecOn > year.End));
        if (i < 0) return null;
        while (i > 0 && episodes[i - 1].DecOn == episodes[i].DecomOn) i--;
        return episodes[i].DecomOn;
    }

    /// <summary>
    /// 186, 197B and 157 on the OC2 row of a child looked after for 12 months (the Strengths and Difficulties Questionnaire,
    /// for children aged 4 to 16). 188 and 189 already bar an SDQ for those under 4 at 31 March or 17 on 1 April.
    /// </summary>
    private void Sdq(OtherRow r, DateOnly born)
    {
        const string oc2 = OtherTableRules.Oc2;
        var (score, reason) = (r["SDQ_SCORE"], r["SDQ_REASON"]);
        var fourByStart = born.AddYears(4) <= year.Start;
        var under17AtEnd = born.AddYears(17) > year.End;
        // 186: 4 or over at 1 April and under 17 at 31 March: a score, as the DfE reads it even when a reason for none is given.
        if (fourByStart && under17AtEnd && score.Length == 0) Add("186", oc2, r.Row, "SDQ_SCORE");
        // 197B: the children 186 leaves out, who turned 4 or 17 during the year: a score or the reason for none.
        var turned4 = !fourByStart && born.AddYears(4) <= year.End;
        var turned17 = born.AddYears(17) > year.Start && !under17AtEnd;
        if ((turned4 || turned17) && score.Length == 0 && reason.Length == 0) Add("197B", oc2, r.Row, "SDQ_REASON", "DOB");
        // 157: SDQ1 says the child was too young or too old for the questionnaire, which a child 4 or over at 1 April and
        // 16 or under at 31 March was not.
        if (fourByStart && under17AtEnd && score.Length == 0 && reason == "SDQ1") Add("157", oc2, r.Row, "SDQ_REASON", "DOB");
    }
}
