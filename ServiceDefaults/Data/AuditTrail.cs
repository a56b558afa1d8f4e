using System.Diagnostics;
using Intervention.Contracts.Http;
using Intervention.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace Intervention.ServiceDefaults.Data;

/// <summary>One line of the audit trail. Never updated or deleted: the application role cannot.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public required string What { get; init; }
    public string? Resource { get; init; }
    public string? Purpose { get; init; }
    public int? Status { get; init; }
    public string? TraceId { get; init; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.Property(e => e.Id).UseIdentityAlwaysColumn();
    }
}

/// <summary>
/// The audit trail of every service: reads of personal records (written by the endpoint that reads), every change made
/// through the API (written after a successful answer), and every change made by an event (written in the consumer's
/// transaction by the inbox).
/// </summary>
public static class AuditTrail
{
    /// <summary>Records that the caller read a personal record, and why; saved with the caller's next SaveChanges, or now.</summary>
    public static async Task RecordReadAsync(this ServiceDb db, HttpContext http, string what, string resource, string purpose, TimeProvider clock,
        CancellationToken ct)
    {
        db.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), Actor = http.User.CallerName(), Action = "read", What = what, Resource = resource,
            Purpose = purpose.Length > 200 ? purpose[..200] : purpose, TraceId = Activity.Current?.TraceId.ToString(),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records that a consumer had its effect for a message; saved in the consumer's transaction (the inbox calls this).</summary>
    public static void RecordConsumed(ServiceDb db, string consumer, string messageType, Guid messageId, DateTimeOffset at) =>
        db.Add(new AuditEntry
        {
            At = at, Actor = "consumer:" + consumer, Action = "consume", What = messageType, Resource = messageId.ToString(),
            TraceId = Activity.Current?.TraceId.ToString(),
        });

    /// <summary>
    /// Every change through the API (not GET) gets a line naming the caller, the endpoint and the path, written by
    /// <see cref="AuditChangeInterceptor"/> in the handler's own SaveChanges, so in its transaction: a change that cannot be
    /// audited is not made. A change the handler made without saving through EF (none today) is audited after a successful
    /// answer, on its own, as the fallback.
    /// </summary>
    internal static RouteGroupBuilder AuditChanges(this RouteGroupBuilder api)
    {
        api.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) return await next(context);
            var pending = new PendingChange(http);
            http.Items[PendingChange.Key] = pending;
            var result = await next(context);
            var answer = result is INestedHttpResult nested ? nested.Result : result;
            var status = answer is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
            if (status is < 200 or >= 300 || pending.Saved) return result;
            // Created and Accepted say where the new thing is.
            var location = answer?.GetType().GetProperty("Location")?.GetValue(answer) as string;
            // A scope of its own: the handler's unit of work is done and must not be saved twice.
            await using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ServiceDb>();
            db.Add(pending.Line(location is null ? null : "-> " + location, status));
            pending.Saved = true; // this save is not the handler's: the interceptor leaves it alone
            await db.SaveChangesAsync(http.RequestAborted);
            return result;
        });
        return api;
    }

    /// <summary><c>GET /api/audit</c>: the trail, newest first, for the portfolio's team (its lead).</summary>
    internal static IEndpointRouteBuilder MapAuditTrail(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit",
            async (string? from, string? to, string? actor, string? action, int? limit, ServiceDb db, TimeProvider clock, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                DateTimeOffset? lower = null, upper = null;
                if (from is not null) { if (Http.Instants.TryParse(from, out var f, clock)) lower = f; else errors["from"] = [Http.Instants.Rule]; }
                if (to is not null) { if (Http.Instants.TryParse(to, out var t, clock)) upper = t; else errors["to"] = [Http.Instants.Rule]; }
                if (limit is < 1 or > 5000) errors["limit"] = ["must be between 1 and 5000"];
                if (errors.Count > 0) return (IResult)TypedResults.ValidationProblem(errors);
                var query = db.Set<AuditEntry>().AsNoTracking();
                if (lower is { } l) query = query.Where(e => e.At >= l);
                if (upper is { } u) query = query.Where(e => e.At < u);
                if (actor is not null) query = query.Where(e => e.Actor == actor);
                if (action is not null) query = query.Where(e => e.Action == action);
                var lines = await query.OrderByDescending(e => e.Id).Take(limit ?? 500)
                    .Select(e => new AuditLine(e.At, e.Actor, e.Action, e.What, e.Resource, e.Purpose, e.Status, e.TraceId)).ToListAsync(ct);
                return TypedResults.Ok(lines);
            })
            .WithName("GetAuditTrail")
            .WithSummary("Who read a personal record or changed anything here, when, what and from which trace; newest first (`from`, `to`, " +
                "`actor`, `action`, `limit`)")
            .WithTags("Audit")
            .RequireAccess(Access.AuditTrail);
        return app;
    }
}

/// <summary>The audit line of the change the current request is making, until it is saved.</summary>
internal sealed class PendingChange(HttpContext http)
{
    public const string Key = "intervention.audit.change";
    public bool Saved { get; set; }

    /// <summary>The line, with what the change created (<paramref name="created"/>) and the status it answers.</summary>
    public AuditEntry Line(string? created, int status)
    {
        var endpoint = http.GetEndpoint() as RouteEndpoint;
        return new AuditEntry
        {
            At = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), Actor = http.User.CallerName(), Action = "change",
            What = $"{http.Request.Method} {endpoint?.RoutePattern.RawText ?? http.Request.Path.Value}",
            Resource = http.Request.Path.Value + (created is null ? "" : " " + created), Status = status, TraceId = Activity.Current?.TraceId.ToString(),
        };
    }

    /// <summary>The success status the endpoint declares (<c>Created</c> is 201 ...): the line is written before the answer exists.</summary>
    public int DeclaredStatus =>
        http.GetEndpoint()?.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>()
            .Select(m => m.StatusCode).FirstOrDefault(c => c is >= 200 and < 300) is { } code and > 0 ? code : 200;
}

/// <summary>
/// Adds the pending change's audit line to the handler's own SaveChanges, so the line commits with the change or neither
/// does. It names what the save creates (the first new entity of the service's own, by key): the answer's location does not
/// exist yet. A rolled-back transaction takes the line with it, so the next save adds it again.
/// </summary>
internal sealed class AuditChangeInterceptor(IHttpContextAccessor accessor) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddLine(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken ct = default)
    {
        AddLine(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        MarkSaved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        MarkSaved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Unsave();

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Unsave();
        return Task.CompletedTask;
    }

    private PendingChange? Pending => accessor.HttpContext?.Items[PendingChange.Key] as PendingChange;
    private void AddLine(DbContext? context)
    {
        if (context is not ServiceDb db || Pending is not { Saved: false } pending) return;
        // Added by an earlier, failed save.
        if (db.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added && e.Entity.Action == "change")) return;
        var created = db.ChangeTracker.Entries().FirstOrDefault(e => e.State == EntityState.Added && e.Metadata.ClrType.Assembly == db.GetType().Assembly);
        var key = created?.Metadata.FindPrimaryKey()?.Properties.Select(p => created.Property(p.Name).CurrentValue?.ToString()).ToList();
        db.Add(pending.Line(created is null || key is null ? null : $"-> {created.Metadata.ClrType.Name} {string.Join(",", key)}", pending.DeclaredStatus));
    }

    private void MarkSaved(DbContext? context)
    {
        if (context is ServiceDb && Pending is { } pending) pending.Saved = true;
    }

    private void Unsave()
    {
        if (Pending is { } pending) pending.Saved = false;
    }
}
