using System.Diagnostics;
using System.Text;
using Integrations.API.Events;
using Integrations.API.Infrastructure;
using Integrations.API.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Integrations.API.Deliveries;

/// <summary>
/// Posts due deliveries to their subscribers. A batch is claimed with <c>FOR UPDATE SKIP LOCKED</c> (as the outbox relay claims
/// its rows), so replicas and this service's own concurrent passes never post the same delivery at once; each is posted with a timeout, signed, and
/// marked delivered,
/// rescheduled with back-off (<see cref="DeliverySchedule"/>) or parked, in the same transaction.
/// </summary>
internal sealed class DeliveryWorker(
    IServiceScopeFactory scopes,
    IHttpClientFactory clients,
    DeliverySignal signal,
    DeliverySchedule schedule,
    TimeProvider clock,
    IOptions<DeliveryOptions> options,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    internal static readonly ActivitySource Source = new("Intervention.Webhooks");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Workers)).Select(_ => Task.Run(() => RunAsync(stoppingToken), stoppingToken)));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await DeliverDueAsync(settings, stoppingToken);
                if (claimed == settings.BatchSize) continue; // more may be due: go again at once
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is unreachable: nothing is lost, the deliveries stay due and the next pass takes them.
                logger.LogWarning(e, "Delivery pass failed; retrying");
            }

            try
            {
                await signal.WaitAsync(settings.PollInterval, stoppingToken); // signalled once the queuing transaction has committed
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<int> DeliverDueAsync(DeliveryOptions settings, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        // The longest-waiting due deliveries, at most PerSubscription of each subscription, that no other pass holds. The outer
        // condition is checked again on a row another pass has just released, so a delivery it just made is not made twice.
        var due = await db.Deliveries
            .FromSql($"""
                SELECT * FROM deliveries
                WHERE status = 'Pending' AND next_attempt_at <= {now}
                AND id IN (
                    SELECT id FROM (
                        SELECT id, row_number() OVER (PARTITION BY subscription_id ORDER BY next_attempt_at) AS place
                        FROM deliveries WHERE status = 'Pending' AND next_attempt_at <= {now}) ranked
                    WHERE place <= {settings.PerSubscription})
                ORDER BY next_attempt_at LIMIT {settings.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        if (due.Count == 0) return 0;

        var eventIds = due.Select(delivery => delivery.EventId).Distinct().ToList();
        var subscriptionIds = due.Select(delivery => delivery.SubscriptionId).Distinct().ToList();
        var events = await db.Events.AsNoTracking().Where(stored => eventIds.Contains(stored.EventId)).ToDictionaryAsync(stored => stored.EventId, ct);
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(subscription => subscriptionIds.Contains(subscription.Id))
            .ToDictionaryAsync(subscription => subscription.Id, ct);

        // Checked again as it leaves: a contract classified more strictly since the subscription (or the delivery) was made is
        // withheld, and the delivery forgotten rather than shown to a subscriber who may not know the event exists.
        var withheld = due.Where(delivery => !EventContracts.MayReceive(events[delivery.EventId].Type, subscriptions[delivery.SubscriptionId]
            .Audiences.ToHashSet())).ToList();
        foreach (var delivery in withheld)
        {
            logger.LogWarning("Delivery {DeliveryId} of {EventType} {EventId} withheld: the owner of subscription {SubscriptionId} may not receive it",
                delivery.Id, events[delivery.EventId].Type, delivery.EventId, delivery.SubscriptionId);
            db.Deliveries.Remove(delivery);
        }
        due = due.Except(withheld).ToList();

        var client = clients.CreateClient(HttpClientName);
        var outcomes = await Task.WhenAll(due.Select(delivery => PostAsync(client, delivery, subscriptions[delivery.SubscriptionId],
            events[delivery.EventId], settings.Timeout, ct)));
        foreach (var (delivery, outcome) in due.Zip(outcomes))
        {
            var at = clock.GetUtcNow();
            delivery.Attempts++;
            delivery.LastAttemptAt = at;
            delivery.LastStatusCode = outcome.StatusCode;
            delivery.LastError = outcome.Error;
            if (outcome.Delivered)
            {
                delivery.Status = DeliveryStatus.Delivered;
                delivery.DeliveredAt = at;
                delivery.NextAttemptAt = null;
            }
            else if (schedule.NextAttempt(delivery.CreatedAt, delivery.Attempts, at) is { } next)
            {
                delivery.NextAttemptAt = next;
            }
            else
            {
                delivery.Status = DeliveryStatus.Parked;
                delivery.ParkedAt = at;
                delivery.NextAttemptAt = null;
                logger.LogWarning("Delivery {DeliveryId} of {EventType} {EventId} to subscription {SubscriptionId} parked after {Attempts} attempts: {Error}",
                    delivery.Id, events[delivery.EventId].Type, delivery.EventId, delivery.SubscriptionId, delivery.Attempts, outcome.Error);
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return due.Count + withheld.Count;
    }

    private sealed record Outcome(bool Delivered, int? StatusCode, string? Error);

    private async Task<Outcome> PostAsync(HttpClient client, Delivery delivery, Subscription subscription, StoredEvent stored, TimeSpan timeout,
        CancellationToken ct)
    {
        // The delivery continues the trace of the request that made the event.
        ActivityContext.TryParse(stored.Traceparent, null, out var parent);
        using var activity = Source.StartActivity($"webhook deliver {stored.Type[(stored.Type.LastIndexOf('.') + 1)..]}", ActivityKind.Internal, parent);
        activity?.SetTag("webhook.delivery.id", delivery.Id.ToString());
        activity?.SetTag("webhook.subscription.id", subscription.Id.ToString());
        activity?.SetTag("cloudevents.event_id", stored.EventId.ToString());
        activity?.SetTag("webhook.attempt", delivery.Attempts + 1);

        var body = CloudEvent.Serialize(stored);
        var webhookId = delivery.Id.ToString();
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, CloudEvent.MediaType),
        };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(subscription.Secret, webhookId, timestamp, body));

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var code = (int)response.StatusCode;
            activity?.SetTag("http.response.status_code", code);
            return response.IsSuccessStatusCode
                ? new Outcome(true, code, null)
                : new Outcome(false, code, DeliveryFailure.Answered(code));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "timeout");
            logger.LogInformation("Delivery {DeliveryId} to subscription {SubscriptionId}: no answer within {Timeout}", delivery.Id, subscription.Id, timeout);
            return new Outcome(false, null, DeliveryFailure.NoAnswer);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Refused, reset, a bad certificate, an address inside the network: a failed attempt like any other. The details
            // are ours (logs, trace); the subscriber sees the coarse text.
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            logger.LogInformation(e, "Delivery {DeliveryId} to subscription {SubscriptionId} failed: {Detail}", delivery.Id, subscription.Id, e.Message);
            return new Outcome(false, null, DeliveryFailure.ForSubscriber(e));
        }
    }
}
