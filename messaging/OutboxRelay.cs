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
    public int BatchSize { get; set; } = 100;
    /// <summary>How long to wait for the broker to confirm one publish before counting it failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>The fallback poll, for rows a signal did not announce (another replica, a crash before the signal).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Longest pause between attempts while the broker refuses.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Publishes committed outbox rows to RabbitMQ in order, with publisher confirms, and marks them
/// published; retries with back-off until the broker takes them. A row is locked while it is
/// published (FOR UPDATE SKIP LOCKED), so replicas never publish the same row at once; a crash
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
        var batch = await db.OutboxMessages
            .FromSql($"SELECT * FROM outbox_messages WHERE published_at IS NULL ORDER BY sequence LIMIT {settings.BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        if (batch.Count == 0)
        {
            PlatformMetrics.OutboxState(0, TimeSpan.Zero);
            return (0, false);
        }

        var published = 0;
        var failed = false;
        foreach (var message in batch)
        {
            try
            {
                await PublishAsync(message, settings.PublishTimeout, ct);
                message.PublishedAt = clock.GetUtcNow();
                published++;
                PlatformMetrics.EventsPublished.Add(1, new KeyValuePair<string, object?>("event.type", message.MessageType));
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                message.Attempts++;
                PlatformMetrics.PublishFailures.Add(1, new KeyValuePair<string, object?>("event.type", message.MessageType));
                message.LastError = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
                logger.LogWarning("Outbox could not publish {MessageType} {MessageId} (attempt {Attempts}): {Error}",
                    message.MessageType, message.Id, message.Attempts, e.Message);
                failed = true;
                break; // keep the order: later rows wait for this one
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await ReportBacklogAsync(db, ct);
        return (published, failed);
    }

    private async Task ReportBacklogAsync(TDb db, CancellationToken ct)
    {
        var pending = db.OutboxMessages.Where(m => m.PublishedAt == null);
        var count = await pending.LongCountAsync(ct);
        var oldest = count == 0 ? null : await pending.MinAsync(m => (DateTimeOffset?)m.CreatedAt, ct);
        PlatformMetrics.OutboxState(count, oldest is { } at ? clock.GetUtcNow() - at : TimeSpan.Zero);
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
