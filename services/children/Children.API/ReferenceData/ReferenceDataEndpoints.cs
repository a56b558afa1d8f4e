using System.Security.Cryptography;
using Children.API.Infrastructure;
using Children.API.Returns903;
using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Children.API.ReferenceData;

/// <summary>
/// The reference data the 903 rules read besides the return, uploaded by the children's team: the postcode lookup and Ofsted's
/// provider list, each upload a dated version kept beside the earlier ones.
/// </summary>
public static class ReferenceDataEndpoints
{
    /// <summary>The largest reference file taken: a national postcode lookup at sector level is a few MB; full postcodes far more.</summary>
    public const long UploadLimit = 256L * 1024 * 1024;

    // EF Core adds the rows in batches: one SaveChanges per batch keeps the change tracker small for a national lookup.
    private const int SaveBatch = 5000;

    public static IEndpointRouteBuilder MapReferenceData(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/903/reference").WithTags("SSDA903");
        group.MapPost("/postcodes", (HttpContext http, ChildrenDb db, TimeProvider clock, CancellationToken ct) =>
                UploadAsync(ReferenceFiles.Postcodes, http, db, clock, ct))
            .WithName("UploadPostcodeLookup").DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(UploadLimit))
            .WithSummary("Upload a postcode lookup (POSTCODE,LA,EASTING,NORTHING) as a new version dated asAt")
            .WithDescription("multipart/form-data: a CSV part named file and a field asAt (YYYY-MM-DD). Postcodes in full or as the 903 " +
                             "writes them (S60 1). A row that breaks a rule is a 400 naming rows[n].FIELD and the rule; nothing is kept. The " +
                             "same file for the same day again answers 200 with the version already held.");
        group.MapPost("/providers", (HttpContext http, ChildrenDb db, TimeProvider clock, CancellationToken ct) =>
                UploadAsync(ReferenceFiles.Providers, http, db, clock, ct))
            .WithName("UploadProviderList").DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(UploadLimit))
            .WithSummary("Upload Ofsted's provider list (URN,LA,POSTCODE,REGISTERED,CEASED,PLACE_CODES,PROVIDER_CODES) as a new version dated asAt")
            .WithDescription("multipart/form-data: a CSV part named file and a field asAt (YYYY-MM-DD). Dates DD/MM/YYYY, CEASED blank while " +
                             "open; PLACE_CODES and PROVIDER_CODES list the 903 codes the URN may be recorded with, separated by spaces.");
        group.MapGet("/", ListAsync).WithName("ListReferenceData").WithSummary("Every version of the reference data, newest first within each kind");
        return app;
    }

    private static async Task<Results<Created<ReferenceDataVersion>, Ok<ReferenceDataVersion>, ValidationProblem>> UploadAsync(
        string kind, HttpContext http, ChildrenDb db, TimeProvider clock, CancellationToken ct)
    {
        // validate: a form with the day and one CSV file whose every row keeps the rules
        var (form, invalid) = await ReadFormAsync(http, ct);
        if (invalid is not null) return invalid;
        if (form!["asAt"].ToString() is not { Length: > 0 } given || !Dates.TryParse(given, default, out var asAt))
            return Invalid("asAt", "must be the day the list describes: " + Dates.Rule);
        if (form.Files.GetFile("file") is not { } file) return Invalid("file", "must be a CSV part named file");
        string sha256;
        await using (var stream = file.OpenReadStream()) sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        // load: the version already held for this file and day answers a repeat before the file is read again
        var held = await db.Set<ReferenceVersion>().AsNoTracking()
            .SingleOrDefaultAsync(version => version.Kind == kind && version.AsAt == asAt && version.Sha256 == sha256, ct);
        if (held is not null) return TypedResults.Ok(held.ToView());
        await using var read = file.OpenReadStream();
        var csv = CsvFile.Open(read, file.FileName);
        List<(string Postcode, PostcodePlace Place)>? postcodes = null;
        List<Provider>? providers = null;
        Dictionary<string, string[]>? problems;
        try
        {
            (postcodes, problems) = kind == ReferenceFiles.Postcodes ? ReferenceFiles.ReadPostcodes(csv) : (null, null);
            if (kind == ReferenceFiles.Providers) (providers, problems) = ReferenceFiles.ReadProviders(csv);
        }
        catch (NotA903FileException e)
        {
            return Invalid("file", e.Reason);
        }
        if (problems is not null)
            return TypedResults.ValidationProblem(problems, title: "The reference file cannot be kept",
                detail: "Every row must keep its rules: correct the rows named and upload the file again. Nothing was kept.");
        // decide: a new version beside the earlier ones
        var now = clock.GetUtcNow();
        var uploaded = ReferenceVersion.Upload(kind, asAt, sha256, postcodes?.Count ?? providers!.Count, held, Guid.CreateVersion7(now), now);
        // save: the version and its rows in one transaction
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(uploaded.Version);
        var rows = postcodes?.Select(row => (object)new PostcodeEntry
        {
            VersionId = uploaded.Version.Id, Postcode = row.Postcode, La = row.Place.La, Easting = row.Place.Easting, Northing = row.Place.Northing,
        }) ?? providers!.Select(provider => (object)new ProviderEntry
        {
            VersionId = uploaded.Version.Id, Urn = provider.Urn, La = provider.La, Postcode = provider.Postcode, RegisteredOn = provider.Registered,
            CeasedOn = provider.Ceased, PlaceCodes = [.. provider.PlaceCodes.Order()], ProviderCodes = [.. provider.ProviderCodes.Order()],
        });
        try
        {
            // The version first: EF knows no relationship between the rows and their version, so it could insert rows first.
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            foreach (var batch in rows.Chunk(SaveBatch))
            {
                db.AddRange(batch);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same file for the same day sent twice at once: the other upload's version is the one.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var other = await db.Set<ReferenceVersion>().AsNoTracking()
                .SingleAsync(version => version.Kind == kind && version.AsAt == asAt && version.Sha256 == sha256, ct);
            return TypedResults.Ok(other.ToView());
        }
        return TypedResults.Created("/api/903/reference", uploaded.Version.ToView());
    }

    private static async Task<Ok<ReferenceDataVersions>> ListAsync(ChildrenDb db, CancellationToken ct)
    {
        var versions = await db.Set<ReferenceVersion>().AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(new ReferenceDataVersions([.. versions.OrderBy(version => version.Kind, StringComparer.Ordinal)
            .ThenByDescending(version => version.AsAt).ThenByDescending(version => version.UploadedAt).Select(version => version.ToView())]));
    }

    /// <summary>
    /// The reference lists a validation on <paramref name="day"/> reads, as they stood at <paramref name="at"/>: of each kind, the
    /// latest version dated on or before the day; a kind with none is left out and its rules do not run.
    /// </summary>
    public static async Task<ReferenceLists> InForceAsync(ChildrenDb db, string ownLa, DateOnly day, DateTimeOffset at, CancellationToken ct)
    {
        var versions = await db.Set<ReferenceVersion>().AsNoTracking().ToListAsync(ct);
        var postcodes = ReferenceVersion.InForce(versions, ReferenceFiles.Postcodes, day, at);
        var providers = ReferenceVersion.InForce(versions, ReferenceFiles.Providers, day, at);
        var postcodeRows = postcodes is null ? null : await db.Set<PostcodeEntry>().AsNoTracking().Where(entry => entry.VersionId == postcodes.Id)
            .Select(entry => new { entry.Postcode, entry.La, entry.Easting, entry.Northing }).ToListAsync(ct);
        var providerRows = providers is null
            ? null
            : await db.Set<ProviderEntry>().AsNoTracking().Where(entry => entry.VersionId == providers.Id).ToListAsync(ct);
        return new ReferenceLists(ownLa, postcodeRows?.Select(row => (row.Postcode, new PostcodePlace(row.La, row.Easting, row.Northing))),
            providerRows?.Select(row => row.ToProvider()));
    }

    /// <summary>The kinds of reference data in force on <paramref name="day"/> as they stood at <paramref name="at"/>, named as the rules read them.</summary>
    public static async Task<IReadOnlyList<string>> KindsInForceAsync(ChildrenDb db, DateOnly day, DateTimeOffset at, CancellationToken ct)
    {
        var versions = await db.Set<ReferenceVersion>().AsNoTracking().ToListAsync(ct);
        var kinds = new List<string>();
        if (ReferenceVersion.InForce(versions, ReferenceFiles.Postcodes, day, at) is not null) kinds.Add(ReferenceDataRules.Postcodes);
        if (ReferenceVersion.InForce(versions, ReferenceFiles.Providers, day, at) is not null) kinds.Add(ReferenceDataRules.ProviderInfo);
        return kinds;
    }

    private static async Task<(IFormCollection? Form, ValidationProblem? Invalid)> ReadFormAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = UploadLimit;
        if (!http.Request.HasFormContentType || !(http.Request.ContentType ?? "").Contains("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (null, Invalid("body", "must be multipart/form-data with a CSV part named file and an asAt field"));
        try
        {
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = UploadLimit, ValueCountLimit = 8 }));
            return (await http.Request.ReadFormAsync(ct), null);
        }
        // Over the limit is the framework's 413 (ProblemResponses), not a 400.
        catch (Exception e) when (e is InvalidDataException or IOException || e is BadHttpRequestException { StatusCode: not 413 })
        {
            return (null, Invalid("body", $"is not readable multipart/form-data: {e.Message}"));
        }
    }

    private static ValidationProblem Invalid(string field, string rule) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [rule] }, title: "The reference file cannot be kept",
            detail: $"'{field}' {rule}.");
}
