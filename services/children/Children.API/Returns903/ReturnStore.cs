using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace Children.API.Returns903;

/// <summary>
/// Writes and reads the 903 tables with PostgreSQL's COPY: a year's return replaces what that year's
/// earlier import held, row for row and value for value, inside the caller's transaction.
/// </summary>
public static class ReturnStore
{
    private static readonly Dictionary<string, (string Table, string[] Columns)> Core = new()
    {
        [Tables.Header] = ("header_rows", ["child", "sex", "dob", "ethnic", "upn", "mother", "mc_dob"]),
        [Tables.Episodes] = ("episode_rows",
            ["child", "decom", "rne", "ls", "cin", "place", "place_provider", "dec", "rec", "reason_place_change", "home_post", "pl_post", "urn"]),
        [Tables.Reviews] = ("review_rows", ["child", "dob", "review", "review_code"]),
        [Tables.Missing] = ("missing_rows", ["child", "dob", "missing", "mis_start", "mis_end"]),
    };

    /// <summary>Two imports of the same year one after the other, never interleaved: a lock held to the end of the transaction.</summary>
    public static async Task LockYearAsync(NpgsqlConnection connection, CollectionYear year, CancellationToken ct)
    {
        await using var lockYear = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('903 ' || @year))", connection);
        lockYear.Parameters.AddWithValue("year", year.ToString());
        await lockYear.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Adds the rows of <paramref name="file"/> to the year, after <see cref="DeleteYearAsync"/> has removed what the year held
    /// of its table; answers the number of data rows.
    /// </summary>
    public static async Task<int> CopyYearAsync(NpgsqlConnection connection, CollectionYear year, ReturnFile file, CancellationToken ct) =>
        Tables.IsCore(file.Table) ? await CopyCoreAsync(connection, year, file, ct) : await CopyOtherAsync(connection, year, file, ct);

    /// <summary>Keeps the import's summary: the files sent, the rows kept, the number of findings and their counts by rule.</summary>
    public static async Task RecordImportAsync(
        NpgsqlConnection connection, ImportReport report, IEnumerable<string> tables, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "INSERT INTO imports (id, collection_year, imported_at, files, rows, findings, counts) VALUES (@id, @year, @at, @files, @rows, " +
            "@findings, @counts::jsonb)",
            connection);
        cmd.Parameters.AddWithValue("id", report.Id);
        cmd.Parameters.AddWithValue("year", report.CollectionYear);
        cmd.Parameters.AddWithValue("at", at);
        cmd.Parameters.AddWithValue("files", tables.Order().ToArray());
        cmd.Parameters.AddWithValue("rows", report.Rows.Values.Sum());
        cmd.Parameters.AddWithValue("findings", report.Errors.Count);
        cmd.Parameters.AddWithValue("counts", System.Text.Json.JsonSerializer.Serialize(report.Counts));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Removes what the year held of <paramref name="table"/>: an import's file replaces it whole.</summary>
    public static async Task DeleteYearAsync(NpgsqlConnection connection, CollectionYear year, string table, CancellationToken ct)
    {
        var sql = Tables.IsCore(table)
            ? $"DELETE FROM {Core[table].Table} WHERE collection_year = @year"
            : "DELETE FROM other_rows WHERE collection_year = @year AND table_name = @table";
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddWithValue("year", year.ToString());
        cmd.Parameters.AddWithValue("table", table);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Copies a core table straight from its file, one record at a time: nothing of the file is kept in memory (unless it was
    /// buffered). Answers the number of data rows.
    /// </summary>
    private static async Task<int> CopyCoreAsync(NpgsqlConnection connection, CollectionYear year, ReturnFile file, CancellationToken ct)
    {
        var (name, columns) = Core[file.Table];
        var dates = DateColumns(file.Table);
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {name} ({string.Join(", ", new[] { "collection_year", "row_no" }.Concat(columns).Concat(dates.Select(d => d.Column)))}) FROM " +
            $"STDIN (FORMAT BINARY)", ct);
        var row = 0;
        var y = year.ToString();
        var map = file.Map;
        foreach (var record in file.Records())
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(y, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(row++, NpgsqlDbType.Integer, ct);
            foreach (var i in map) await writer.WriteAsync(record[i], NpgsqlDbType.Text, ct);
            foreach (var (_, field) in dates)
                if (CodeLists.Date(record[map[field]]) is { } day) await writer.WriteAsync(day, NpgsqlDbType.Date, ct);
                else await writer.WriteNullAsync(ct);
        }
        await writer.CompleteAsync(ct);
        return row;
    }

    /// <summary>The parsed date columns beside a core table's text, and the field each is parsed from.</summary>
    private static (string Column, int Field)[] DateColumns(string table) => table switch
    {
        Tables.Episodes => [("decom_on", 1), ("dec_on", 7)],
        Tables.Reviews => [("review_on", 2)],
        Tables.Missing => [("mis_start_on", 3), ("mis_end_on", 4)],
        _ => [],
    };

    /// <summary>The tables the rules read that hold rows for the year: the core tables, then the other tables the rules read.</summary>
    public static async Task<List<string>> TablesOfYearAsync(NpgsqlConnection connection, CollectionYear year, CancellationToken ct)
    {
        var tables = new List<string>();
        foreach (var (table, (name, _)) in Core)
        {
            await using var cmd = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {name} WHERE collection_year = @y)", connection);
            cmd.Parameters.AddWithValue("y", year.ToString());
            if ((bool)(await cmd.ExecuteScalarAsync(ct))!) tables.Add(table);
        }
        await using (var others = new NpgsqlCommand("SELECT DISTINCT table_name FROM other_rows WHERE collection_year = @y AND table_name = " +
            "ANY(@tables) ORDER BY 1", connection))
        {
            others.Parameters.AddWithValue("y", year.ToString());
            others.Parameters.AddWithValue("tables", Tables.KeptAsSent.ToArray());
            await using var reader = await others.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        }
        return tables;
    }

