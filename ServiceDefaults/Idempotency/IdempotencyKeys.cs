using Microsoft.Extensions.Options;
using Intervention.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.OpenApi;
using Npgsql;

namespace Intervention.ServiceDefaults.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> header on every POST of every service (IETF httpapi draft): the first answer to a key is kept
/// 24 hours in the service's own database (<c>idempotency_keys</c>, platform migration 0003) and sent again to a retry with
/// the same body; the same key with another body is a 422, a retry while the first still runs a 409, an invalid key a 400
/// naming the header. A POST without the header runs as before.
/// </summary>
public static class IdempotencyKeysExtensions
{
    /// <summary>The key store on the service's database (as the application role) and the hourly clean-up of expired keys.</summary>
    internal static IServiceCollection AddIdempotencyKeys(this IServiceCollection services, string applicationConnectionString)
    {
        services.AddSingleton(new IdempotencyKeyStore(applicationConnectionString));
        services.AddOptions<IdempotencyOptions>().BindConfiguration("Idempotency");
        services.AddHostedService<ExpiredIdempotencyKeys>();
        return services;
    }

    /// <summary>Names the optional header on every POST of the service's OpenAPI document.</summary>
    internal static void DescribeInOpenApi(OpenApiOptions openApi) =>
        openApi.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.HttpMethod == "POST" && context.ApplicationServices.GetService<IdempotencyKeyStore>() is not null)
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyKeyHeader.Name, In = ParameterLocation.Header, Required = false,
                    Description = "Makes a retry safe (IETF httpapi draft): the same key and body within 24 hours get the first answer again; " +
                                  "another body is a 422, a retry while the first runs a 409. 1 to 255 printable ASCII characters, e.g. a UUID.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyKeyHeader.MaxLength },
                });
            }
            return Task.CompletedTask;
        });

    /// <summary>Applies keys to every POST; a process without a service database (the gateway) has none to keep them in.</summary>
    internal static WebApplication UseIdempotencyKeys(this WebApplication app)
    {
        if (app.Services.GetService<IdempotencyKeyStore>() is not null) app.UseMiddleware<IdempotencyKeys>();
        return app;
    }
}

