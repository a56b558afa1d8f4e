namespace Children.API.Returns903;

/// <summary>The rules that read one child's rows in two tables, one of them episodes, placed_for_adoption or OC3.</summary>
public sealed partial class Validator903
{
    private static readonly DateOnly PreviousPermanenceRecorded = new(2016, 4, 1);

    /// <summary>579 and 583: one child's decisions that they should be placed for adoption, in the order they were taken.</summary>
    private void AdoptionDecisions(ReturnData data)
    {
        const string t = OtherTableRules.PlacedForAdoption;
        foreach (var child in data.Other(t).Where(r => r.Date("DATE_PLACED") is not null).GroupBy(r => r.Child, StringComparer.Ordinal))
        {
            var decisions = child.OrderBy(r => r.Date("DATE_PLACED")).ThenBy(r => r.Row).ToList();
            for (var i = 1; i < decisions.Count; i++)
            {
                var (previous, next) = (decisions[i - 1], decisions[i]);
                var ceased = previous.Date("DATE_PLACED_CEASED");
                // 583: an earlier decision is followed by another but was never revoked; the earlier row lacks its date.
                if (previous["DATE_PLACED_CEASED"].Length == 0) Add("583", t, previous.Row, "DATE_PLACED", "DATE_PLACED_CEASED");
                // 579: a decision this year while the previous one was still open, or before it was revoked.
                if (next.Date("DATE_PLACED") >= year.Start && (previous["DATE_PLACED_CEASED"].Length == 0 || next.Date("DATE_PLACED") < ceased))
                    Add("579", t, next.Row, "DATE_PLACED", "DATE_PLACED_CEASED");
            }
        }
    }

