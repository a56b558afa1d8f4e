using Microsoft.EntityFrameworkCore;
using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Data;
using Intervention.ServiceDefaults.Http;
using Intervention.ServiceDefaults.Security;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Children.API.Infrastructure;
using Children.API.ReferenceData;
using Microsoft.Extensions.Options;
using Intervention.Contracts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Children.API.Returns903;

public static class ReturnEndpoints
{
    /// <summary>The largest file set an import accepts (DESIGN.md: 903 uploads 256 MB, streamed).</summary>
    public const long UploadLimit = 256L * 1024 * 1024;

    /// <summary>The most form parts an import reads: a return has a dozen files, and each part costs a buffer.</summary>
    public const int MaxParts = 64;

    /// <summary>Children validated together: bounds the rows held in memory whatever the size of the return.</summary>
    private const int ValidationBatch = 2000;

    /// <summary>
    /// The largest upload that is read whole into memory before it is copied, so that it can be validated as read, while it is
    /// copied, rather than read back: about one validation batch's rows (a local authority's year is a few hundred KB to 1 MB
    /// of CSV), so memory stays as bounded as the batches keep it. Reading back was a third of the benchmark year's import
    /// (bench/children).
    /// </summary>
    private const long ValidatedAsReadUpTo = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapReturns(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/903").WithTags("SSDA903");
        group.MapPost("/imports", Import)
            .WithName("Import903")
            .WithSummary("Import a collection year's SSDA903 files and answer with the validation report")
            .WithDescription("multipart/form-data: one part per file named as the 903 table (header.csv, episodes.csv, reviews.csv, missing.csv, "
                             + "uasc.csv, oc2.csv, oc3.csv, ad1.csv, placed_for_adoption.csv, previous_permanence.csv, sw_episodes.csv) and a field "
                             + "collectionYear (2017/18). The files replace what that year's earlier import of the same tables held. Every row is kept "
                             + "as written; rows that break a DfE rule are reported by code, table, row and fields. "
                             + "A file that is not a 903 CSV file is a 400.")
            .DisableAntiforgery()
            // Raised by routing, before any middleware reads the body: the Idempotency-Key fingerprint reads it first.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(UploadLimit));
        group.MapGet("/rules", ListRules).WithName("List903Rules")
            .WithSummary("Every rule of the DfE's 903 rule list and, for a collection year, whether it ran at that year's latest import and why not")
            .WithDescription("year (2017/18) is optional: without it, the list alone. A rule this service does not check is reported as not built " +
                "yet, never as passed.");
        group.MapGet("/preview", Preview).RequireAccess(Access.Personal).WithName("Preview903")
            .WithSummary("The findings the 903 return would have if it were cut on a day from the episodes recorded through the API")
            .WithDescription("asAt (YYYY-MM-DD) is optional: without it, today in London. The return is the collection year the day falls " +
                "in: each recorded episode begun by that day and not ended before the year (one ending after the day is open on it), with " +
                "its child's header. Findings have the shape of an import's report.");
        group.MapGet("/imports/{id:guid}", GetImport).WithName("Get903Import").WithSummary("The counts of an earlier import's validation report");
        group.MapGet("/exports/{year}", Export).RequireAccess(Access.Personal)
            .WithName("Export903")
            .WithSummary("The collection year's 903 files as a zip, which re-imports to the same data");
        group.MapGet("/exports/{year}/{file}", ExportFile).RequireAccess(Access.Personal)
            .WithName("Export903File")
            .WithSummary("One file of the collection year's return (episodes.csv ...)");
        return app;
    }