/// <summary>Runs after authentication and authorisation (a key belongs to the token's subject) and before the endpoint.</summary>
internal sealed class IdempotencyKeys(RequestDelegate next, IdempotencyKeyStore store, TimeProvider clock, IProblemDetailsService problems,
    ILogger<IdempotencyKeys> logger)
{
    /// <summary>Tells a client that the answer is the one kept from its first request (the name Stripe and others use).</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.GetEndpoint() is null
            || !context.Request.Headers.TryGetValue(IdempotencyKeyHeader.Name, out var values))
        {
            await next(context);
            return;
        }
        var reading = IdempotencyKeyHeader.Read(values);
        if (reading.Key is not { } key)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [IdempotencyKeyHeader.Name] = [reading.Error!] })
                {
                    Status = 400, Title = "The Idempotency-Key header is not a key", Detail = $"'{IdempotencyKeyHeader.Name}' {reading.Error}.",
                },
            });
            return;
        }

        var fingerprint = await FingerprintAsync(context.Request);
        var route = context.Request.Method + " " + context.Request.PathBase + context.Request.Path;
        var caller = context.User.CallerName();
        var id = IdempotencyRules.ScopeOf(caller, context.Request.Method, (context.Request.PathBase + context.Request.Path).Value ?? "", key);
        var claim = await store.ClaimAsync(id, caller, route, key, fingerprint, clock.GetUtcNow(), context.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Replay:
                await ReplayAsync(context, claim.Answer!);
                return;
            case IdempotencyOutcome.ReusedForAnotherRequest:
                await RefuseAsync(context, StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused",
                    "Idempotency-Key already used for another request",
                    $"This Idempotency-Key was first sent to {route} with another body or query. Send a new key for a new request; a retry must " +
                    $"repeat the first request exactly.");
                return;
            case IdempotencyOutcome.StillRunning:
                context.Response.Headers.RetryAfter = "1";
                await RefuseAsync(context, StatusCodes.Status409Conflict, "idempotency-key-in-use", "A request with this Idempotency-Key is still running",
                    "The first request sent with this Idempotency-Key has not finished. Retry shortly with the same key to get its answer.");
                return;
        }

        var original = context.Response.Body;
        await using var copy = new CopyingStream(original);
        context.Response.Body = copy;
        var kept = false;
        try
        {
            await next(context);
            var status = context.Response.StatusCode;
            if (IdempotencyRules.Keeps(status))
            {
                var answer = new StoredAnswer(status, context.Response.ContentType,
                    context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, copy.Copied);
                // Kept even when the client has gone: its retry is exactly what the key is for.
                await store.CompleteAsync(id, claim.Claim, answer, clock.GetUtcNow(), CancellationToken.None);
                kept = true;
            }
        }
        finally
        {
            context.Response.Body = original;
            if (!kept)
            {
                // A failure (5xx, or an exception on its way to becoming one) frees the key so the client's retry runs again.
                try { await store.ReleaseAsync(id, claim.Claim, CancellationToken.None); }
                catch (Exception e) { logger.LogWarning(e, "Could not free Idempotency-Key of {Route}; it frees itself when it expires", route); }
            }
        }
    }

    /// <summary>SHA-256 of the query and the whole body, read once and buffered (to disk when large) for the endpoint to read again.</summary>
    private static async Task<byte[]> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IdempotencyRules.StartFingerprint(request.QueryString.Value ?? "");
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0) hash.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    private static async Task ReplayAsync(HttpContext context, StoredAnswer answer)
    {
        context.Response.StatusCode = answer.Status;
        if (answer.ContentType is not null) context.Response.ContentType = answer.ContentType;
        if (answer.Location is not null) context.Response.Headers.Location = answer.Location;
        context.Response.Headers[ReplayedHeader] = "true";
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    private async Task RefuseAsync(HttpContext context, int status, string rule, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["rule"] = rule } },
        });
    }

    /// <summary>Passes the answer on to the client as it is written and keeps a copy to store under the key.</summary>
    private sealed class CopyingStream(Stream inner) : Stream
    {
        private readonly MemoryStream _copy = new();
        public byte[] Copied => _copy.ToArray();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _copy.Length;
        public override long Position { get => _copy.Length; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count)
        {
            _copy.Write(buffer, offset, count);
            inner.Write(buffer, offset, count);
        }
        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            _copy.Write(buffer.Span);
            await inner.WriteAsync(buffer, ct);
        }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();
    }
}

/// <summary>What a claim found: the outcome, the claim's own id when the request is to run, the kept answer when it is a replay.</summary>
internal sealed record KeyClaim(IdempotencyOutcome Outcome, Guid Claim, StoredAnswer? Answer);

