using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Runtime.CompilerServices;

namespace Intervention.Messaging;

/// <summary>Wakes the outbox relay: committed events go out within milliseconds, not after a polling interval.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { } // already signalled: one wake-up drains everything pending
    }

    /// <summary>Waits for a commit with events, or the timeout (the fallback poll); false on timeout.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}

/// <summary>
/// Signals the relay once a unit of work that added events has committed: after SaveChanges when there
/// is no explicit transaction, else after the transaction commits.
/// </summary>
internal sealed class OutboxCommitInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>The units of work that added events not yet signalled to the relay.</summary>
    private readonly ConditionalWeakTable<DbContext, object> _unsignalled = new();

    private bool TakeUnsignalled(DbContext? db) => db is not null && _unsignalled.Remove(db);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
            _unsignalled.AddOrUpdate(db, this);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default) =>
        ValueTask.FromResult(SavingChanges(eventData, result));

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } db && TakeUnsignalled(db))
            signal.Notify();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default) =>
        ValueTask.FromResult(SavedChanges(eventData, result));

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        if (TakeUnsignalled(eventData.Context))
            signal.Notify();
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        TransactionCommittedAsync(transaction, eventData).GetAwaiter().GetResult();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        TakeUnsignalled(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        TransactionRolledBackAsync(transaction, eventData).GetAwaiter().GetResult();
}
