namespace Integrations.API.Deliveries;

/// <summary>Wakes the delivery worker when deliveries are queued (an event arrived, a replay), so they need not wait for the poll.</summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { } // already signalled: one pass takes everything due
    }

    /// <summary>Waits for a signal or the timeout; false on timeout.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
