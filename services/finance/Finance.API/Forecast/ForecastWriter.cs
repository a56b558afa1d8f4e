using System.Threading.Channels;
using Finance.API.Infrastructure;
using Finance.API.Resilience;
using Intervention.Messaging;
using Intervention.ServiceDefaults.Data;

namespace Finance.API.Forecast;

/// <summary>One children's event for the forecast: whose, from when, and the decision it makes on the child's spells.</summary>
/// <param name="MessageId">The message id, recorded in the inbox of <paramref name="Consumer"/>.</param>
/// <param name="Consumer">The queue it came from.</param>
/// <param name="Cause">The event's type, named in the forecast's own events and the audit trail.</param>
/// <param name="Fact">What it did to the child's placement, as finance keeps it.</param>
public sealed record PlacementEvent(Guid MessageId, string Consumer, string Cause, PlacementEventRecord Fact);

/// <summary>What became of a <see cref="PlacementEvent"/>.</summary>
public enum PlacementOutcomeKind { Applied, AlreadyHandled, Refused }

/// <summary>What became of a <see cref="PlacementEvent"/>, with the note worth logging or the reason it was refused.</summary>
public sealed record PlacementOutcome(PlacementOutcomeKind Kind, SpellNote Note = SpellNote.None, string? Refusal = null)
{
    public static readonly PlacementOutcome AlreadyHandled = new(PlacementOutcomeKind.AlreadyHandled);
    public static PlacementOutcome Applied(SpellNote note) => new(PlacementOutcomeKind.Applied, note);
    public static PlacementOutcome Refused(string why) => new(PlacementOutcomeKind.Refused, Refusal: why);
}

/// <summary>
/// Writes the children's events into the forecast several to a transaction: every event waiting when a transaction starts
/// goes into it, in the order they came (group commit). Each event's decision runs on its child's spells as the ones before
/// it left them, so a group has exactly the effects of its events written one by one; what it saves is the transaction,
/// the lock and the queries each would have cost (one at a time, finance took about 145 events a second on this machine).
/// Idle, an event is written the moment it arrives.
/// <para>
/// The database unreachable: the group is tried again, with back-off, until it is written (the events wait, unacknowledged,
/// and the broker keeps the rest), so an outage never sends an event to the error queue or out of its child's order. Any
/// other failure is put down to one of the events: each is then written alone, and only the one that fails again fails
/// its message (the bus's retries, then <c>_error</c>).
/// </para>
/// </summary>
public sealed class ForecastWriter : BackgroundService
{
    /// <summary>The most events in one transaction.</summary>
    public const int MostInGroup = 256;

    private readonly Channel<Waiting> _waiting = Channel.CreateUnbounded<Waiting>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<PlacementEvent>, CancellationToken, Task<IReadOnlyList<PlacementOutcome>>> _write;
    private readonly ILogger<ForecastWriter> _logger;
    private readonly TimeSpan _longestPause;

    public ForecastWriter(IServiceScopeFactory scopes, ILogger<ForecastWriter> logger)
        : this((group, ct) => WriteInScopeAsync(scopes, group, ct), logger, TimeSpan.FromSeconds(5)) { }

    /// <summary>With the write of one group given (the tests' way in).</summary>
    internal ForecastWriter(Func<IReadOnlyList<PlacementEvent>, CancellationToken, Task<IReadOnlyList<PlacementOutcome>>> write,
        ILogger<ForecastWriter> logger, TimeSpan longestPause)
    {
        _write = write;
        _logger = logger;
        _longestPause = longestPause;
    }

    private sealed record Waiting(PlacementEvent Event, TaskCompletionSource<PlacementOutcome> Outcome);

    /// <summary>Writes <paramref name="event"/> with the others of its moment; completes when its transaction has committed.</summary>
    public Task<PlacementOutcome> WriteAsync(PlacementEvent @event, CancellationToken ct)
    {
        var outcome = new TaskCompletionSource<PlacementOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.Writer.TryWrite(new Waiting(@event, outcome)))
            throw new InvalidOperationException("The forecast writer has stopped: the service is shutting down.");
        // A consumer cancelled (shutting down) stops waiting; if its group still commits, the redelivery finds the inbox row.
        return outcome.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<Waiting>(MostInGroup);
        try
        {
            while (await _waiting.Reader.WaitToReadAsync(stoppingToken))
            {
                group.Clear();
                while (group.Count < MostInGroup && _waiting.Reader.TryRead(out var next)) group.Add(next);
                await WriteAsync(group, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _waiting.Writer.TryComplete();
            foreach (var waiting in group) waiting.Outcome.TrySetCanceled(stoppingToken);
            while (_waiting.Reader.TryRead(out var left)) left.Outcome.TrySetCanceled(stoppingToken);
        }
    }

    private async Task WriteAsync(IReadOnlyList<Waiting> group, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcomes = await _write([.. group.Select(w => w.Event)], ct);
                for (var i = 0; i < group.Count; i++) group[i].Outcome.TrySetResult(outcomes[i]);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && DatabaseOutage.Is(e))
            {
                var pause = TimeSpan.FromMilliseconds(Math.Min(_longestPause.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(attempt, 10))));
                _logger.LogWarning("The forecast could not be written ({Error}): {Count} children's events wait and are tried again in {Pause} ms",
                    e.Message, group.Count, pause.TotalMilliseconds);
                await Task.Delay(pause, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                if (group.Count == 1)
                {
                    group[0].Outcome.TrySetException(e);
                    return;
                }
                _logger.LogWarning(e, "A group of {Count} children's events failed: writing each alone, so that only the one at fault fails", group.Count);
                foreach (var waiting in group) await WriteAsync([waiting], ct);
                return;
            }
        }
    }

    private static async Task<IReadOnlyList<PlacementOutcome>> WriteInScopeAsync(IServiceScopeFactory scopes, IReadOnlyList<PlacementEvent> group,
        CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FinanceDb>();
        var placements = scope.ServiceProvider.GetRequiredService<ChildrenPlacements>();
        var section114 = scope.ServiceProvider.GetRequiredService<Section114Watch>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcomes = new PlacementOutcome[group.Count];
        var raised = new HashSet<FinancialYear>();
        // A group comes from one queue in practice; the inbox is per queue, so each queue's events are written as its own.
        foreach (var fromQueue in group.Select((e, i) => (Event: e, Index: i)).GroupBy(x => x.Event.Consumer))
        {
            var written = await placements.WriteAsync([.. fromQueue.Select(x => x.Event)], fromQueue.Key, ct);
            foreach (var (x, outcome) in fromQueue.Zip(written.Outcomes)) outcomes[x.Index] = outcome;
            raised.UnionWith(written.Raised);
        }
        // Demand raised these years' forecasts: the section 114 test again for each, on the group's result.
        foreach (var year in raised.Order()) await section114.CheckAsync(year, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var (e, outcome) in group.Zip(outcomes).Where(x => x.Second.Kind == PlacementOutcomeKind.Applied))
            PlatformMetrics.EventsConsumed.Add(1, new("event.type", e.Cause), new("messaging.destination", e.Consumer));
        return outcomes;
    }
}

