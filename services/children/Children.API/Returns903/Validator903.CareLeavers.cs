namespace Children.API.Returns903;

/// <summary>The rules over care leavers' (OC3) rows against the rest of the return.</summary>
public sealed partial class Validator903
{
    /// <summary>
    /// Besides reviews and missing, the tables that describe a child looked after in the year, which a care leaver not looked
    /// after has no rows in (1012).
    /// </summary>
    private static readonly string[] LookedAfterTables =
        [OtherTableRules.Ad1, OtherTableRules.PlacedForAdoption, OtherTableRules.PreviousPermanence, OtherTableRules.Oc2];

    private void CareLeaverRows(ReturnData data, Dictionary<string, HeaderRow> header, Dictionary<string, List<EpisodeRow>> episodesOf)
    {
        const string oc3 = OtherTableRules.Oc3;
        // 3001: around the 17th birthday (in the year) a care leaver is not living with former foster carers (Z1, Z2), as the DfE reads it.
        foreach (var r in data.Other(oc3))
            if (r["ACCOM"] is "Z1" or "Z2" && header.GetValueOrDefault(r.Child)?.DobOn is { } dob &&
                dob.AddYears(17) >= year.Start && dob.AddYears(17) <= year.End)
                Add("3001", oc3, r.Row, "ACCOM", "DOB");

        // 1012: a child in OC3 with no episode in the year has no other rows; each such row is reported.
        if (!data.Present.Contains(Tables.Episodes)) return;
        var notLookedAfter = data.Other(oc3).Select(r => r.Child)
            .Where(c => !episodesOf.TryGetValue(c, out var episodes) || !episodes.Any(InTheYear)).ToHashSet(StringComparer.Ordinal);
        if (notLookedAfter.Count == 0) return;
        foreach (var r in data.Reviews) if (notLookedAfter.Contains(r.Child)) Add("1012", Tables.Reviews, r.Row, "CHILD");
        foreach (var m in data.Missing) if (notLookedAfter.Contains(m.Child)) Add("1012", Tables.Missing, m.Row, "CHILD");
        foreach (var table in LookedAfterTables)
            foreach (var r in data.Other(table))
                if (notLookedAfter.Contains(r.Child)) Add("1012", table, r.Row, "CHILD");
    }
}
