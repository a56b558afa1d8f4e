namespace Children.API.Returns903;

/// <summary>The rules that hold a child's header row (UPN, mother, first child's birth) against their episodes and reviews.</summary>
public sealed partial class Validator903
{
    /// <summary>EPI, 209, 210, 399, 607 and 625: header items (and, for 399, reviews) that the child's episodes contradict.</summary>
    private void HeaderAgainstEpisodes(ReturnData data, Dictionary<string, List<EpisodeRow>> episodesOf)
    {
        const string t = Tables.Header;
        if (!data.Present.Contains(Tables.Episodes)) return;
        var female = year.SexCodedAsLetters ? "F" : "2";
        // 399: a child on short breaks only (every episode V3 or V4) has no mother field and no reviews in the return.
        var shortBreaksOnly = episodesOf.Where(c => c.Value.All(e => CodeLists.IsShortBreak(e.Ls))).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var r in data.Reviews)
            if (shortBreaksOnly.Contains(r.Child)) Add("399", Tables.Reviews, r.Row, "LS", "REVIEW", "REVIEW_CODE");
        var withEpisodes = data.Episodes.Select(e => e.Child).ToHashSet(StringComparer.Ordinal);
        var careLeavers = OtherTableRules.CareLeavers(data);
        foreach (var h in data.Header)
        {
            episodesOf.TryGetValue(h.Child, out var episodes);
            // EPI: "Episodes need to be loaded for this child before further validation is possible". A care leaver with OC3
            // information is in the return for that alone (no episode this year), so is not reported.
            if (!withEpisodes.Contains(h.Child) && !careLeavers.Contains(h.Child)) Add("EPI", t, h.Row, "CHILD");
            if (h.Mother.Length > 0 && shortBreaksOnly.Contains(h.Child)) Add("399", t, h.Row, "MOTHER", "LS");
            // 607: a girl who ceased to be looked after in the year (not only from short breaks) has the mother field completed.
            if (h.Sex == female && h.Mother.Length == 0 && episodes is not null && episodes.Any(e =>
                    e is { DecOn: { } ceased, Rec: not ("X1" or "") } && ceased >= year.Start && ceased <= year.End && !CodeLists.IsShortBreak(e.Ls)))
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

    /// <summary>
    /// When the child's current period of care began, if they were looked after at 31 March: the start of the run of back-to-back episodes
    /// open then.
    /// </summary>
    private DateOnly? LookedAfterSince(List<EpisodeRow> episodes)
    {
        var i = episodes.FindLastIndex(e => e.DecomOn <= year.End && (e.Dec.Length == 0 || e.DecOn > year.End));
        if (i < 0) return null;
        while (i > 0 && episodes[i - 1].DecOn == episodes[i].DecomOn) i--;
        return episodes[i].DecomOn;
    }
}
