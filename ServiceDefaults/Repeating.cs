using Microsoft.Extensions.Logging;

namespace Intervention.ServiceDefaults;

/// <summary>
/// The one loop for background work done on a timer (the review announcer, the audit runner's search for audits no
/// replica runs, the clean-up of expired Idempotency-Keys), so that each says only what it does and how often.
/// </summary>
public static class Repeating
{
    /// <summary>
    /// Runs <paramref name="pass"/> at once and then <paramref name="every"/> after each pass ends, until
    /// <paramref name="stoppingToken"/> is cancelled; then it ends quietly. A pass that fails is logged as a warning with
    /// <paramref name="failed"/> and the next pass tries again: the database may be away for a while.
    /// </summary>
    /// <param name="every">The wait between the end of one pass and the start of the next.</param>
    /// <param name="clock">The clock the wait is measured on.</param>
    /// <param name="logger">Where a failed pass is logged.</param>
    /// <param name="failed">The warning for a failed pass, a constant that says what will happen next, e.g. "Could not ...; will try again".</param>
    /// <param name="pass">One pass of the work.</param>
    /// <param name="stoppingToken">Cancelled when the service stops.</param>
    public static async Task EveryAsync(TimeSpan every, TimeProvider clock, ILogger logger, string failed, Func<CancellationToken, Task> pass,
        CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await pass(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
#pragma warning disable CA2254 // each caller passes one constant message
                    logger.LogWarning(e, failed);
#pragma warning restore CA2254
                }
                await Task.Delay(every, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The service is stopping.
        }
    }
}