    /// <summary>
    /// The tables a year's validation reads: the year's own, and the previous year's return's under their <c>_last</c> names,
    /// which are the return stored for the previous year when there is one, and otherwise the <c>*_last.csv</c> files sent
    /// with the year's imports (<paramref name="LastYearStored"/> says which).
    /// </summary>
    public sealed record YearTables(IReadOnlyList<string> Current, IReadOnlyList<string> LastYear, bool LastYearStored)
    {
        /// <summary>Every table held, by the names the DfE list uses (<c>episodes</c>, <c>episodes_last</c>).</summary>
        public IEnumerable<string> Held => Current.Concat(LastYear);

        /// <summary>The tables to read back from the year's own rows: the last-year files too, unless a stored return comes first.</summary>
        public IEnumerable<string> ReadFromYear => LastYearStored ? Current : Held;
    }

    /// <summary>The tables a year's validation reads, this year's and last year's (see <see cref="YearTables"/>).</summary>
    public static async Task<YearTables> ValidatedTablesAsync(NpgsqlConnection connection, CollectionYear year, CancellationToken ct)
    {
        var held = await TablesOfYearAsync(connection, year, ct);
        var current = held.Where(t => Tables.LastOf(t) is null).ToList();
        var stored = (await TablesOfYearAsync(connection, year.Previous, ct)).Where(t => Tables.LastOf(t) is null).ToList();
        return stored.Count > 0
            ? new YearTables(current, [.. stored.Select(t => t + Tables.LastYearSuffix)], LastYearStored: true)
            : new YearTables(current, [.. held.Where(t => Tables.LastOf(t) is not null)], LastYearStored: false);
    }

    /// <summary>
    /// The rows of the children from <paramref name="first"/> to <paramref name="last"/> that the year's validation reads: the
    /// year's own, with the previous year's return (stored, or the year's last-year files) beside them.
    /// </summary>
    public static async Task<ReturnData> ReadChildrenAsync(
        NpgsqlConnection connection, CollectionYear year, string first, string last, YearTables tables, CancellationToken ct)
    {
        var data = await ReadChildrenAsync(connection, year, first, last, tables.ReadFromYear, ct);
        if (tables.LastYearStored)
            data.Last = await ReadChildrenAsync(connection, year.Previous, first, last, tables.LastYear.Select(t => Tables.LastOf(t)!), ct);
        else data.MoveLastYearFiles();
        return data;
    }

    // An other table's CHILD value: its columns are kept as sent, so the CHILD column is found by name, in any case.
    private const string OtherChild = "fields[(SELECT c.i FROM unnest(columns) WITH ORDINALITY AS c(name, i) WHERE upper(c.name) = 'CHILD' LIMIT 1)::int]";

    /// <summary>
    /// The year's children (those named in its core tables and the other tables the rules read) cut into batches of at most
    /// <paramref name="batch"/>, in the database's order of child: each batch's first and last child. The database cuts them,
    /// so the import holds two names per batch, not a name per child: its memory stays the same whatever the size of the return.
    /// </summary>
    public static async Task<List<(string First, string Last)>> ChildBatchesAsync(
        NpgsqlConnection connection, CollectionYear year, int batch, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT min(child), max(child) FROM (SELECT child, (row_number() OVER (ORDER BY child) - 1) / @batch AS b FROM (" +
            "SELECT child FROM header_rows WHERE collection_year = @y UNION SELECT child FROM episode_rows WHERE collection_year = @y " +
            "UNION SELECT child FROM review_rows WHERE collection_year = @y UNION SELECT child FROM missing_rows WHERE collection_year = @y " +
            $"UNION SELECT {OtherChild} FROM other_rows WHERE collection_year = @y AND table_name = ANY(@tables)) c WHERE child IS NOT NULL) " +
            "n GROUP BY b ORDER BY b", connection);
        cmd.Parameters.AddWithValue("y", year.ToString());
        cmd.Parameters.AddWithValue("tables", Tables.OtherValidated.ToArray());
        cmd.Parameters.AddWithValue("batch", (long)batch);
        var batches = new List<(string, string)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) batches.Add((reader.GetString(0), reader.GetString(1)));
        return batches;
    }