/// <summary>
/// The <c>idempotency_keys</c> table of the service's database. Each call commits on its own, apart from the request's
/// transaction, so a concurrent retry sees the claim at once.
/// </summary>
internal sealed class IdempotencyKeyStore(string connectionString)
{
    /// <summary>Claims the key for this request, or finds what it was used for (see <see cref="IdempotencyRules.Decide"/>).</summary>
    public async Task<KeyClaim> ClaimAsync(byte[] id, string caller, string route, string key, byte[] fingerprint, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        // Three tries: the row may be cleaned up or taken over between our statements.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var claim = Guid.CreateVersion7(now);
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO idempotency_keys (id, caller, route, idempotency_key, fingerprint, claim, claimed_at, expires_at)
                VALUES (@id, @caller, @route, @key, @fingerprint, @claim, @now, @expires) ON CONFLICT (id) DO NOTHING
                """, connection))
            {
                insert.Parameters.AddWithValue("id", id);
                insert.Parameters.AddWithValue("caller", caller);
                insert.Parameters.AddWithValue("route", route);
                insert.Parameters.AddWithValue("key", key);
                insert.Parameters.AddWithValue("fingerprint", fingerprint);
                insert.Parameters.AddWithValue("claim", claim);
                insert.Parameters.AddWithValue("now", now);
                insert.Parameters.AddWithValue("expires", IdempotencyRules.ExpiresAt(now));
                if (await insert.ExecuteNonQueryAsync(ct) == 1) return new(IdempotencyOutcome.Run, claim, null);
            }

            StoredRequest earlier;
            Guid earlierClaim;
            await using (var select = new NpgsqlCommand(
                "SELECT fingerprint, expires_at, claim, status, content_type, location, body FROM idempotency_keys WHERE id = @id", connection))
            {
                select.Parameters.AddWithValue("id", id);
                await using var row = await select.ExecuteReaderAsync(ct);
                if (!await row.ReadAsync(ct)) continue;
                var answer = row.IsDBNull(3) ? null : new StoredAnswer(row.GetInt32(3), row.IsDBNull(4) ? null : row.GetString(4),
                    row.IsDBNull(5) ? null : row.GetString(5), row.IsDBNull(6) ? [] : (byte[])row[6]);
                earlier = new StoredRequest((byte[])row[0], row.GetFieldValue<DateTimeOffset>(1), answer);
                earlierClaim = row.GetGuid(2);
            }
            var outcome = IdempotencyRules.Decide(earlier, fingerprint, now);
            if (outcome != IdempotencyOutcome.Run) return new(outcome, Guid.Empty, earlier.Answer);

            // Expired: take it over, unless another request did so first.
            await using var takeOver = new NpgsqlCommand("""
                UPDATE idempotency_keys SET fingerprint = @fingerprint, claim = @claim, claimed_at = @now, expires_at = @expires,
                       status = NULL, content_type = NULL, location = NULL, body = NULL, answered_at = NULL
                WHERE id = @id AND claim = @earlier
                """, connection);
            takeOver.Parameters.AddWithValue("id", id);
            takeOver.Parameters.AddWithValue("fingerprint", fingerprint);
            takeOver.Parameters.AddWithValue("claim", claim);
            takeOver.Parameters.AddWithValue("now", now);
            takeOver.Parameters.AddWithValue("expires", IdempotencyRules.ExpiresAt(now));
            takeOver.Parameters.AddWithValue("earlier", earlierClaim);
            if (await takeOver.ExecuteNonQueryAsync(ct) == 1) return new(IdempotencyOutcome.Run, claim, null);
        }
        return new(IdempotencyOutcome.StillRunning, Guid.Empty, null);
    }

    /// <summary>Keeps the answer under the claim (and only under this request's own claim).</summary>
    public async Task CompleteAsync(byte[] id, Guid claim, StoredAnswer answer, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var update = new NpgsqlCommand("""
            UPDATE idempotency_keys SET status = @status, content_type = @contentType, location = @location, body = @body, answered_at = @now
            WHERE id = @id AND claim = @claim
            """, connection);
        update.Parameters.AddWithValue("id", id);
        update.Parameters.AddWithValue("claim", claim);
        update.Parameters.AddWithValue("status", answer.Status);
        update.Parameters.AddWithValue("contentType", (object?)answer.ContentType ?? DBNull.Value);
        update.Parameters.AddWithValue("location", (object?)answer.Location ?? DBNull.Value);
        update.Parameters.AddWithValue("body", answer.Body);
        update.Parameters.AddWithValue("now", now);
        await update.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Frees a claim whose request failed, so that a retry runs again.</summary>
    public async Task ReleaseAsync(byte[] id, Guid claim, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var delete = new NpgsqlCommand("DELETE FROM idempotency_keys WHERE id = @id AND claim = @claim AND status IS NULL", connection);
        delete.Parameters.AddWithValue("id", id);
        delete.Parameters.AddWithValue("claim", claim);
        await delete.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Deletes the keys expired at <paramref name="now"/>; answers how many.</summary>
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var delete = new NpgsqlCommand("DELETE FROM idempotency_keys WHERE expires_at <= @now", connection);
        delete.Parameters.AddWithValue("now", now);
        return await delete.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>The <c>Idempotency</c> section: how often expired keys are deleted.</summary>
public sealed class IdempotencyOptions
{
    /// <summary><c>Idempotency:CleanupEvery</c>: the time between two deletions of expired keys (1 hour).</summary>
    public TimeSpan CleanupEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Deletes expired keys and their kept answers every <see cref="IdempotencyOptions.CleanupEvery"/>, first at start.</summary>
internal sealed class ExpiredIdempotencyKeys(IdempotencyKeyStore store, TimeProvider clock, IOptions<IdempotencyOptions> options,
    ILogger<ExpiredIdempotencyKeys> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Repeating.EveryAsync(options.Value.CleanupEvery, clock, logger,
            "Could not delete expired Idempotency-Keys; will try again", async ct =>
            {
                var deleted = await store.DeleteExpiredAsync(clock.GetUtcNow(), ct);
                if (deleted > 0) logger.LogInformation("Deleted {Count} expired Idempotency-Keys", deleted);
            }, stoppingToken);
}