    private static async Task<Results<Created<ImportReport>, ValidationProblem, ProblemHttpResult>> Import(
        HttpContext context, ChildrenDb db, TimeProvider clock, IOptions<ChildrenOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var timings = new ImportTimings();
        // validate: a readable upload, a collection year and a 903 table for each file
        var (upload, invalid, tooLarge) = await ReadUploadAsync(context, ct);
        timings.Mark("upload");
        if (invalid is not null) return invalid;
        if (tooLarge is not null) return tooLarge;
        var (year, files) = upload!.Value;
        // load, decide: the files replace the year's tables, under the year's lock, inside the transaction, and the year's rules
        // run over what it then holds, with the reference data in force on the day validated
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = await ReturnStore.OpenAsync(db, ct);
        var now = clock.GetUtcNow();
        var reference = await ReferenceDataEndpoints.InForceAsync(db, options.Value.LocalAuthority, ReferenceVersion.DayValidated(year, now), now, ct);
        timings.Mark("reference");
        var (rows, findings, notA903File) = await ReplaceAndValidateAsync(connection, year, files, reference, timings, ct);
        if (notA903File is not null) return Refused(notA903File, loggers); // nothing kept: the transaction rolls back as it is disposed
        var report = ReturnImport.Report(Guid.CreateVersion7(now), year, rows!, findings!);
        timings.Mark("report");
        // save: the import's summary, its findings and the request's audit line, in the same transaction
        await SaveAsync(db, connection, report, files.Keys, now, timings, ct);
        await tx.CommitAsync(ct);
        timings.Mark("commit");
        context.Response.Headers["Server-Timing"] = timings.ToString();
        loggers.CreateLogger(typeof(ReturnEndpoints))
            .LogInformation("903 return {Year} imported: {Rows} rows, {Findings} findings", year, report.Rows.Values.Sum(), report.Errors.Count);
        return TypedResults.Created($"/api/903/imports/{report.Id}", report);
    }

    private static async Task SaveAsync(ChildrenDb db, Npgsql.NpgsqlConnection connection, ImportReport report, IEnumerable<string> tables,
        DateTimeOffset now, ImportTimings timings, CancellationToken ct)
    {
        await ReturnStore.RecordImportAsync(connection, report, tables, now, ct);
        await ImportFindingsEndpoints.RecordAsync(connection, report, ct);
        timings.Mark("findings");
        await db.SaveChangesAsync(ct); // nothing of its own: it writes the request's audit line in this transaction
    }

