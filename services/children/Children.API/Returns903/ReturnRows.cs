namespace Children.API.Returns903;

// One row of each core 903 table, values exactly as written, with the dates the rules read parsed beside them.
// Row is the 0-based data row in its file.

public sealed record HeaderRow(int Row, string Child, string Sex, string Dob, string Ethnic, string Upn, string Mother, string McDob)
{
    public DateOnly? DobOn { get; } = CodeLists.Date(Dob);
    public DateOnly? McDobOn { get; } = CodeLists.Date(McDob);
    public string[] Fields => [Child, Sex, Dob, Ethnic, Upn, Mother, McDob];
}

public sealed record EpisodeRow(int Row, string Child, string Decom, string Rne, string Ls, string Cin, string Place, string PlaceProvider,
    string Dec, string Rec, string ReasonPlaceChange, string HomePost, string PlPost, string Urn)
{
    public DateOnly? DecomOn { get; } = CodeLists.Date(Decom);
    public DateOnly? DecOn { get; } = CodeLists.Date(Dec);
    public string[] Fields => [Child, Decom, Rne, Ls, Cin, Place, PlaceProvider, Dec, Rec, ReasonPlaceChange, HomePost, PlPost, Urn];
    /// <summary>The placement as the rules compare it: type, provider, postcode and URN.</summary>
    public (string, string, string, string) PlacementKey => (Place, PlaceProvider, PlPost, Urn);
}

public sealed record ReviewRow(int Row, string Child, string Dob, string Review, string ReviewCode)
{
    public DateOnly? DobOn { get; } = CodeLists.Date(Dob);
    public DateOnly? ReviewOn { get; } = CodeLists.Date(Review);
    public string[] Fields => [Child, Dob, Review, ReviewCode];
}

public sealed record MissingRow(int Row, string Child, string Dob, string Missing, string MisStart, string MisEnd)
{
    public DateOnly? DobOn { get; } = CodeLists.Date(Dob);
    public DateOnly? MisStartOn { get; } = CodeLists.Date(MisStart);
    public DateOnly? MisEndOn { get; } = CodeLists.Date(MisEnd);
    public string[] Fields => [Child, Dob, Missing, MisStart, MisEnd];
}

/// <summary>
/// A row of one of the return's other tables (uasc, oc2, oc3, ad1, placed_for_adoption, previous_permanence), values
/// exactly as written and looked up by the DfE's column name; a column the file did not carry reads as absent.
/// </summary>
public sealed class OtherRow(int row, IReadOnlyDictionary<string, int> columns, string[] values)
{
    public int Row { get; } = row;
    public string Child => this["CHILD"];
    /// <summary>The value in <paramref name="column"/>, or "" when blank or not in the file.</summary>
    public string this[string column] => columns.TryGetValue(column, out var i) && i < values.Length ? values[i] : "";
    /// <summary>Whether the file carried the column: a rule that reads a column the file lacks is not run on it.</summary>
    public bool Has(string column) => columns.ContainsKey(column);
    public DateOnly? Date(string column) => CodeLists.Date(this[column]);

    /// <summary>Each column's index, by its upper-case DfE name, from a file's header record.</summary>
    public static Dictionary<string, int> ColumnIndex(IEnumerable<string> header)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var name in header) index.TryAdd(name.Trim().TrimStart('\uFEFF').ToUpperInvariant(), i++);
        return index;
    }
}

/// <summary>The tables of one return, as read.</summary>
public sealed class ReturnData
{
    public List<HeaderRow> Header { get; } = [];
    public List<EpisodeRow> Episodes { get; } = [];
    public List<ReviewRow> Reviews { get; } = [];
    public List<MissingRow> Missing { get; } = [];
    /// <summary>The other tables' rows, by table name.</summary>
    public Dictionary<string, List<OtherRow>> Others { get; } = [];
    /// <summary>The rows of one of the other tables; none when the return did not carry it.</summary>
    public IReadOnlyList<OtherRow> Other(string table) => Others.TryGetValue(table, out var rows) ? rows : [];
    /// <summary>Which tables the file set carried: cross-table rules need both sides.</summary>
    public HashSet<string> Present { get; } = [];

    /// <summary>
    /// The previous year's return for the same children, when there is one: the return stored for that year, or else the
    /// <c>&lt;table&gt;_last.csv</c> files sent with the import. The rules over <c>*_last</c> tables read it.
    /// </summary>
    public ReturnData? Last { get; set; }

    /// <summary>Whether a table the DfE list names (<c>episodes</c>, <c>episodes_last</c>) is held: a rule runs only when all its tables are.</summary>
    public bool Holds(string table) =>
        Tables.LastOf(table) is { } current ? Last?.Present.Contains(current) == true : Present.Contains(table);

    /// <summary>
    /// Adds one row of a core table from its fields in the DfE's column order (<see cref="Tables.Columns"/>): the one place a
    /// file's record, a stored row and a last-year file's row become the rows the rules read.
    /// </summary>
    public void Add(string table, int row, Func<int, string> f)
    {
        switch (table)
        {
            case Tables.Header: Header.Add(new HeaderRow(row, f(0), f(1), f(2), f(3), f(4), f(5), f(6))); break;
            case Tables.Episodes:
                Episodes.Add(new EpisodeRow(row, f(0), f(1), f(2), f(3), f(4), f(5), f(6), f(7), f(8), f(9), f(10), f(11), f(12)));
                break;
            case Tables.Reviews: Reviews.Add(new ReviewRow(row, f(0), f(1), f(2), f(3))); break;
            case Tables.Missing: Missing.Add(new MissingRow(row, f(0), f(1), f(2), f(3), f(4))); break;
            default: throw new ArgumentException($"{table} is not a core 903 table", nameof(table));
        }
    }

