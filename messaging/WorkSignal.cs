using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Intervention.Messaging;

/// <summary>
/// Wakes a background worker (the outbox relay, the webhook delivery worker) when work it waits for has committed, so the
/// work goes within milliseconds rather than at the next poll. Signals that arrive while one is pending are one wake-up:
/// a pass takes everything pending.
/// </summary>
public abstract class WorkSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Wakes the worker now; inside a unit of work, use <see cref="CommitSignals.NotifyOnCommit"/> instead.</summary>
    public void Notify()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { } // already signalled
    }

    /// <summary>Waits for a signal or the timeout (the fallback poll); false on timeout.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}

/// <summary>
/// Signals given when a unit of work commits, never before (a worker woken before the commit finds nothing and sleeps until
/// its poll) and never when it rolls back. Needs the commit interceptor <see cref="MessagingExtensions.AddMessaging{TDb}"/>
/// registers on the service's database.
/// </summary>
public static class CommitSignals
{
    private static readonly ConditionalWeakTable<DbContext, HashSet<WorkSignal>> Pending = new();

    /// <summary>Notifies <paramref name="signal"/> when <paramref name="db"/>'s transaction commits; at once when it has none.</summary>
    public static void NotifyOnCommit(this DbContext db, WorkSignal signal)
    {
        if (db.Database.CurrentTransaction is null) { signal.Notify(); return; }
        Add(db, signal);
    }

    internal static void Add(DbContext db, WorkSignal signal)
    {
        var pending = Pending.GetValue(db, _ => []);
        lock (pending) pending.Add(signal);
    }

    internal static void Committed(DbContext? db)
    {
        if (db is null || !Pending.TryGetValue(db, out var pending)) return;
        WorkSignal[] due;
        lock (pending) { due = [.. pending]; pending.Clear(); }
        foreach (var signal in due) signal.Notify();
    }

    internal static void RolledBack(DbContext? db)
    {
        if (db is not null && Pending.TryGetValue(db, out var pending))
            lock (pending) pending.Clear();
    }
}
