using Children.API.Infrastructure;
using Intervention.ServiceDefaults.Data;
using Intervention.ServiceDefaults.Http;
using Intervention.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;

namespace Children.API.Returns903;

/// <summary>What a request for an import's findings asks: the filters and how many to list.</summary>
/// <param name="Rule">Only this rule's findings (the DfE code, exact), or all.</param>
/// <param name="Table">Only this table's (<c>episodes</c>), or all.</param>
/// <param name="Child">Only this child's (local identifier), or all.</param>
/// <param name="Limit">The most findings listed.</param>
public sealed record FindingsFilter(string? Rule, string? Table, string? Child, int Limit);

/// <summary>
/// An import's findings by import id (<c>GET /api/903/imports/{id}/findings</c>): every finding is kept with the child its row
/// names when the import is made, and listed with the DfE's words for its rule; the child's identifier for the children's team only.
/// </summary>
public static class ImportFindingsEndpoints
{
    public const int DefaultLimit = 1000;
    public const int MostListed = 10_000;

    public static IEndpointRouteBuilder MapImportFindings(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/903").WithTags("SSDA903")
            .MapGet("/imports/{id:guid}/findings", Get).WithName("Get903ImportFindings")
            .WithSummary("An import's findings, filterable by rule, table and child; each with the child's local identifier for the children's team only")
            .WithDescription($"rule (DfE code), table (episodes ...), child (local identifier: children's team only), limit (1 to {MostListed}, " +
                $"default {DefaultLimit}). Reading the children's identifiers is audited.");
        return app;
    }