    /// <summary>
    /// The year's rows of the children from <paramref name="first"/> to <paramref name="last"/> (in the database's order), as the validator reads
    /// them.
    /// </summary>
    public static async Task<ReturnData> ReadChildrenAsync(
        NpgsqlConnection connection, CollectionYear year, string first, string last, IEnumerable<string> present, CancellationToken ct)
    {
        var data = new ReturnData();
        foreach (var table in present) data.Present.Add(table);
        foreach (var table in data.Present.Where(Tables.IsCore))
        {
            var (name, columns) = Core[table];
            await using var cmd = new NpgsqlCommand(
                $"SELECT row_no, {string.Join(", ", columns)} FROM {name} WHERE collection_year = @y AND child >= @first AND child <= @last ORDER BY " +
                $"row_no", connection);
            cmd.Parameters.AddWithValue("y", year.ToString());
            cmd.Parameters.AddWithValue("first", first);
            cmd.Parameters.AddWithValue("last", last);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var row = r.GetInt32(0);
                string F(int i) => r.GetString(i + 1);
                switch (table)
                {
                    case Tables.Header: data.Header.Add(new HeaderRow(row, F(0), F(1), F(2), F(3), F(4), F(5), F(6))); break;
                    case Tables.Episodes:
                        data.Episodes.Add(new EpisodeRow(row, F(0), F(1), F(2), F(3), F(4), F(5), F(6), F(7), F(8), F(9), F(10), F(11), F(12)));
                        break;
                    case Tables.Reviews: data.Reviews.Add(new ReviewRow(row, F(0), F(1), F(2), F(3))); break;
                    case Tables.Missing: data.Missing.Add(new MissingRow(row, F(0), F(1), F(2), F(3), F(4))); break;
                }
            }
        }
        var others = data.Present.Where(t => !Tables.IsCore(t)).ToArray();
        foreach (var table in others) data.Others[table] = [];
        if (others.Length == 0) return data;
        await using var other = new NpgsqlCommand(
            $"SELECT table_name, row_no, columns, fields FROM other_rows WHERE collection_year = @y AND table_name = ANY(@tables) AND {OtherChild} " +
            $"BETWEEN @first AND @last ORDER BY table_name, row_no", connection);
        other.Parameters.AddWithValue("y", year.ToString());
        other.Parameters.AddWithValue("tables", others);
        other.Parameters.AddWithValue("first", first);
        other.Parameters.AddWithValue("last", last);
        await using var o = await other.ExecuteReaderAsync(ct);
        var index = new Dictionary<string, Dictionary<string, int>>();
        while (await o.ReadAsync(ct))
        {
            var table = o.GetString(0);
            if (!index.TryGetValue(table, out var columns)) index[table] = columns = OtherRow.ColumnIndex(o.GetFieldValue<string[]>(2));
            data.Others[table].Add(new OtherRow(o.GetInt32(1), columns, o.GetFieldValue<string[]>(3)));
        }
        return data;
    }

    /// <summary>Copies one of the return's other tables straight from its file, row by row, as sent.</summary>
    private static async Task<int> CopyOtherAsync(NpgsqlConnection connection, CollectionYear year, ReturnFile file, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY other_rows (collection_year, table_name, row_no, columns, fields) FROM STDIN (FORMAT BINARY)", ct);
        var row = 0;
        foreach (var record in file.Records())
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(year.ToString(), NpgsqlDbType.Text, ct);
            await writer.WriteAsync(file.Table, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(row++, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(file.Columns, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await writer.WriteAsync(record, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        }
        await writer.CompleteAsync(ct);
        return row;
    }

    /// <summary>
    /// The rows of one core table that the return for <paramref name="year"/> holds, in file order: the rows its
    /// import carried, then live records entered through the API that fall in the year.
    /// </summary>
    public static async Task<List<string[]>> ReadYearAsync(NpgsqlConnection connection, string table, CollectionYear year, CancellationToken ct)
    {
        var (name, columns) = Core[table];
        var live = table switch
        {
            Tables.Episodes => "decom_on <= @end AND (dec_on IS NULL OR dec_on >= @start)",
            Tables.Reviews => "review_on BETWEEN @start AND @end",
            Tables.Missing => "mis_start_on BETWEEN @start AND @end OR (mis_start_on < @start AND (mis_end_on IS NULL OR mis_end_on >= @start))",
            _ => "child IN (SELECT child FROM episode_rows WHERE collection_year IS NULL AND decom_on <= @end AND (dec_on IS NULL OR dec_on >= @start))" +
                 " AND child NOT IN (SELECT child FROM header_rows WHERE collection_year = @year)",
        };
        // Live records come after the import's rows, in the order they were recorded (reviews and missing episodes have no
        // live records and no key: their order ends with the row's number).
        var recorded = table is Tables.Header or Tables.Episodes ? ", id" : "";
        var sql = $"SELECT {string.Join(", ", columns)} FROM {name} WHERE collection_year = @year OR (collection_year IS NULL AND ({live})) " +
                  $"ORDER BY collection_year IS NULL, row_no{recorded}";
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddWithValue("year", year.ToString());
        cmd.Parameters.AddWithValue("start", year.Start);
        cmd.Parameters.AddWithValue("end", year.End);
        var rows = new List<string[]>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var fields = new string[columns.Length];
            for (var i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i);
            rows.Add(fields);
        }
        return rows;
    }

    /// <summary>The return's other tables for the year: each table's columns and rows as they were sent.</summary>
    public static async Task<Dictionary<string, (string[] Columns, List<string[]> Rows)>> ReadOthersAsync(
        NpgsqlConnection connection, CollectionYear year, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT table_name, columns, fields FROM other_rows WHERE collection_year = @year ORDER BY " +
            "table_name, row_no", connection);
        cmd.Parameters.AddWithValue("year", year.ToString());
        var tables = new Dictionary<string, (string[] Columns, List<string[]> Rows)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var table = reader.GetString(0);
            if (!tables.TryGetValue(table, out var t)) tables[table] = t = (reader.GetFieldValue<string[]>(1), []);
            t.Rows.Add(reader.GetFieldValue<string[]>(2));
        }
        return tables;
    }

    /// <summary>
    /// The care the KPIs read from the 903 rows: one row per child and start date (a live record over an imported one, a later return over an
    /// earlier).
    /// </summary>
    public sealed record CareRows(Dictionary<string, DateOnly> DatesOfBirth, List<Kpis.CareEpisode> Episodes, List<Kpis.MissingEpisode> Missing);

    /// <summary>Each child's date of birth, episodes and missing episodes as the latest record of each holds them.</summary>
    public static async Task<CareRows> CareAsync(Microsoft.EntityFrameworkCore.DbContext db, CancellationToken ct)
    {
        var connection = await OpenAsync(db, ct);
        var care = new CareRows([], [], []);
        await ReadAsync(connection, "SELECT DISTINCT ON (child) child, dob FROM header_rows ORDER BY child, collection_year IS NOT NULL, " +
            "collection_year DESC", row =>
        {
            if (CodeLists.Date(row.GetString(1)) is { } dob) care.DatesOfBirth[row.GetString(0)] = dob;
        }, ct);
        await ReadAsync(connection,
            "SELECT DISTINCT ON (child, decom_on) child, decom_on, dec_on, rne, ls, place, home_post, pl_post FROM episode_rows WHERE decom_on IS NOT NULL " +
            "ORDER BY child, decom_on, collection_year IS NOT NULL, collection_year DESC",
            row => care.Episodes.Add(new Kpis.CareEpisode(row.GetString(0), row.GetFieldValue<DateOnly>(1), Date(row, 2),
                row.GetString(3), row.GetString(4), row.GetString(5), row.GetString(6), row.GetString(7))), ct);
        await ReadAsync(connection,
            "SELECT DISTINCT ON (child, mis_start_on) child, mis_start_on, mis_end_on FROM missing_rows WHERE mis_start_on IS NOT NULL " +
            "ORDER BY child, mis_start_on, collection_year IS NOT NULL, collection_year DESC",
            row => care.Missing.Add(new Kpis.MissingEpisode(row.GetString(0), row.GetFieldValue<DateOnly>(1), Date(row, 2))), ct);
        return care;
    }

    private static DateOnly? Date(NpgsqlDataReader row, int field) => row.IsDBNull(field) ? null : row.GetFieldValue<DateOnly>(field);

    private static async Task ReadAsync(NpgsqlConnection connection, string sql, Action<NpgsqlDataReader> read, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) read(reader);
    }

    /// <summary>
    /// The DbContext's own connection, opened, for the 903 feature's COPY and its reads (measured: <c>bench/children</c>).
    /// Other features go through EF Core.
    /// </summary>
    public static async Task<NpgsqlConnection> OpenAsync(Microsoft.EntityFrameworkCore.DbContext db, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(db.Database);
        if (connection.State != ConnectionState.Open) await connection.OpenAsync(ct);
        return connection;
    }
}
