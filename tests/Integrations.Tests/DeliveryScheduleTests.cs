using Integrations.API.Deliveries;

namespace Integrations.Tests;

/// <summary>A failed delivery is retried with exponential back-off for 24 hours (by default), then parked.</summary>
public class DeliveryScheduleTests
{
    private static readonly DateTimeOffset Queued = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly DeliverySchedule _defaults = new(new DeliveryOptions());

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(8, 640)]
    [InlineData(10, 2560)]
    [InlineData(11, 3600)] // 5,120 s capped at an hour
    [InlineData(30, 3600)]
    [InlineData(1000, 3600)]
    public void The_pause_starts_at_5_seconds_and_doubles_to_at_most_an_hour(int failedAttempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), _defaults.PauseAfter(failedAttempts));
    }

    [Fact]
    public void The_next_attempt_is_the_pause_after_the_failure()
    {
        var failedAt = Queued.AddSeconds(1);
        Assert.Equal(failedAt.AddSeconds(20), _defaults.NextAttempt(Queued, 3, failedAt));
    }

    [Fact]
    public void Retrying_with_the_defaults_lasts_24_hours_with_the_last_attempt_at_the_end_of_the_window_then_parks()
    {
        var at = Queued;
        var attempts = new List<DateTimeOffset> { at };
        while (_defaults.NextAttempt(Queued, attempts.Count, at) is { } next)
        {
            Assert.True(next > at);
            attempts.Add(at = next);
        }
        Assert.Equal(Queued.AddHours(24), attempts[^1]);
        // The first 11 attempts take 5 s + 10 s + ... + 2,560 s = 1 h 25 min; then hourly (22), and one at the end: 34 in all.
        Assert.Equal(Queued.AddSeconds(5115), attempts[10]);
        Assert.Equal(34, attempts.Count);
        Assert.Null(_defaults.NextAttempt(Queued, attempts.Count, attempts[^1]));
    }

    [Fact]
    public void A_shortened_window_parks_sooner()
    {
        var schedule = new DeliverySchedule(new DeliveryOptions { FirstRetryAfter = TimeSpan.FromMilliseconds(250), MaxRetryInterval = TimeSpan.FromSeconds(2), RetryFor = TimeSpan.FromSeconds(6) });
        Assert.Equal(Queued.AddMilliseconds(250), schedule.NextAttempt(Queued, 1, Queued));
        Assert.Equal(Queued.AddSeconds(6), schedule.NextAttempt(Queued, 5, Queued.AddSeconds(5)));
        Assert.Null(schedule.NextAttempt(Queued, 6, Queued.AddSeconds(6)));
    }

    [Fact]
    public void A_failure_counts_from_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _defaults.PauseAfter(0));
    }
}
