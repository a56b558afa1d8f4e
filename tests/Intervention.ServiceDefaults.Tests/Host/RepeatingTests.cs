using Microsoft.Extensions.Logging;

namespace Intervention.ServiceDefaults.Tests.Host;

/// <summary>
/// The one loop the services' timed background work runs in (the review announcer, the audit runner's search for unclaimed
/// audits, the Idempotency-Key clean-up): a pass at start and then one every interval; a pass that fails is logged and the
/// next one tries again; the loop ends quietly when the service stops. Real time with a short interval, so no fake clock.
/// </summary>
public sealed class RepeatingTests
{
    private sealed class Warnings : ILogger
    {
        public List<(string Message, Exception? Error)> Logged { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) lock (Logged) Logged.Add((formatter(state, exception), exception));
        }
    }

    [Fact]
    public async Task A_pass_that_fails_is_logged_and_the_next_pass_runs_after_the_interval()
    {
        var logger = new Warnings();
        var passes = 0;
        var secondPass = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopping = new CancellationTokenSource();

        var loop = Repeating.EveryAsync(TimeSpan.FromMilliseconds(20), TimeProvider.System, logger, "Could not count the drivers; will count again",
            _ =>
            {
                if (Interlocked.Increment(ref passes) == 1) throw new InvalidOperationException("the database is away");
                secondPass.TrySetResult();
                return Task.CompletedTask;
            }, stopping.Token);

        await secondPass.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var warning = Assert.Single(logger.Logged);
        Assert.Equal("Could not count the drivers; will count again", warning.Message);
        Assert.IsType<InvalidOperationException>(warning.Error);

        await stopping.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10)); // ends without throwing when the service stops
        Assert.True(loop.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task The_first_pass_runs_at_start_and_the_next_waits_for_the_interval()
    {
        var passes = 0;
        using var stopping = new CancellationTokenSource();

        var loop = Repeating.EveryAsync(TimeSpan.FromHours(1), TimeProvider.System, new Warnings(), "Could not look",
            _ => { Interlocked.Increment(ref passes); return Task.CompletedTask; }, stopping.Token);
        await Task.Delay(200);

        Assert.Equal(1, Volatile.Read(ref passes));
        await stopping.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(loop.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_pass_cancelled_because_the_service_stops_ends_the_loop_quietly()
    {
        var logger = new Warnings();
        using var stopping = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var loop = Repeating.EveryAsync(TimeSpan.FromMilliseconds(20), TimeProvider.System, logger, "Could not look",
            async ct => { started.TrySetResult(); await Task.Delay(Timeout.Infinite, ct); }, stopping.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stopping.CancelAsync();

        await loop.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(loop.IsCompletedSuccessfully);
        Assert.Empty(logger.Logged);
    }
}
