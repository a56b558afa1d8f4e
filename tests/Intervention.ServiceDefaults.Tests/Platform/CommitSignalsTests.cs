using Intervention.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Intervention.ServiceDefaults.Tests.Platform;

/// <summary>
/// A worker is woken when the work it waits for has committed, not when it was written: woken before, the webhook delivery
/// worker found nothing and slept until its poll (it used to wait 50 ms on every signal to cover for it). On the
/// PostgreSQL the AppHost runs, with the interceptor the services' databases get.
/// </summary>
public sealed class CommitSignalsTests(AppHostPostgres postgres) : IClassFixture<AppHostPostgres>
{
    private sealed class Worker : WorkSignal;

    private sealed class UnitOfWork(DbContextOptions<UnitOfWork> options) : DbContext(options);

    private async Task<UnitOfWork> OpenAsync()
    {
        var database = "signals_" + Guid.NewGuid().ToString("N")[..8];
        await postgres.CreateDatabaseAsync(database);
        return new UnitOfWork(new DbContextOptionsBuilder<UnitOfWork>()
            .UseNpgsql(postgres.ConnectionString(database)).AddInterceptors(new OutboxCommitInterceptor(new OutboxSignal())).Options);
    }

    [Fact]
    public async Task A_signal_asked_for_in_a_transaction_is_given_when_it_commits_and_not_before()
    {
        await using var db = await OpenAsync();
        var worker = new Worker();

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1");
            db.NotifyOnCommit(worker);
            Assert.False(await worker.WaitAsync(TimeSpan.Zero, CancellationToken.None), "woken before the commit");
            await tx.CommitAsync();
        }

        Assert.True(await worker.WaitAsync(TimeSpan.Zero, CancellationToken.None), "not woken by the commit");
    }

    [Fact]
    public async Task A_rolled_back_transaction_wakes_no_one_even_when_the_next_one_commits()
    {
        await using var db = await OpenAsync();
        var worker = new Worker();

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            db.NotifyOnCommit(worker);
            await tx.RollbackAsync();
        }
        await using (var tx = await db.Database.BeginTransactionAsync())
            await tx.CommitAsync();

        Assert.False(await worker.WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None));
    }

    [Fact]
    public async Task Outside_a_transaction_the_signal_is_given_at_once()
    {
        await using var db = await OpenAsync();
        var worker = new Worker();

        db.NotifyOnCommit(worker);

        Assert.True(await worker.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }
}