    /// <summary>
    /// Moves the <c>*_last</c> tables read as other tables (as a last-year file is kept) into <see cref="Last"/>, typed as
    /// this year's are.
    /// </summary>
    public void MoveLastYearFiles()
    {
        foreach (var table in Others.Keys.Where(t => Tables.LastOf(t) is not null).ToList())
        {
            var rows = Others[table];
            Others.Remove(table);
            Present.Remove(table);
            var current = Tables.LastOf(table)!;
            Last ??= new ReturnData();
            Last.Present.Add(current);
            if (!Tables.IsCore(current))
            {
                Last.Others[current] = rows;
                continue;
            }
            var columns = Tables.Columns[current];
            foreach (var row in rows) Last.Add(current, row.Row, i => row[columns[i]]);
        }
    }
}

/// <summary>
/// Turns a whole CSV file into rows in memory (the rules' tests and the in-process benchmark; imports stream into the
/// database instead through <see cref="ReturnFile"/>, validating a small upload that is the whole of its year as read, and
/// otherwise reading the year back a batch of children at a time). Codes, dates and postcodes repeat across thousands of rows: each distinct
/// short value is kept once, so a large return costs references, not strings.
/// </summary>
public sealed class RowReader
{
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

    private string Pooled(string value)
    {
        if (value.Length == 0) return "";
        if (value.Length > 16 || _pool.Count > 1_000_000) return value;
        if (_pool.TryGetValue(value, out var kept)) return kept;
        _pool[value] = value;
        return value;
    }

    /// <summary>The index of each expected column in the file's header record; refuses a file without them or with others.</summary>
    public static int[] MapColumns(string table, string file, string[]? header)
    {
        if (header is null) throw new NotA903FileException(file, "the file is empty: a 903 file starts with a header row naming its columns");
        var names = header.Select(h => h.Trim().TrimStart('\uFEFF').ToUpperInvariant()).ToArray();
        var expected = Tables.Columns[table];
        var missing = expected.Where(c => !names.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new NotA903FileException(file, $"not a 903 {table} file: the header row lacks {string.Join(", ", missing)} (expected " +
                $"{string.Join(",", expected)})");
        if (Tables.IsCore(table))
        {
            var unknown = names.Where(n => !expected.Contains(n)).ToList();
            if (unknown.Count > 0)
                throw new NotA903FileException(file, $"columns not in the 903 {table} specification: {string.Join(", ", unknown)}");
            var repeated = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (repeated.Count > 0) throw new NotA903FileException(file, $"columns named twice: {string.Join(", ", repeated)}");
        }
        return expected.Select(c => Array.IndexOf(names, c)).ToArray();
    }

    /// <summary>The characters a spreadsheet reads as the start of a formula (OWASP's CSV injection list).</summary>
    public static readonly System.Buffers.SearchValues<char> FormulaStarts = System.Buffers.SearchValues.Create("=+-@\t\r");

    /// <summary>
    /// Refuses a cell that starts as a formula would (=, +, -, @, a tab or a carriage return). No 903 field can validly start
    /// so, and the export writes values back exactly as imported: an analyst opening it in a spreadsheet would run the
    /// formula. <paramref name="row"/> is the 0-based data row, as findings count; <paramref name="line"/> the file's line.
    /// </summary>
    public static void RefuseFormulaCells(string file, IReadOnlyList<string> columns, string[] record, int row, int line)
    {
        for (var i = 0; i < record.Length; i++)
        {
            var cell = record[i];
            if (cell.Length == 0 || !FormulaStarts.Contains(cell[0])) continue;
            var field = i < columns.Count ? columns[i].Trim().TrimStart('\uFEFF').ToUpperInvariant() : $"#{i + 1}";
            var shown = cell[0] switch { '\t' => "a tab", '\r' => "a carriage return", var c => $"'{c}'" };
            throw new NotA903FileException(file,
                $"row {row} (line {line}), field {field}: starts with {shown}, which no 903 value does; a spreadsheet would run the cell as a formula");
        }
    }

    /// <summary>Reads every data row of a table into <paramref name="data"/>; a <c>*_last</c> table into its previous year's return.</summary>
    public void Read(string table, string file, CsvFile csv, ReturnData data)
    {
        if (Tables.LastOf(table) is { } current)
        {
            Read(current, file, csv, data.Last ??= new ReturnData());
            return;
        }
        var read = ReturnFile.Open(table, file, csv);
        data.Present.Add(table);
        var row = 0;
        var columns = Tables.IsCore(table) ? null : OtherRow.ColumnIndex(read.Columns);
        if (columns is not null) data.Others[table] = [];
        foreach (var record in read.Records())
        {
            if (columns is null) data.Add(table, row, i => Pooled(record[read.Map[i]]));
            else data.Others[table].Add(new OtherRow(row, columns, [.. record.Select(Pooled)]));
            row++;
        }
    }
}
