namespace Children.API.Returns903;

/// <summary>
/// The DfE's 903 rule list (2022/23, embedded as <c>rules-2022-23.csv</c>): every rule's code, message, fields and tables,
/// whether this service checks it, and whether it ran for a year's import. Pure: the list and the import's tables in, answers out.
/// </summary>
public static class RuleList
{
    /// <summary>One rule of the DfE list; <see cref="Tables"/> by today's file names.</summary>
    public sealed record Rule(string Code, string Message, IReadOnlyList<string> Fields, IReadOnlyList<string> Tables, bool Checked);

    /// <summary>
    /// The tables of a year's latest import: the files it <paramref name="Sent"/>, and the tables the year <paramref name="Held"/>
    /// with rows when it was validated (sent then or by an earlier import of the year), which are the ones the rules read, and the
    /// reference data in force then (<see cref="ReferenceDataRules.Postcodes"/>, <see cref="ReferenceDataRules.ProviderInfo"/>).
    /// </summary>
    public sealed record ImportTables(IReadOnlyCollection<string> Sent, IReadOnlyCollection<string> Held);

    /// <summary>
    /// Why a rule the validator does not check did not run. Every rule of the 2022/23 list is checked or not applicable; a rule
    /// a later year's list adds is reported this way until it is built.
    /// </summary>
    public const string NotBuilt = "not built yet";

    /// <summary>
    /// The rules that cannot apply to a CSV import, and why: reported as not run, with the reason, never as passed.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> NotApplicable = new Dictionary<string, string>
    {
        // The DfE: "Data entry for UASC status of child is invalid or has not been completed", a check of the XML form's field.
        ["105"] = "not applicable to a CSV import: it checks the UASC status field of the XML form of the return",
        // 303 and 205A-D read a UASC status (1 or 0) in the header: the CSV files this service takes (SEX coded 1/2, 2017/18
        // onwards) have no such field; a child's row in uasc.csv is their date UASC status ceased.
        ["303"] = UascStatus, ["205A"] = UascStatus, ["205B"] = UascStatus, ["205C"] = UascStatus, ["205D"] = UascStatus,
        ["179"] = ReferenceDataRules.LocationDerived, ["411"] = ReferenceDataRules.LocationDerived,
    };

    private const string UascStatus = "not applicable to these CSV files: their header has no UASC status field to compare (uasc.csv gives the date " +
                                      "the status ceased)";
    public const string NoImport = "no import for this year";

    // The DfE list names tables its own way (and not always the same way: "OC2s", "MIssing", "HEader_last"). Declared before
    // All: static fields are set in the order they are written.
    private static readonly Dictionary<string, string> TableNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Header"] = Tables.Header, ["Episodes"] = Tables.Episodes, ["Reviews"] = Tables.Reviews, ["Missing"] = Tables.Missing,
        ["UASC"] = OtherTableRules.Uasc, ["OC2"] = OtherTableRules.Oc2, ["OC2s"] = OtherTableRules.Oc2, ["OC3"] = OtherTableRules.Oc3,
        ["AD1"] = OtherTableRules.Ad1, ["PlacedAdoption"] = OtherTableRules.PlacedForAdoption, ["PrevPerm"] = OtherTableRules.PreviousPermanence,
    };

    /// <summary>Every rule of the list, in its order.</summary>
    public static readonly IReadOnlyList<Rule> All = Read();

    /// <summary>
    /// Whether a rule ran at an import and, when not, why: a rule this service does not check never ran, whatever the import;
    /// a checked rule ran when every table it reads was held, since a rule over a table the return lacks has nothing to check.
    /// </summary>
    public static (bool Ran, string? Because) RanFor(Rule rule, ImportTables? import)
    {
        if (NotApplicable.TryGetValue(rule.Code, out var reason)) return (false, reason);
        if (!rule.Checked) return (false, NotBuilt);
        if (import is null) return (false, NoImport);
        // A rule over reference data runs when a version of it was in force at the import (Held names it like a table).
        if (ReferenceDataRules.Reads(rule.Code) is { } reads && !import.Held.Contains(reads)) return (false, ReferenceDataRules.NotLoaded(reads));
        foreach (var table in rule.Tables)
        {
            if (import.Held.Contains(table)) continue;
            if (Tables.LastOf(table) is { } current)
                return (false, $"last year's {current} table is held neither as the previous year's stored return nor as {table}.csv sent with the import");
            return (false, import.Sent.Contains(table) ? $"the {table} file had no rows" : $"the import had no {table} file");
        }
        return (true, null);
    }

    private static string TableName(string listed)
    {
        var last = listed.EndsWith("_last", StringComparison.OrdinalIgnoreCase);
        var name = last ? listed[..^5] : listed;
        if (!TableNames.TryGetValue(name, out var table)) throw new InvalidDataException($"rules-2022-23.csv: unknown table '{listed}'");
        return last ? table + "_last" : table;
    }

    private static List<Rule> Read()
    {
        var checkedCodes = Validator903.RuleCodes.ToHashSet(StringComparer.Ordinal);
        using var stream = typeof(RuleList).Assembly.GetManifestResourceStream("Children.API.Returns903.rules-2022-23.csv")
            ?? throw new InvalidOperationException("rules-2022-23.csv is not embedded in Children.API");
        var csv = CsvFile.Open(stream, "rules-2022-23.csv");
        csv.Next(); // code,message,fields,tables
        var rules = new List<Rule>();
        while (csv.Next() is [var code, var message, var fields, var tables])
        {
            // "Provider Info" is one table written as two words: Ofsted's provider lists.
            var listed = tables.Replace("Provider Info", "provider_info", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            rules.Add(new Rule(code, message, fields.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                [.. listed.Select(t => t == "provider_info" ? t : TableName(t)).Distinct()], checkedCodes.Contains(code)));
        }
        return rules;
    }
}