    /// <summary>The 400 for an upload part that is not a 903 file, naming the file and the fault.</summary>
    private static ValidationProblem Refused(NotA903FileException notA903File, ILoggerFactory loggers)
    {
        loggers.CreateLogger(typeof(ReturnEndpoints)).LogInformation("903 import refused: {Reason}", notA903File.Message);
        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [$"files[{notA903File.File}]"] = [notA903File.Reason] },
            title: "Not a 903 file", detail: notA903File.Message);
    }

    /// <summary>The upload's collection year and its files by table; or the 400 (or 413) that names what is wrong with it.</summary>
    private static async Task<((CollectionYear Year, SortedDictionary<string, IFormFile> Files)? Upload, ValidationProblem? Invalid,
        ProblemHttpResult? TooLarge)> ReadUploadAsync(HttpContext context, CancellationToken ct)
    {
        var (form, invalid, tooLarge) = await ReadFormAsync(context, ct);
        if (form is null) return (null, invalid, tooLarge);
        if (!CollectionYear.TryParse(form["collectionYear"].ToString(), out var year)) return (null, Invalid("collectionYear", CollectionYear.Rule), null);
        var (files, problem) = ReturnImport.Tables(form.Files, file => file.FileName);
        return files is null ? (null, Invalid(problem!.Field, problem.Rule), null) : ((year, files), null, null);
    }

    /// <summary>
    /// Each file replaces its table's rows of the year, read once from its buffered part straight into the database, under the
    /// year's lock; the year's rules then run over what the year holds. An upload of at most <see cref="ValidatedAsReadUpTo"/> is
    /// read and checked whole first (a file that is not a 903 file is refused before anything is written), and when it is the
    /// whole of its year its rows are validated as read while they are copied. Answers the rows kept per table and the findings,
    /// or the file that is not a 903 file (the caller rolls back).
    /// </summary>
    private static async Task<(Dictionary<string, int>? Rows, List<Finding>? Findings, NotA903FileException? NotA903File)> ReplaceAndValidateAsync(
        Npgsql.NpgsqlConnection connection, CollectionYear year, IDictionary<string, IFormFile> files, ReferenceLists reference,
        ImportTimings timings, CancellationToken ct)
    {
        await ReturnStore.LockYearAsync(connection, year, ct);
        var buffered = files.Values.Sum(file => file.Length) <= ValidatedAsReadUpTo;
        var streams = new List<Stream>();
        try
        {
            var read = new List<ReturnFile>();
            foreach (var (table, file) in files)
            {
                streams.Add(file.OpenReadStream());
                var opened = ReturnFile.Open(table, file.FileName, CsvFile.Open(streams[^1], file.FileName));
                read.Add(buffered ? opened.Buffer() : opened);
            }
            timings.Mark("parse");
            var asRead = buffered ? await ValidateAsReadAsync(connection, year, read, reference, ct) : null;
            timings.Mark("tables");
            var rows = new Dictionary<string, int>();
            foreach (var file in read)
            {
                await ReturnStore.DeleteYearAsync(connection, year, file.Table, ct);
                timings.Mark("delete");
                rows[file.Table] = await ReturnStore.CopyYearAsync(connection, year, file, ct);
                timings.Mark("copy");
            }
            var findings = asRead is null ? await ValidateYearAsync(connection, year, reference, timings, ct) : await asRead;
            timings.Mark("rules");
            return (rows, findings, null);
        }
        catch (NotA903FileException e)
        {
            return (null, null, e);
        }
        finally
        {
            foreach (var stream in streams) await stream.DisposeAsync();
        }
    }

    /// <summary>
    /// When the files read are the whole of their year (it holds no other table the rules read from an earlier import, and no
    /// previous year's return is stored), the rules over them, started now to run while they are copied: the same rows, in
    /// the same order, as reading the year back would give. Otherwise null: the year is read back once copied.
    /// </summary>
    private static async Task<Task<List<Finding>>?> ValidateAsReadAsync(Npgsql.NpgsqlConnection connection, CollectionYear year,
        List<ReturnFile> read, ReferenceLists reference, CancellationToken ct)
    {
        var held = await ReturnStore.ValidatedTablesAsync(connection, year, ct);
        if (held.LastYearStored || !held.Held.All(table => read.Any(file => file.Table == table))) return null;
        return Task.Run(() =>
        {
            var data = new ReturnData();
            foreach (var file in read) file.AddTo(data);
            data.MoveLastYearFiles();
            return new Validator903(year, reference).Validate(data);
        }, ct);
    }

    /// <summary>The upload's form, buffered to temporary files past 64 KB; or the answer when it is not a readable 903 upload.</summary>
    private static async Task<(IFormCollection? Form, ValidationProblem? Invalid, ProblemHttpResult? TooLarge)> ReadFormAsync(
        HttpContext context, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = UploadLimit;
        var request = context.Request;
        if (!request.HasFormContentType || !(request.ContentType ?? "").Contains("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (null, Invalid("body", "must be multipart/form-data with one part per 903 file and a collectionYear field"), null);
        try
        {
            // Parts over 64 KB are buffered to temporary files by the framework, not to memory.
            var limits = new FormOptions { MultipartBodyLengthLimit = UploadLimit, ValueCountLimit = MaxParts };
            context.Features.Set<IFormFeature>(new FormFeature(request, limits));
            return (await request.ReadFormAsync(ct), null, null);
        }
        // The framework says which limit with an InvalidDataException's message alone: too many parts is not too many bytes.
        catch (InvalidDataException e) when (e.Message.Contains("count limit", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Invalid("body", $"must have at most {MaxParts} form parts: one per 903 file and the collectionYear field"), null);
        }
        catch (Exception e) when (e is InvalidDataException || e is BadHttpRequestException { StatusCode: 413 })
        {
            var limit = $"A 903 import is limited to {UploadLimit / 1024 / 1024} MB.";
            return (null, null, TypedResults.Problem(title: "The file set is too large", detail: limit, statusCode: 413));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, Invalid("body", $"is not readable multipart/form-data: {e.Message}"), null);
        }
    }

    /// <summary>
    /// Every rule reads one child's rows: a batch of children is validated at a time, read back from what was stored. The
    /// year's return is every table the rules read that it holds, sent now or by an earlier import of the year.
    /// </summary>
    private static async Task<List<Finding>> ValidateYearAsync(Npgsql.NpgsqlConnection connection, CollectionYear year, ReferenceLists reference,
        ImportTimings timings, CancellationToken ct)
    {
        var present = await ReturnStore.ValidatedTablesAsync(connection, year, ct);
        timings.Mark("tables");
        var batches = await ReturnStore.ChildBatchesAsync(connection, year, ValidationBatch, ct);
        timings.Mark("children");
        var findings = new List<Finding>();
        // The rules over one batch run while the next is read: the database's work and ours overlap, and no more than two
        // batches are held at once.
        Task<List<Finding>>? checking = null;
        foreach (var (first, last) in batches)
        {
            var batch = await ReturnStore.ReadChildrenAsync(connection, year, first, last, present, ct);
            timings.Mark("read");
            if (checking is not null) findings.AddRange(await checking);
            timings.Mark("rules");
            checking = Task.Run(() => new Validator903(year, reference).Validate(batch), ct);
        }
        if (checking is not null) findings.AddRange(await checking);
        timings.Mark("rules");
        return findings;
    }

    private static async Task<Results<Ok<ReturnPreviewReport>, ValidationProblem>> Preview(string? asAt, ChildrenDb db, TimeProvider clock,
        IOptions<ChildrenOptions> options, CancellationToken ct)
    {
        // A day outside the platform's dates (0001-01-01, 9999-12-31) would overflow the collection year's arithmetic.
        if (!Dates.TryParse(asAt, CouncilTime.DateOf(clock.GetUtcNow()), out var day))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["asAt"] = [Dates.Rule] });
        var year = CollectionYear.Of(day);
        var episodes = await db.Set<Children.EpisodeRecord>().AsNoTracking()
            .Where(e => e.CollectionYear == null && e.DecomOn <= day && (e.DecOn == null || e.DecOn >= year.Start)).ToListAsync(ct);
        var children = episodes.Select(e => e.Child).Distinct().ToList();
        var header = await db.Set<Children.HeaderRecord>().AsNoTracking()
            .Where(h => h.CollectionYear == null && children.Contains(h.Child)).ToListAsync(ct);
        var data = ReturnPreview.Cut(header.Select(h => new HeaderRow(0, h.Child, h.Sex, h.Dob, h.Ethnic, h.Upn, h.Mother, h.McDob)),
            episodes.Select(e => new EpisodeRow(0, e.Child, e.Decom, e.Rne, e.Ls, e.Cin, e.Place, e.PlaceProvider, e.Dec, e.Rec,
                e.ReasonPlaceChange, e.HomePost, e.PlPost, e.Urn)), day);
        var reference = await ReferenceDataEndpoints.InForceAsync(db, options.Value.LocalAuthority, day, clock.GetUtcNow(), ct);
        return TypedResults.Ok(ReturnPreview.Report(day, data, new Validator903(year, reference).Validate(data)));
    }

    private static async Task<Results<Ok<JsonElement>, NotFound>> GetImport(Guid id, ChildrenDb db, CancellationToken ct)
    {
        var connection = await ReturnStore.OpenAsync(db, ct);
        await using var cmd = new Npgsql.NpgsqlCommand(
            "SELECT json_build_object('id', id, 'collectionYear', collection_year, 'importedAt', imported_at, 'files', files, 'rows', rows, " +
            "'findings', findings, 'counts', counts)::text FROM imports WHERE id = @id",
            connection);
        cmd.Parameters.AddWithValue("id", id);
        return await cmd.ExecuteScalarAsync(ct) is string json
            ? TypedResults.Ok(JsonDocument.Parse(json).RootElement.Clone())
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<RuleListing>, ValidationProblem>> ListRules(string? year, ChildrenDb db, CancellationToken ct)
    {
        if (year is null) return TypedResults.Ok(new RuleListing(null, null, null, [.. RuleList.All.Select(r => Status(r, forYear: false, null))]));
        if (!CollectionYear.TryParse(year, out var collectionYear)) return Invalid("year", CollectionYear.Rule, "The 903 rule list cannot be read");
        var connection = await ReturnStore.OpenAsync(db, ct);
        Guid? id = null;
        DateTimeOffset? at = null;
        string[] sent = [];
        await using (var cmd = new Npgsql.NpgsqlCommand(
            "SELECT id, imported_at, files FROM imports WHERE collection_year = @year ORDER BY imported_at DESC, id DESC LIMIT 1", connection))
        {
            cmd.Parameters.AddWithValue("year", collectionYear.ToString());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                id = reader.GetGuid(0);
                at = reader.GetFieldValue<DateTimeOffset>(1);
                sent = reader.GetFieldValue<string[]>(2);
            }
        }
        // The tables the latest import validated: only an import of the year changes the year's rows (live records have no
        // collection year), and an import validates the year's tables as they stand after it, so they are the tables held now.
        // The reference data in force at the import is named among the tables held, as the rules over it read it.
        var import = id is null ? null : new RuleList.ImportTables(sent, [.. (await ReturnStore.ValidatedTablesAsync(connection, collectionYear, ct)).Held,
            .. await ReferenceDataEndpoints.KindsInForceAsync(db, ReferenceVersion.DayValidated(collectionYear, at!.Value), at.Value, ct)]);
        return TypedResults.Ok(new RuleListing(collectionYear.ToString(), id, at, [.. RuleList.All.Select(r => Status(r, forYear: true, import))]));
    }

    private static RuleStatus Status(RuleList.Rule rule, bool forYear, RuleList.ImportTables? import)
    {
        if (!forYear) return new RuleStatus(rule.Code, rule.Message, rule.Fields, rule.Tables, rule.Checked, null, null);
        var (ran, because) = RuleList.RanFor(rule, import);
        return new RuleStatus(rule.Code, rule.Message, rule.Fields, rule.Tables, rule.Checked, ran, because);
    }

    private static async Task<Results<FileStreamHttpResult, ValidationProblem>> Export(
        string year, string? purpose, ChildrenDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (!CollectionYear.TryParse(year, out var collectionYear)) return Invalid("year", CollectionYear.Rule);
        await db.RecordReadAsync(http, "903 return export", $"/api/903/exports/{year}", purpose ?? "903 return exported", clock, ct);
        var connection = await ReturnStore.OpenAsync(db, ct);
        var zip = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var table in new[] { Tables.Header, Tables.Episodes, Tables.Reviews, Tables.Missing })
            {
                var rows = await ReturnStore.ReadYearAsync(connection, table, collectionYear, ct);
                await using var writer = new StreamWriter(archive.CreateEntry(table + ".csv").Open(), new UTF8Encoding(false));
                Write(writer, Tables.Columns[table], rows);
            }
            foreach (var (table, (columns, rows)) in await ReturnStore.ReadOthersAsync(connection, collectionYear, ct))
            {
                await using var writer = new StreamWriter(archive.CreateEntry(table + ".csv").Open(), new UTF8Encoding(false));
                Write(writer, columns, rows);
            }
        }
        zip.Position = 0;
        return TypedResults.File(zip, "application/zip", $"ssda903-{collectionYear.PathForm}.zip");
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> ExportFile(
        string year, string file, string? purpose, ChildrenDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (!CollectionYear.TryParse(year, out var collectionYear)) return Invalid("year", CollectionYear.Rule);
        var table = Tables.FromFileName(file);
        if (table is null) return TypedResults.NotFound();
        await db.RecordReadAsync(http, "903 return export", $"/api/903/exports/{year}/{file}", purpose ?? "903 file exported", clock, ct);
        var connection = await ReturnStore.OpenAsync(db, ct);
        var text = new StringWriter();
        if (Tables.IsCore(table)) Write(text, Tables.Columns[table], await ReturnStore.ReadYearAsync(connection, table, collectionYear, ct));
        else if ((await ReturnStore.ReadOthersAsync(connection, collectionYear, ct)).TryGetValue(table, out var other)) Write(text, other.Columns, other.Rows);
        else return TypedResults.NotFound();
        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv", table + ".csv");
    }

    private static void Write(TextWriter writer, IReadOnlyList<string> columns, IEnumerable<string[]> rows)
    {
        CsvFile.Write(writer, columns);
        foreach (var row in rows) CsvFile.Write(writer, row);
    }

    private static ValidationProblem Invalid(string field, string rule, string title = "The 903 import cannot be read") =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [rule] }, title: title, detail: $"'{field}' {rule}.");

    /// <summary>Where an import's time goes, answered as its Server-Timing header (read by <c>bench/children</c>).</summary>
    private sealed class ImportTimings
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private readonly Dictionary<string, double> _spans = [];

        /// <summary>Adds the time since the last mark to <paramref name="span"/> (a span marked twice adds up).</summary>
        public void Mark(string span)
        {
            _spans[span] = _spans.GetValueOrDefault(span) + _clock.Elapsed.TotalMilliseconds;
            _clock.Restart();
        }

        public override string ToString() => string.Join(", ", _spans.Select(s => $"{s.Key};dur={s.Value:0.0}"));
    }
}
