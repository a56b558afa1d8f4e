using System.Diagnostics;
using Intervention.Contracts.Http;
using Intervention.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
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
    public static async Task RecordReadAsync(this ServiceDb db, HttpContext http, string what, string resource, string purpose, TimeProvider clock, CancellationToken ct)
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
            At = at, Actor = "consumer:" + consumer, Action = "consume", What = messageType, Resource = messageId.ToString(), TraceId = Activity.Current?.TraceId.ToString(),
        });

    /// <summary>After every successful change through the API (not GET), a line naming the caller, the endpoint and the path.</summary>
    internal static RouteGroupBuilder AuditChanges(this RouteGroupBuilder api)
    {
        api.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) return result;
            var answer = result is INestedHttpResult nested ? nested.Result : result;
            var status = answer is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
            if (status is < 200 or >= 300) return result;
            var endpoint = http.GetEndpoint() as RouteEndpoint;
            // Created and Accepted say where the new thing is.
            var location = answer?.GetType().GetProperty("Location")?.GetValue(answer) as string;
            var resource = http.Request.Path.Value + (location is null ? "" : " -> " + location);
            // A scope of its own: the handler's unit of work is done and must not be saved twice.
            await using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ServiceDb>();
            db.Add(new AuditEntry
            {
                At = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), Actor = http.User.CallerName(), Action = "change",
                What = $"{http.Request.Method} {endpoint?.RoutePattern.RawText ?? http.Request.Path.Value}", Resource = resource, Status = status,
                TraceId = Activity.Current?.TraceId.ToString(),
            });
            await db.SaveChangesAsync(http.RequestAborted);
            return result;
        });
        return api;
    }

    /// <summary><c>GET /api/audit</c>: the trail, newest first, for the portfolio's team (its lead).</summary>
    internal static IEndpointRouteBuilder MapAuditTrail(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async (string? from, string? to, string? actor, string? action, int? limit, ServiceDb db, TimeProvider clock, CancellationToken ct) =>
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
            .WithSummary("Who read a personal record or changed anything here, when, what and from which trace; newest first (`from`, `to`, `actor`, `action`, `limit`)")
            .WithTags("Audit")
            .RequireAccess(Access.AuditTrail);
        return app;
    }
}
