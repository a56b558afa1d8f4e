namespace Children.API.Returns903;

/// <summary>The files of the SSDA903 return and the columns each must have, as the DfE specification names them.</summary>
public static class Tables
{
    public const string Header = "header";
    public const string Episodes = "episodes";
    public const string Reviews = "reviews";
    public const string Missing = "missing";

    public static readonly IReadOnlyDictionary<string, string[]> Columns = WithLastYear(new Dictionary<string, string[]>
    {
        [Header] = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
        [Episodes] = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
        [Reviews] = ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
        [Missing] = ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
        // Accepted and kept as sent; the columns below are the ones they must at least have.
        ["uasc"] = ["CHILD"],
        ["oc2"] = ["CHILD"],
        ["oc3"] = ["CHILD"],
        ["ad1"] = ["CHILD"],
        ["placed_for_adoption"] = ["CHILD"],
        ["previous_permanence"] = ["CHILD"],
        ["sw_episodes"] = ["CHILD"],
    });

    /// <summary>The suffix of a previous year's file sent with an import (<c>episodes_last.csv</c>) when that year's return is not stored.</summary>
    public const string LastYearSuffix = "_last";

    /// <summary>The table a previous year's table is this year's (<c>episodes_last</c> -> <c>episodes</c>), or null for a table of this year.</summary>
    public static string? LastOf(string table) =>
        table.EndsWith(LastYearSuffix, StringComparison.Ordinal) && table[..^LastYearSuffix.Length] is var current &&
        (IsCore(current) || OtherValidated.Contains(current)) ? current : null;

    // Each table the rules read may also be sent as last year's file, with the same columns: kept as sent, like the other tables.
    private static Dictionary<string, string[]> WithLastYear(Dictionary<string, string[]> tables)
    {
        foreach (var (table, columns) in tables.Where(t => t.Key != "sw_episodes").ToList()) tables[table + LastYearSuffix] = columns;
        return tables;
    }

    /// <summary>The other tables the rules read (sw_episodes is kept and exported only).</summary>
    public static readonly IReadOnlyList<string> OtherValidated = ["uasc", "oc2", "oc3", "ad1", "placed_for_adoption", "previous_permanence"];

    /// <summary>The tables kept as sent (one row of strings per record) that the rules read: the other tables and every last-year file.</summary>
    public static readonly IReadOnlyList<string> KeptAsSent =
        [.. OtherValidated, .. Columns.Keys.Where(table => table.EndsWith(LastYearSuffix, StringComparison.Ordinal))];

    /// <summary>The four tables the service reads, validates and exports column by column.</summary>
    public static bool IsCore(string table) => table is Header or Episodes or Reviews or Missing;

    /// <summary>The table a part's file name names (<c>episodes.csv</c> -> <c>episodes</c>), or null.</summary>
    public static string? FromFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return null;
        var name = Path.GetFileName(fileName.Trim().Trim('"'));
        if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return null;
        var table = name[..^4].ToLowerInvariant();
        return Columns.ContainsKey(table) ? table : null;
    }
}