    private void AcrossTables(ReturnData data, Dictionary<string, List<EpisodeRow>> episodesOf)
    {
        AdoptionDecisions(data);
        var episodesPresent = data.Present.Contains(Tables.Episodes);
        if (!episodesPresent) return;
        var careLeavers = OtherTableRules.CareLeavers(data);

        foreach (var m in data.Missing)
        {
            if (m.MisStartOn is not { } start || !episodesOf.TryGetValue(m.Child, out var episodes)) continue;
            // 581: missing before the first episode the return shows.
            if (start < episodes[0].DecomOn) Add("581", Tables.Missing, m.Row, "MIS_START");
            // 578: missing after the child's last episode ended with the child leaving care (any reason but X1).
            if (episodes[^1] is { DecOn: { } ceased, Rec: not ("X1" or "") } && start > ceased) Add("578", Tables.Missing, m.Row, "MIS_START");
            if (m.MisEnd.Length > 0) continue;
            // 577: the child left care (the last episode ended, not X1) while this period has no end.
            if (episodes[^1] is { Dec.Length: > 0, Rec: not ("X1" or "") }) Add("577", Tables.Missing, m.Row, "MIS_END");
            // 575: the placement the child went missing from has ended while this period has no end. A change of legal
            // status only (the next episode's RNE is L) keeps the placement.
            var k = episodes.FindLastIndex(e => e.DecomOn <= start);
            while (k >= 0 && k + 1 < episodes.Count && episodes[k + 1].Rne == "L" && episodes[k + 1].DecomOn == episodes[k].DecOn) k++;
            if (k >= 0 && episodes[k].DecOn is { } placementEnded && placementEnded >= start) Add("575", Tables.Missing, m.Row, "MIS_END");
        }

        // 580: the child was missing on the day care ended (a period begun by then and not over before it): that is care
        // ending for "any other reason", E8.
        if (data.Present.Contains(Tables.Missing))
        {
            var missingOf = data.Missing.Where(m => m.MisStartOn is not null).ToLookup(m => m.Child, StringComparer.Ordinal);
            foreach (var e in data.Episodes)
                if (e is { DecOn: { } ceased, Rec: not ("X1" or "E8" or "") } &&
                    missingOf[e.Child].Any(m => m.MisStartOn <= ceased && (m.MisEnd.Length == 0 || m.MisEndOn >= ceased)))
                    Add("580", Tables.Episodes, e.Row, "REC");
        }

        // 392b: a looked-after child (not on short breaks) has both postcodes, save an unaccompanied asylum seeker (a uasc
        // row; last year's is not read) and a placement with no location (T0-T4, Z1), which 214 keeps without one.
        var asylumSeekers = data.Other(OtherTableRules.Uasc).Select(r => r.Child).ToHashSet(StringComparer.Ordinal);
        foreach (var e in data.Episodes)
            if (!CodeLists.IsShortBreak(e.Ls) && !asylumSeekers.Contains(e.Child) &&
                (e.HomePost.Length == 0 || (e.PlPost.Length == 0 && !CodeLists.IsTemporary(e.Place) && e.Place != "Z1")))
                Add("392b", Tables.Episodes, e.Row, "HOME_POST", "PL_POST");

        foreach (var oc3 in data.Other(OtherTableRules.Oc3))
        {
            if (!careLeavers.Contains(oc3.Child) || !episodesOf.TryGetValue(oc3.Child, out var episodes)) continue;
            // 1000 and 1011: the final episode ended with the child's death (E2) or with another authority taking over care (E3).
            if (episodes[^1].Rec == "E2") Add("1000", OtherTableRules.Oc3, oc3.Row, OtherTableRules.Oc3Items);
            if (episodes[^1].Rec == "E3") Add("1011", OtherTableRules.Oc3, oc3.Row, OtherTableRules.Oc3Items);
            // 1007: still looked after on a 17th or 18th birthday that fell in the year.
            if (oc3.Date("DOB") is { } dob && new[] { dob.AddYears(17), dob.AddYears(18) }.Any(birthday =>
                    birthday >= year.Start && birthday <= year.End && episodes.Any(e => e.DecomOn <= birthday && (e.Dec.Length == 0 || e.DecOn > birthday))))
                Add("1007", OtherTableRules.Oc3, oc3.Row, OtherTableRules.Oc3Items);
        }

        // 628: motherhood details of a care leaver who was not looked after in the year (no episode in the return).
        if (data.Present.Contains(OtherTableRules.Oc3))
            foreach (var h in data.Header)
                if (h.Mother.Length > 0 && careLeavers.Contains(h.Child) && !episodesOf.ContainsKey(h.Child)) Add("628", Tables.Header, h.Row, "MOTHER");

        // 1014: a care leaver with no episode in the year is not an unaccompanied asylum seeker in this return: their
        // UASC row (with the date the status ceased) and their OC3 row are both reported.
        if (data.Present.Contains(OtherTableRules.Oc3))
        {
            var oc3Of = data.Other(OtherTableRules.Oc3).Where(r => careLeavers.Contains(r.Child)).GroupBy(r => r.Child, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var uasc in data.Other(OtherTableRules.Uasc))
            {
                if (uasc["DUC"].Length == 0 || !oc3Of.TryGetValue(uasc.Child, out var oc3)) continue;
                if (episodesOf.TryGetValue(uasc.Child, out var episodes) && episodes.Any(InTheYear)) continue;
                Add("1014", OtherTableRules.Uasc, uasc.Row, "DUC");
                Add("1014", OtherTableRules.Oc3, oc3.Row, OtherTableRules.Oc3Items);
            }
        }

        // 634: previous permanence is recorded for periods of care starting on or after 1 April 2016. The period the return
        // shows began at the child's latest S episode; with none in the file it began before the first episode, which
        // settles the question only when that episode itself started before 1 April 2016.
        foreach (var p in data.Other(OtherTableRules.PreviousPermanence))
        {
            if (!episodesOf.TryGetValue(p.Child, out var episodes) || new[] { "PREV_PERM", "LA_PERM", "DATE_PERM" }.All(f => p[f].Length == 0)) continue;
            var started = episodes.LastOrDefault(e => e.Rne == "S");
            if ((started?.DecomOn ?? episodes[0].DecomOn) < PreviousPermanenceRecorded)
                Add("634", OtherTableRules.PreviousPermanence, p.Row, "LA_PERM", "PREV_PERM", "DATE_PERM", "DECOM");
        }

        // 632: the date of the previous permanence order is dd/mm/yyyy, any part unknown written ZZ (ZZZZ for the year), and
        // came before the child's first episode in the return. The DfE's check takes an unknown part as late as it can be;
        // here as early as it can be, so that only a date certainly not before the episode is reported.
        foreach (var p in data.Other(OtherTableRules.PreviousPermanence))
        {
            if (p["DATE_PERM"].Length == 0 || !episodesOf.TryGetValue(p.Child, out var episodes)) continue;
            if (!PermanenceDate(p["DATE_PERM"], out var earliest) || earliest >= episodes[0].DecomOn)
            {
                Add("632", OtherTableRules.PreviousPermanence, p.Row, "DATE_PERM", "DECOM");
                Add("632", Tables.Episodes, episodes[0].Row, "DATE_PERM", "DECOM");
            }
        }

        // 630: a child who started to be looked after this year has a previous permanence option returned.
        if (data.Present.Contains(OtherTableRules.PreviousPermanence))
        {
            var returned = data.Other(OtherTableRules.PreviousPermanence).Where(r => r["PREV_PERM"].Length > 0)
                .Select(r => r.Child).ToHashSet(StringComparer.Ordinal);
            foreach (var e in data.Episodes)
                if (e.Rne == "S" && e.DecomOn >= year.Start && e.DecomOn <= year.End && !returned.Contains(e.Child)) Add("630", Tables.Episodes, e.Row, "RNE");
        }

        // 551: placed for adoption (A3-A6) with no date of the decision that the child should be.
        if (data.Present.Contains(OtherTableRules.PlacedForAdoption))
        {
            var decided = data.Other(OtherTableRules.PlacedForAdoption).Where(r => r["DATE_PLACED"].Length > 0)
                .Select(r => r.Child).ToHashSet(StringComparer.Ordinal);
            foreach (var e in data.Episodes)
                if (CodeLists.IsAdoption(e.Place) && !decided.Contains(e.Child)) Add("551", Tables.Episodes, e.Row, "DATE_PLACED", "PLACE");
        }

        TwelveMonths(data, episodesOf);

        foreach (var pfa in data.Other(OtherTableRules.PlacedForAdoption))
        {
            var (placed, revoked) = (pfa.Date("DATE_PLACED"), pfa.Date("DATE_PLACED_CEASED"));
            episodesOf.TryGetValue(pfa.Child, out var episodes);
            // 117: a decision dated after the year, or after the child left care (the last episode ended, not X1).
            var left = episodes?[^1] is { DecOn: { } d, Rec: not ("X1" or "") } ? d : (DateOnly?)null;
            if (placed > year.End || revoked > year.End || (left is { } l && (placed > l || revoked > l)))
                Add("117", OtherTableRules.PlacedForAdoption, pfa.Row, "DATE_PLACED_CEASED", "DATE_PLACED", "DEC", "REC", "DECOM");
            // 1003: the decision before the child started to be looked after: the first S episode the return shows; with none,
            // the start of care is in an earlier return and is not judged.
            if (episodes?.FirstOrDefault(e => e.Rne == "S") is { DecomOn: { } started } && placed < started)
                Add("1003", OtherTableRules.PlacedForAdoption, pfa.Row, "DATE_PLACED", "DECOM", "RNE");
        }

        var ad1Of = data.Other(OtherTableRules.Ad1).GroupBy(r => r.Child, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // 582: adopted (E11, E12) on the very day the child was matched with the adopters.
        foreach (var e in data.Episodes)
            if (e.Rec is "E11" or "E12" && e.DecOn is { } adopted && ad1Of.TryGetValue(e.Child, out var ad1) && ad1.Date("DATE_MATCH") == adopted)
                Add("582", Tables.Episodes, e.Row, "DEC", "DATE_MATCH");
        foreach (var (child, ad1) in ad1Of)
        {
            if (!episodesOf.TryGetValue(child, out var episodes)) continue;
            var (decided, matched) = (ad1.Date("DATE_INT"), ad1.Date("DATE_MATCH"));
            // 334: the decision that the child should be placed for adoption is taken in the latest period of care (its S episode);
            // with no S episode in the return the period began in an earlier one and is not judged.
            if (episodes.LastOrDefault(e => e.Rne == "S") is { DecomOn: { } periodStarted } && decided < periodStarted)
                Add("334", OtherTableRules.Ad1, ad1.Row, "DATE_INT", "DECOM", "RNE");
            // 521: the decision comes on or before the child is placed for adoption (the first A3-A6 episode).
            if (episodes.FirstOrDefault(e => CodeLists.IsAdoption(e.Place)) is { DecomOn: { } placed } && decided > placed)
                Add("521", OtherTableRules.Ad1, ad1.Row, "PLACE", "DECOM", "DATE_INT");
            // 331: matched with the adopters on or before the placement the child was adopted from (the episode ended E11 or E12) began.
            if (episodes.FirstOrDefault(e => e.Rec is "E11" or "E12") is { DecomOn: { } adoptedFrom } && matched > adoptedFrom)
                Add("331", OtherTableRules.Ad1, ad1.Row, "DATE_MATCH", "DECOM", "REC");
        }
        // 525: a decision to place for adoption reversed, yet adoption information given: both rows are reported.
        foreach (var pfa in data.Other(OtherTableRules.PlacedForAdoption))
            if (pfa["DATE_PLACED_CEASED"].Length > 0 && ad1Of.TryGetValue(pfa.Child, out var ad1) && OtherTableRules.Ad1Items.Any(f => ad1[f].Length > 0))
            {
                Add("525", OtherTableRules.PlacedForAdoption, pfa.Row, "DATE_PLACED_CEASED");
                Add("525", OtherTableRules.Ad1, ad1.Row, OtherTableRules.Ad1Items);
            }
    }

    /// <summary>
    /// Reads a previous permanence date, dd/mm/yyyy with ZZ for an unknown day or month and ZZZZ for an unknown year: whether
    /// it is one, and the earliest day it can be (none when the year is unknown).
    /// </summary>
    private static bool PermanenceDate(string text, out DateOnly? earliest)
    {
        earliest = null;
        if (text.Split('/') is not [var d, var m, var y] || d.Length != 2 || m.Length != 2 || y.Length != 4) return false;
        static int? Number(string s) => s.All(char.IsAsciiDigit) ? int.Parse(s) : null;
        int? day = d == "ZZ" ? null : Number(d), month = m == "ZZ" ? null : Number(m), year = y == "ZZZZ" ? null : Number(y);
        if ((day is null && d != "ZZ") || (month is null && m != "ZZ") || (year is null && y != "ZZZZ")) return false;
        if (month is < 1 or > 12 || day is < 1 or > 31 || year < 1900) return false;
        // A known day exists in its known month (in a leap year when the year is unknown).
        if (day is { } dd && month is { } mm && dd > DateTime.DaysInMonth(year ?? 2000, mm)) return false;
        if (year is { } yy) earliest = new DateOnly(yy, month ?? 1, day ?? 1);
        return true;
    }

    /// <summary>Whether an episode falls at least partly within the collection year (an open one lasts until 31 March).</summary>
    private bool InTheYear(EpisodeRow e) => e.DecomOn <= year.End && (e.Dec.Length == 0 || e.DecOn >= year.Start);

    /// <summary>
    /// Whether the child was looked after continuously for at least 12 months at 31 March (the OC2 cohort): still looked
    /// after then, in a run of back-to-back episodes that began on or before 1 April, short breaks (V3, V4) not counted.
    /// </summary>
    private bool LookedAfterTwelveMonths(List<EpisodeRow> episodes)
    {
        var i = episodes.FindLastIndex(e => e.DecomOn <= year.End && (e.Dec.Length == 0 || e.DecOn > year.End) && !CodeLists.IsShortBreak(e.Ls));
        if (i < 0) return false;
        while (i > 0 && episodes[i - 1].DecOn == episodes[i].DecomOn && !CodeLists.IsShortBreak(episodes[i - 1].Ls)) i--;
        return episodes[i].DecomOn <= year.Start;
    }

    private void TwelveMonths(ReturnData data, Dictionary<string, List<EpisodeRow>> episodesOf)
    {
        const string oc2 = OtherTableRules.Oc2;
        var cohort = episodesOf.Where(c => LookedAfterTwelveMonths(c.Value)).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        string[] core = ["IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"];
        foreach (var r in data.Other(oc2))
        {
            int? ageAtEnd = r.Date("DOB") is { } dob ? CodeLists.Age(dob, year.End) : null;
            if (!cohort.Contains(r.Child))
            {
                if (r["SDQ_SCORE"].Length > 0) Add("185", oc2, r.Row, "SDQ_SCORE");
                if (r["SDQ_REASON"].Length > 0) Add("198", oc2, r.Row, "SDQ_REASON");
                if (OtherTableRules.Oc2Items.Any(f => r[f].Length > 0)) Add("190", oc2, r.Row, OtherTableRules.Oc2Items);
                continue;
            }
            // Only the OC2 rows are reported: a child of the cohort without one is not a row of any table.
            if (core.Any(f => r.Has(f) && r[f].Length == 0)) Add("191", oc2, r.Row, [.. core, "CHILD"]);
            if (ageAtEnd >= 10 && r.Has("CONVICTED") && r["CONVICTED"].Length == 0) Add("543", oc2, r.Row, "DOB", "CONVICTED");
            if (ageAtEnd < 5 && r.Has("HEALTH_CHECK") && r["HEALTH_CHECK"].Length == 0) Add("545", oc2, r.Row, "DOB", "HEALTH_CHECK");
            if (r.Date("DOB") is { } born && r.Has("SDQ_SCORE") && r.Has("SDQ_REASON")) Sdq(r, born);
        }
        // 187: a child of the OC2 cohort has no adoption (AD1) nor care leaver (OC3) information.
        foreach (var r in data.Other(OtherTableRules.Ad1))
            if (cohort.Contains(r.Child) && OtherTableRules.Ad1Items.Any(f => r[f].Length > 0))
                Add("187", OtherTableRules.Ad1, r.Row, OtherTableRules.Ad1Items);
        foreach (var r in data.Other(OtherTableRules.Oc3))
            if (cohort.Contains(r.Child) && OtherTableRules.Oc3Items.Any(f => r[f].Length > 0))
                Add("187", OtherTableRules.Oc3, r.Row, OtherTableRules.Oc3Items);
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
