using System.Diagnostics;
using System.Text.Json;
using Intervention.Contracts;
using Intervention.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Intervention.Messaging;

/// <summary>Settings of the outbox relay (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>Rows published per transaction.</summary>
    public int BatchSize { get; set; } = 500;
    /// <summary>How long to wait for the broker to confirm one publish before counting it failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>The fallback poll, for rows a signal did not announce (another replica, a crash before the signal).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Longest pause between attempts while the broker refuses.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Publishes committed outbox rows to RabbitMQ in order, with publisher confirms, and marks them
/// published; retries with back-off until the broker takes them. One relay per database publishes at a
/// time (a transaction-scoped advisory lock), so replicas keep the rows' order; a row is locked while it is
/// published (FOR UPDATE SKIP LOCKED), so a replica never publishes the same row as another; a crash
/// between publish and mark can publish a row again, which the consumers' inbox absorbs.
/// </summary>
internal sealed class OutboxRelay<TDb>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay<TDb>> logger) : BackgroundService where TDb : ServiceDb
{
    internal static readonly ActivitySource Source = new("Intervention.Outbox");
    private const long RelayLock = 0x_0B0_7E1A; // the outbox relay's; any constant no other lock of a service database uses

    /// <summary>Message types the relay has had confirmed since it started or last failed (only its own loop touches it).</summary>
    private readonly HashSet<string> _warm = [];

    /// <summary>When the relay last counted the backlog (only its own loop touches it).</summary>
    private DateTimeOffset _backlogCountedAt = DateTimeOffset.MinValue;
    private static readonly TimeSpan BacklogCountInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var (published, failed) = await PublishPendingAsync(settings, stoppingToken);
                if (failed)
                {
                    failures++;
                    wait = TimeSpan.FromMilliseconds(Math.Min(settings.MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures, 10))));
                }
                else
                {
                    failures = 0;
                    if (published == settings.BatchSize) continue; // more waiting: go again at once
                    wait = settings.PollInterval;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is unreachable or the batch could not be marked: nothing is lost,
                // the rows stay pending and the next pass takes them.
                failures++;
                logger.LogWarning(e, "Outbox relay pass failed; retrying");
                wait = settings.MaxBackoff;
            }

            try
            {
                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<(int Published, bool Failed)> PublishPendingAsync(OutboxOptions settings, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One relay of a database publishes at a time: two replicas' relays taking different batches side by side could publish
        // a child's later event before its earlier one. Held for the transaction (PostgreSQL frees a crashed relay's with its
        // connection) and waited for, not tried, so the rows the other pass did not see go as soon as it ends.
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({RelayLock})", ct);
        var batch = await db.OutboxMessages
            .FromSql($"SELECT * FROM outbox_messages WHERE published_at IS NULL ORDER BY sequence LIMIT {settings.BatchSize} FOR UPDATE SKIP LOCKED")
            .AsNoTracking()
            .ToListAsync(ct);
        if (batch.Count == 0)
        {
            PlatformMetrics.OutboxState(0, TimeSpan.Zero);
            return (0, false);
        }

        // The publishes of the batch are started in sequence order and their confirms awaited together: the broker
        // confirms them in one go, not one round trip per row. MassTransit hands publishes of a message type it has sent
        // before to the channel in the order they were started; the first of a type waits for its exchange to be declared,
        // and those started behind it could overtake each other. So each type's first publish (since the relay started or
        // last failed) goes alone, after those before it, and is confirmed before any after it starts.
        var publishes = new List<Task>(batch.Count);
        foreach (var message in batch)
        {
            if (!_warm.Contains(message.MessageType))
            {
                await Task.WhenAll(publishes).ContinueWith(_ => { }, TaskScheduler.Default); // failures are read below, row by row
                var first = PublishAsync(message, settings.PublishTimeout, ct);
                publishes.Add(first);
                await first.ContinueWith(_ => { }, TaskScheduler.Default);
                if (!first.IsCompletedSuccessfully) break; // the broker refuses: the rest wait for the next pass, in order
                _warm.Add(message.MessageType);
                continue;
            }
            publishes.Add(PublishAsync(message, settings.PublishTimeout, ct));
        }
        var confirmed = new List<Guid>(batch.Count);
        var refused = new List<(OutboxMessage Message, string Error)>();
        for (var i = 0; i < publishes.Count; i++)
        {
            try
            {
                await publishes[i];
                confirmed.Add(batch[i].Id);
                PlatformMetrics.EventsPublished.Add(1, new KeyValuePair<string, object?>("event.type", batch[i].MessageType));
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // The broker took the rows after this one if it confirmed them: they stay published (the guarantee is
                // at least once), this one is retried on the next pass.
                _warm.Clear(); // the broker or the connection failed: the bus may make its channels and exchanges anew
                refused.Add((batch[i], e.Message.Length > 2000 ? e.Message[..2000] : e.Message));
                PlatformMetrics.PublishFailures.Add(1, new KeyValuePair<string, object?>("event.type", batch[i].MessageType));
                logger.LogWarning("Outbox could not publish {MessageType} {MessageId} (attempt {Attempts}): {Error}",
                    batch[i].MessageType, batch[i].Id, batch[i].Attempts + 1, e.Message);
            }
        }
        // One statement marks the whole confirmed batch; the refused, usually all for one reason, one per reason.
        var now = clock.GetUtcNow();
        if (confirmed.Count > 0)
            await db.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET published_at = {now} WHERE id = ANY({confirmed.ToArray()})", ct);
        foreach (var reason in refused.GroupBy(r => r.Error))
        {
            var ids = reason.Select(r => r.Message.Id).ToArray();
            await db.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET attempts = attempts + 1, last_error = {reason.Key} WHERE id = ANY({ids})", ct);
        }
        await tx.CommitAsync(ct);
        // The gauges are read every few seconds: counting the backlog after every pass would cost a busy relay a round trip per
        // batch, and delay the next batch by as much.
        if (clock.GetUtcNow() - _backlogCountedAt >= BacklogCountInterval) await ReportBacklogAsync(db, ct);
        return (confirmed.Count, refused.Count > 0);
    }

    private async Task ReportBacklogAsync(TDb db, CancellationToken ct)
    {
        _backlogCountedAt = clock.GetUtcNow();
        // One statement over the partial index of pending rows, at most once a second while the relay is busy.
        var state = await db.OutboxMessages.Where(m => m.PublishedAt == null)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.LongCount(), Oldest = g.Min(m => (DateTimeOffset?)m.CreatedAt) })
            .FirstOrDefaultAsync(ct);
        PlatformMetrics.OutboxState(state?.Count ?? 0, state?.Oldest is { } at ? clock.GetUtcNow() - at : TimeSpan.Zero);
    }

    private async Task PublishAsync(OutboxMessage message, TimeSpan timeout, CancellationToken ct)
    {
        var type = Outbox.ContractType(message.MessageType)
            ?? throw new InvalidOperationException($"No contract named {message.MessageType}: was it renamed without a successor?");
        var body = JsonSerializer.Deserialize(message.Body, type, ContractJson.Options)!;

        // Continue the trace of the request that wrote the row; MassTransit's send span is a child of this one.
        ActivityContext.TryParse(message.Traceparent, null, out var parent);
        using var activity = Source.StartActivity($"outbox publish {type.Name}", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", message.Id.ToString());

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        await bus.Publish(body, type, context => context.MessageId = message.Id, timeoutCts.Token);
    }
}
