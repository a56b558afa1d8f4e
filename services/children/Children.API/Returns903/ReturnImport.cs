namespace Children.API.Returns903;

/// <summary>
/// The decisions of a 903 import that need no database: which table each sent file is (and whether the set can be
/// imported at all), and the report the import answers from the rows kept and the findings of the rules.
/// </summary>
public static class ReturnImport
{
    /// <summary>A rule a file set breaks, as the 400 answer names it: the field (<c>files[name]</c>) and the rule.</summary>
    public sealed record FileSetProblem(string Field, string Rule);

    /// <summary>
    /// The 903 table each file is for, from its name, in the order they are imported (by table); or the problem: no
    /// file, a name that is not a 903 file's, or two files for one table.
    /// </summary>
    public static (SortedDictionary<string, T>? Tables, FileSetProblem? Problem) Tables<T>(IReadOnlyList<T> files, Func<T, string> fileName)
    {
        if (files.Count == 0)
            return (null, new("files", "at least one 903 file is required (header.csv, episodes.csv, reviews.csv, missing.csv ...)"));
        // Tables in the default order of strings, as the import has always written them.
        var tables = new SortedDictionary<string, T>();
        foreach (var file in files)
        {
            var name = fileName(file);
            if (Returns903.Tables.FromFileName(name) is not { } table)
            {
                var expected = string.Join(", ",
                    Returns903.Tables.Columns.Keys.Where(key => Returns903.Tables.LastOf(key) is null).Select(key => key + ".csv"));
                return (null, new($"files[{name}]", $"is not a 903 file name: expected one of {expected}, or last year's as <table>_last.csv"));
            }
            if (!tables.TryAdd(table, file)) return (null, new($"files[{name}]", "is sent twice"));
        }
        return (tables, null);
    }

    /// <summary>
    /// The import's report: the rows kept per table, every finding in the order of table, row and rule (ordinal), and how
    /// many findings each rule has.
    /// </summary>
    public static ImportReport Report(Guid id, CollectionYear year, Dictionary<string, int> rows, IEnumerable<Finding> findings)
    {
        var ordered = findings.OrderBy(finding => finding.Table).ThenBy(finding => finding.Row)
            .ThenBy(finding => finding.Rule, StringComparer.Ordinal).ToList();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var finding in ordered) counts[finding.Rule] = counts.GetValueOrDefault(finding.Rule) + 1;
        return new ImportReport(id, year.ToString(), rows,
            [.. ordered.Select(finding => new ReportedFinding(finding.Rule, finding.Table, finding.Row, finding.Fields))], counts);
    }
}
