using Integrations.API.Events;
using Integrations.API.Infrastructure;
using Integrations.API.Subscriptions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Integrations.API.Deliveries;

public static class DeliveriesEndpoints
{
    public static IEndpointRouteBuilder MapDeliveries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/subscriptions/{id:guid}").WithTags("Deliveries").RequireAuthorization(IntegrationsModule.IntegratorPolicy);
        group.MapGet("/deliveries", List).WithName("ListDeliveries")
            .WithSummary("A subscription's deliveries, newest first; `status` = Pending, Delivered or Parked; `limit` (default 100, at most 1000)");
        group.MapPost("/replay", Replay).WithName("ReplaySubscription")
            .WithSummary("Queue again every stored event of the subscription's types that occurred at or after `from` (parked ones included)");
        return app;
    }

    private static async Task<Results<Ok<List<DeliveryView>>, NotFound, ValidationProblem>> List(
        Guid id, string? status, int? limit, IntegrationsDb db, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        DeliveryStatus? wanted = null;
        if (status is not null)
        {
            if (Enum.TryParse<DeliveryStatus>(status, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)) wanted = parsed;
            else errors["status"] = [$"must be one of {string.Join(", ", Enum.GetNames<DeliveryStatus>())}"];
        }
        if (limit is < 1 or > 1000) errors["limit"] = ["must be between 1 and 1000"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await db.FindOwnedAsync(id, http, ct) is null) return TypedResults.NotFound();

        var query = db.Deliveries.AsNoTracking().Where(delivery => delivery.SubscriptionId == id);
        if (wanted is { } only) query = query.Where(delivery => delivery.Status == only);
        var rows = await query.OrderByDescending(delivery => delivery.CreatedAt).ThenByDescending(delivery => delivery.Id).Take(limit ?? 100)
            .Join(db.Events, delivery => delivery.EventId, stored => stored.EventId,
                (delivery, stored) => new DeliveryView(delivery.Id, delivery.EventId, stored.Type, stored.OccurredAt, delivery.Status, delivery.Replay,
                    delivery.Attempts,
                delivery.CreatedAt, delivery.LastAttemptAt, delivery.NextAttemptAt, delivery.LastStatusCode, delivery.LastError, delivery.DeliveredAt,
                    delivery.ParkedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    private static async Task<Results<Accepted<ReplayQueued>, NotFound, ValidationProblem>> Replay(
        Guid id, ReplayRequest request, IntegrationsDb db, DeliverySignal signal, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (request.From is not { } from)
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["from"] = ["is required: an ISO 8601 instant with an offset, e.g. 2016-06-01T00:00:00Z"] });
        if (await db.FindOwnedAsync(id, http, ct) is not { } subscription) return TypedResults.NotFound();

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One statement in the database: a replay of months queues tens of thousands of deliveries, none of whose events need reading here.
        var queued = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO deliveries (id, subscription_id, event_id, status, replay, created_at, attempts, next_attempt_at)
            SELECT gen_random_uuid(), {subscription.Id}, e.event_id, 'Pending', true, {now}, 0, {now}
            FROM events e WHERE e.type = ANY ({subscription.ReceivableTypes()}) AND e.occurred_at >= {from}
            """, ct);
        var resource = $"/api/subscriptions/{id}/replay from {from:O}: {queued} queued";
        SubscriptionsEndpoints.Audit(db, http, now, "POST /api/subscriptions/{id}/replay", resource, 202);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signal.Notify();
        return TypedResults.Accepted($"/api/subscriptions/{id}/deliveries?status=Pending", new ReplayQueued(from, queued));
    }
}
