namespace Integrations.API.Deliveries;

/// <summary>Settings of deliveries (section <c>Integrations:Delivery</c>); tests shorten the window.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Integrations:Delivery";
    /// <summary>The pause after the first failed attempt; it doubles after each further failure.</summary>
    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>The longest pause between two attempts.</summary>
    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How long after a delivery is queued it is still tried; after that it is parked.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);
    /// <summary>How long one POST may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Deliveries claimed (and posted concurrently) per pass.</summary>
    public int BatchSize { get; set; } = 50;
    /// <summary>Deliveries of one subscription in one pass: a subscriber that answers slowly cannot fill a batch.</summary>
    public int PerSubscription { get; set; } = 10;
    /// <summary>Passes running at once (each claims its own rows): a subscriber that hangs holds up one of them, not all.</summary>
    public int Workers { get; set; } = 4;
    /// <summary>The fallback poll, for deliveries that fall due while nothing wakes the worker.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// When a failed delivery is tried again: exponential back-off (<c>FirstRetryAfter</c>, doubling, at most
/// <c>MaxRetryInterval</c>) for <c>RetryFor</c> after it was queued, the last attempt at the very end of that window; after
/// that it is parked. With the defaults: 5 s, 10 s, 20 s ... 1 h, then hourly, for 24 hours.
/// </summary>
public sealed class DeliverySchedule(DeliveryOptions options)
{
    /// <summary>The pause after the <paramref name="failedAttempts"/>-th failed attempt (1 for the first).</summary>
    public TimeSpan PauseAfter(int failedAttempts)
    {
        if (failedAttempts < 1) throw new ArgumentOutOfRangeException(nameof(failedAttempts), failedAttempts, "counts from 1");
        var doubled = options.FirstRetryAfter.TotalMilliseconds * Math.Pow(2, Math.Min(failedAttempts - 1, 40));
        return TimeSpan.FromMilliseconds(Math.Min(doubled, options.MaxRetryInterval.TotalMilliseconds));
    }

    /// <summary>
    /// When to try a delivery queued at <paramref name="queuedAt"/> again after its <paramref name="failedAttempts"/>-th failure
    /// at <paramref name="failedAt"/>; null to park it (its window is over).
    /// </summary>
    public DateTimeOffset? NextAttempt(DateTimeOffset queuedAt, int failedAttempts, DateTimeOffset failedAt)
    {
        var windowEnds = queuedAt + options.RetryFor;
        if (failedAt >= windowEnds) return null;
        var next = failedAt + PauseAfter(failedAttempts);
        return next < windowEnds ? next : windowEnds;
    }
}