    /// <summary>The filters as asked, or the field that breaks its rule. Only the children's team may name a child.</summary>
    public static Decision<FindingsFilter> Filter(string? rule, string? table, string? child, string? limit, bool childrensTeam)
    {
        var broken = new Dictionary<string, string[]>();
        rule = Blank(rule);
        table = Blank(table);
        child = Blank(child);
        if (rule is not null && !RuleList.All.Any(r => r.Code == rule)) broken["rule"] = ["must be a code of the DfE's 903 rule list (101, 392c, INT05 ...)"];
        if (table is not null && Tables.FromFileName(table + ".csv") != table)
            broken["table"] = [$"must be a 903 table: {string.Join(", ", Tables.Columns.Keys)}"];
        if (child is not null && !childrensTeam) broken["child"] = ["may be named by the children's team alone: a child's identifier is personal data"];
        else if (child is { Length: > 40 }) broken["child"] = ["must be at most 40 characters"];
        var most = DefaultLimit;
        if (Blank(limit) is { } given && (!int.TryParse(given, out most) || most is < 1 or > MostListed))
            broken["limit"] = [$"must be a whole number from 1 to {MostListed}"];
        return broken.Count > 0 ? Refusal.OfFields(broken, "The import's findings cannot be listed") : new FindingsFilter(rule, table, child, most);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// Keeps the import's findings, each with the child the row it names holds now (in the import's transaction, after its rows are
    /// written): its CHILD column, found by name in the tables kept as sent.
    /// </summary>
    public static async Task RecordAsync(NpgsqlConnection connection, ImportReport report, CancellationToken ct)
    {
        if (report.Errors.Count == 0) return; // a COPY of nothing still costs its round trips (bench/children)
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY import_findings (import_id, seq, rule, table_name, row_no, fields) FROM STDIN (FORMAT BINARY)", ct))
        {
            var seq = 0;
            foreach (var finding in report.Errors)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(report.Id, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(seq++, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(finding.Rule, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(finding.Table, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(finding.Row, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(finding.Fields.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            }
            await writer.CompleteAsync(ct);
        }
        await using var children = new NpgsqlCommand(
            "UPDATE import_findings f SET child = r.child FROM (" +
            "SELECT 'header' AS t, row_no, child FROM header_rows WHERE collection_year = @y UNION ALL " +
            "SELECT 'episodes', row_no, child FROM episode_rows WHERE collection_year = @y UNION ALL " +
            "SELECT 'reviews', row_no, child FROM review_rows WHERE collection_year = @y UNION ALL " +
            "SELECT 'missing', row_no, child FROM missing_rows WHERE collection_year = @y UNION ALL " +
            "SELECT table_name, row_no, fields[(SELECT c.i FROM unnest(columns) WITH ORDINALITY AS c(name, i) WHERE upper(c.name) = 'CHILD' LIMIT 1)::int] " +
            "FROM other_rows WHERE collection_year = @y) r WHERE f.import_id = @id AND f.table_name = r.t AND f.row_no = r.row_no", connection);
        children.Parameters.AddWithValue("y", report.CollectionYear);
        children.Parameters.AddWithValue("id", report.Id);
        await children.ExecuteNonQueryAsync(ct);
    }

    private static async Task<Results<Ok<ImportFindings>, NotFound, ValidationProblem>> Get(
        Guid id, string? rule, string? table, string? child, string? limit, ChildrenDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        // validate
        var childrensTeam = http.User.IsInRole(Roles.Children);
        var filter = Filter(rule, table, child, limit, childrensTeam);
        if (filter.Refused is { } refused) return refused.AsValidationProblem();
        // load
        var connection = await ReturnStore.OpenAsync(db, ct);
        if (await ImportAsync(connection, id, ct) is not { } import) return TypedResults.NotFound();
        if (childrensTeam)
            await db.RecordReadAsync(http, "903 import findings", $"/api/903/imports/{id}/findings",
                "903 findings listed with the children they concern", clock, ct);
        var (findings, total) = await FindingsAsync(connection, id, filter.Changes!, childrensTeam, ct);
        return TypedResults.Ok(new ImportFindings(id, import.Year, import.At, import.Rows, total, findings, childrensTeam));
    }

    private static async Task<(string Year, DateTimeOffset At, int Rows)?> ImportAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        await using var import = new NpgsqlCommand("SELECT collection_year, imported_at, rows FROM imports WHERE id = @id", connection);
        import.Parameters.AddWithValue("id", id);
        await using var reader = await import.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2)) : null;
    }

    /// <summary>The findings that match, the first <c>limit</c> of them, and how many match in all (0 past the last page too).</summary>
    private static async Task<(List<ImportFinding> Findings, int Total)> FindingsAsync(
        NpgsqlConnection connection, Guid id, FindingsFilter filter, bool childrensTeam, CancellationToken ct)
    {
        const string where = "WHERE import_id = @id AND (@rule::text IS NULL OR rule = @rule) AND (@table::text IS NULL OR table_name = @table) " +
            "AND (@child::text IS NULL OR child = @child)";
        await using var cmd = new NpgsqlCommand(
            $"SELECT rule, table_name, row_no, fields, child, count(*) OVER () FROM import_findings {where} ORDER BY seq LIMIT @limit", connection);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.Add(new NpgsqlParameter("rule", NpgsqlDbType.Text) { Value = (object?)filter.Rule ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("table", NpgsqlDbType.Text) { Value = (object?)filter.Table ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("child", NpgsqlDbType.Text) { Value = (object?)filter.Child ?? DBNull.Value });
        cmd.Parameters.AddWithValue("limit", filter.Limit);
        var messages = RuleList.All.ToDictionary(r => r.Code, r => r.Message);
        var findings = new List<ImportFinding>();
        var total = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var code = reader.GetString(0);
            findings.Add(new ImportFinding(code, messages.GetValueOrDefault(code, ""), reader.GetString(1), reader.GetInt32(2),
                reader.GetFieldValue<string[]>(3), childrensTeam && !reader.IsDBNull(4) ? reader.GetString(4) : null));
            total = (int)reader.GetInt64(5);
        }
        return (findings, total);
    }
}
