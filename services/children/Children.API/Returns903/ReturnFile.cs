namespace Children.API.Returns903;

/// <summary>
/// One 903 file as it is read: its header row checked against its table's columns when it is opened, then its data records
/// one at a time, each checked (as many fields as the header row, no cell a spreadsheet would run as a formula), blank lines
/// skipped. The one reading of a file that the database's rows and the rules' rows both come from.
/// </summary>
public sealed class ReturnFile
{
    private readonly CsvFile _csv;
    private List<string[]>? _buffered;

    private ReturnFile(string table, string file, CsvFile csv, string[] columns, int[] map)
    {
        Table = table;
        File = file;
        _csv = csv;
        Columns = columns;
        Map = map;
    }

    /// <summary>The table, by the DfE list's name (<c>episodes</c>, <c>oc2</c>, <c>episodes_last</c>).</summary>
    public string Table { get; }

    /// <summary>The file's name as sent: findings and refusals name it.</summary>
    public string File { get; }

    /// <summary>The header row as sent, each name trimmed of spaces and a byte-order mark.</summary>
    public string[] Columns { get; }

    /// <summary>Where each of the table's required columns is in a record, in the DfE's order (<see cref="Tables.Columns"/>).</summary>
    public int[] Map { get; }

    /// <summary>Reads the header row; a file without it, or (for the four core tables) with columns not in the specification, is refused.</summary>
    public static ReturnFile Open(string table, string file, CsvFile csv)
    {
        var header = csv.Next();
        var map = RowReader.MapColumns(table, file, header);
        return new ReturnFile(table, file, csv, [.. header!.Select(h => h.Trim().TrimStart('\uFEFF'))], map);
    }

    /// <summary>The data records, checked: read from the file as they are asked for, or from memory after <see cref="Buffer"/>.</summary>
    public IEnumerable<string[]> Records() => _buffered ?? Read();

    /// <summary>
    /// Reads and checks every record now, so that a file that is not a 903 file is refused before anything is written, and the
    /// records can be read twice (copied and validated at once).
    /// </summary>
    public ReturnFile Buffer()
    {
        _buffered ??= [.. Read()];
        return this;
    }

    private IEnumerable<string[]> Read()
    {
        var row = 0;
        while (_csv.Next() is { } record)
        {
            if (record.Length == 1 && record[0].Length == 0) continue; // a blank line
            if (record.Length != Columns.Length)
                throw new NotA903FileException(File, $"line {_csv.Line}: {record.Length} fields where the header row has {Columns.Length}");
            RowReader.RefuseFormulaCells(File, Columns, record, row++, _csv.Line);
            yield return record;
        }
    }

    /// <summary>
    /// Adds this file's rows to <paramref name="data"/> as the rules read them back from the database: the core tables by
    /// column, the other tables the rules read as sent (a last-year file among them, until <see cref="ReturnData.MoveLastYearFiles"/>);
    /// a table is present when it has a row. A table the rules do not read (sw_episodes) adds nothing.
    /// </summary>
    public void AddTo(ReturnData data)
    {
        var core = Tables.IsCore(Table);
        if (!core && !Tables.KeptAsSent.Contains(Table)) return;
        var index = core ? null : OtherRow.ColumnIndex(Columns);
        var row = 0;
        foreach (var record in Records())
        {
            data.Present.Add(Table);
            if (core) data.Add(Table, row, i => record[Map[i]]);
            else (data.Others.TryGetValue(Table, out var rows) ? rows : data.Others[Table] = []).Add(new OtherRow(row, index!, record));
            row++;
        }
    }
}
