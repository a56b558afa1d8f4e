using System.Diagnostics.Metrics;

namespace Intervention.Messaging;

/// <summary>
/// The platform's own measures, exported over OTLP with everything else (meter <c>Intervention.Platform</c>): events
/// published, consumed and failed, and the outbox's backlog and the age of its oldest unpublished event, which say first
/// that the broker or the relay is in trouble (docs/runbook.md).
/// </summary>
public static class PlatformMetrics
{
    public static readonly Meter Meter = new("Intervention.Platform");

    public static readonly Counter<long> EventsPublished =
        Meter.CreateCounter<long>("intervention.events.published", "{event}", "Events the outbox relay published to RabbitMQ, by type");
    public static readonly Counter<long> PublishFailures =
        Meter.CreateCounter<long>("intervention.events.publish_failures", "{attempt}", "Publishes the outbox relay will retry, by type");
    public static readonly Counter<long> EventsConsumed =
        Meter.CreateCounter<long>("intervention.events.consumed", "{event}", "Events a consumer had its effect for, by type and queue");
    public static readonly Counter<long> EventsFailed = Meter.CreateCounter<long>("intervention.events.failed", "{attempt}",
        "Consumer attempts that failed (retried, then sent to the _error queue), by type and queue");

    private static long _backlog;
    private static double _oldestAgeSeconds;

    static PlatformMetrics()
    {
        Meter.CreateObservableGauge("intervention.outbox.backlog", () => Interlocked.Read(ref _backlog), "{event}", "Events committed and not yet published");
        Meter.CreateObservableGauge("intervention.outbox.oldest_age", () => Volatile.Read(ref _oldestAgeSeconds), "s",
            "Age of the oldest event not yet published");
    }

    /// <summary>The relay reports what it saw at the end of each pass.</summary>
    public static void OutboxState(long backlog, TimeSpan oldestAge)
    {
        Interlocked.Exchange(ref _backlog, backlog);
        Volatile.Write(ref _oldestAgeSeconds, Math.Max(0, oldestAge.TotalSeconds));
    }
}
