using System.Text;
using Intervention.Messaging;
using Intervention.ServiceDefaults.Data;
using Intervention.ServiceDefaults.Idempotency;
using Npgsql;

namespace Intervention.ServiceDefaults.Tests.Platform;

/// <summary>
/// The <c>idempotency_keys</c> table every service database gets (platform migration 0003), against the PostgreSQL the
/// AppHost runs: a claim, its kept answer, a concurrent claim, a failure freeing the key, and the clean-up of expired keys.
/// </summary>
public sealed class IdempotencyKeyStoreTests(AppHostPostgres postgres) : IClassFixture<AppHostPostgres>
{
    private static readonly DateTimeOffset Now = new(2016, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Fingerprint = IdempotencyRules.Fingerprint("", Encoding.UTF8.GetBytes("{}"));
    private static readonly StoredAnswer Created = new(201, "application/json; charset=utf-8", "/api/drivers/1", Encoding.UTF8.GetBytes("""{"licenceReference":"PH-000001"}"""));

    private async Task<(IdempotencyKeyStore Store, string Connection)> StoreAsync()
    {
        var connection = postgres.ConnectionString("idempotency_" + Guid.NewGuid().ToString("N")[..8]);
        await new SchemaMigrator().MigrateAsync(connection, [ServiceDatabase.PlatformMigrations, MessagingExtensions.Migrations]);
        return (new IdempotencyKeyStore(connection), connection);
    }

    private static byte[] Key(string key) => IdempotencyRules.ScopeOf("licensing-officer", "POST", "/api/drivers", key);

    private static Task<KeyClaim> ClaimAsync(IdempotencyKeyStore store, string key, DateTimeOffset at) =>
        store.ClaimAsync(Key(key), "licensing-officer", "POST /api/drivers", key, Fingerprint, at, CancellationToken.None);

    [Fact]
    public async Task A_kept_answer_is_given_back_whole_to_the_same_request()
    {
        var (store, _) = await StoreAsync();
        var first = await ClaimAsync(store, "k-1", Now);
        await store.CompleteAsync(Key("k-1"), first.Claim, Created, Now.AddSeconds(1), CancellationToken.None);

        var again = await ClaimAsync(store, "k-1", Now.AddMinutes(5));

        Assert.Equal(IdempotencyOutcome.Run, first.Outcome);
        Assert.Equal(IdempotencyOutcome.Replay, again.Outcome);
        Assert.Equal(Created.Status, again.Answer!.Status);
        Assert.Equal(Created.ContentType, again.Answer.ContentType);
        Assert.Equal(Created.Location, again.Answer.Location);
        Assert.Equal(Created.Body, again.Answer.Body);
    }

    [Fact]
    public async Task Of_two_claims_at_once_one_runs_and_the_other_is_told_it_is_running()
    {
        var (store, _) = await StoreAsync();

        var both = await Task.WhenAll(ClaimAsync(store, "k-2", Now), ClaimAsync(store, "k-2", Now));

        Assert.Equal([IdempotencyOutcome.Run, IdempotencyOutcome.StillRunning], both.Select(c => c.Outcome).OrderBy(o => o));
    }

    [Fact]
    public async Task A_failed_request_frees_its_key_so_the_retry_runs()
    {
        var (store, _) = await StoreAsync();
        var first = await ClaimAsync(store, "k-3", Now);

        await store.ReleaseAsync(Key("k-3"), first.Claim, CancellationToken.None);

        Assert.Equal(IdempotencyOutcome.Run, (await ClaimAsync(store, "k-3", Now.AddSeconds(1))).Outcome);
    }

    [Fact]
    public async Task Expired_keys_are_deleted_and_the_key_runs_again_while_keys_inside_their_24_hours_stay()
    {
        var (store, connection) = await StoreAsync();
        var old = await ClaimAsync(store, "old", Now);
        await store.CompleteAsync(Key("old"), old.Claim, Created, Now, CancellationToken.None);
        var recent = await ClaimAsync(store, "recent", Now.AddHours(20));
        await store.CompleteAsync(Key("recent"), recent.Claim, Created, Now.AddHours(20), CancellationToken.None);

        var deleted = await store.DeleteExpiredAsync(Now.AddHours(25), CancellationToken.None);

        Assert.Equal(1, deleted);
        await using (var db = new NpgsqlConnection(connection))
        {
            await db.OpenAsync();
            Assert.Equal(["recent"], await Keys(db));
        }
        Assert.Equal(IdempotencyOutcome.Run, (await ClaimAsync(store, "old", Now.AddHours(25))).Outcome);
        Assert.Equal(IdempotencyOutcome.Replay, (await ClaimAsync(store, "recent", Now.AddHours(25))).Outcome);
    }

    [Fact]
    public async Task An_expired_key_not_yet_cleaned_up_is_taken_over_by_the_next_request()
    {
        var (store, _) = await StoreAsync();
        var old = await ClaimAsync(store, "k-5", Now);
        await store.CompleteAsync(Key("k-5"), old.Claim, Created, Now, CancellationToken.None);

        var later = await ClaimAsync(store, "k-5", Now.AddHours(24));
        var retry = await ClaimAsync(store, "k-5", Now.AddHours(24).AddSeconds(1));

        Assert.Equal(IdempotencyOutcome.Run, later.Outcome);
        Assert.NotEqual(old.Claim, later.Claim);
        Assert.Equal(IdempotencyOutcome.StillRunning, retry.Outcome);
    }

    private static async Task<List<string>> Keys(NpgsqlConnection db)
    {
        await using var command = new NpgsqlCommand("SELECT idempotency_key FROM idempotency_keys ORDER BY idempotency_key", db);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        return keys;
    }
}
