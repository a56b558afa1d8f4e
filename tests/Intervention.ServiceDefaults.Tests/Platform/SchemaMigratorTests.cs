using Intervention.Messaging;
using Intervention.ServiceDefaults.Data;
using Npgsql;

namespace Intervention.ServiceDefaults.Tests.Platform;

/// <summary>The migrations every service applies at start, against the PostgreSQL the AppHost runs.</summary>
public sealed class SchemaMigratorTests(AppHostPostgres postgres) : IClassFixture<AppHostPostgres>
{
    private const string Sets = "Intervention.ServiceDefaults.Tests.Platform.UpgradeMigrations.";
    private static MigrationSet Version(string folder) => new("register", typeof(SchemaMigratorTests).Assembly, Sets + folder + ".");

    [Fact]
    public async Task A_missing_database_is_created_and_the_platform_tables_built_once()
    {
        var connection = postgres.ConnectionString("migrate_" + Guid.NewGuid().ToString("N")[..8]);
        MigrationSet[] platform = [ServiceDatabase.PlatformMigrations, MessagingExtensions.Migrations];

        var first = await new SchemaMigrator().MigrateAsync(connection, platform);
        var second = await new SchemaMigrator().MigrateAsync(connection, platform);

        Assert.Equal(["platform 0001_outbox_inbox_authority", "platform 0002_audit_log", "platform 0003_idempotency_keys"], first);
        Assert.Empty(second);
        Assert.Equal(["audit_log", "authority_assignments", "idempotency_keys", "inbox_messages", "outbox_messages", "schema_migrations"], await TablesAsync(connection));
    }

    [Fact]
    public async Task An_upgrade_keeps_the_rows_already_there()
    {
        var connection = postgres.ConnectionString("upgrade_" + Guid.NewGuid().ToString("N")[..8]);
        await new SchemaMigrator().MigrateAsync(connection, [Version("v1")]);
        await ExecuteAsync(connection, "INSERT INTO register (id, name) VALUES (1, 'licensing'), (2, 'housing')");

        var applied = await new SchemaMigrator().MigrateAsync(connection, [Version("v2")]);

        Assert.Equal(["register 0002_register_oversight"], applied);
        Assert.Equal(["1 licensing None", "2 housing None"], await RowsAsync(connection, "SELECT id, name, oversight FROM register ORDER BY id"));
    }

    [Fact]
    public async Task Starting_together_applies_each_migration_exactly_once()
    {
        var connection = postgres.ConnectionString("together_" + Guid.NewGuid().ToString("N")[..8]);
        await postgres.CreateDatabaseAsync(new NpgsqlConnectionStringBuilder(connection).Database!);
        MigrationSet[] sets = [ServiceDatabase.PlatformMigrations, MessagingExtensions.Migrations, Version("v2")];

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new SchemaMigrator().MigrateAsync(connection, sets))));

        Assert.Equal(5, results.Sum(r => r.Count));
        Assert.Equal(["platform 1", "platform 2", "platform 3", "register 1", "register 2"], await RowsAsync(connection, "SELECT scope, version FROM schema_migrations ORDER BY scope, version"));
    }

    /// <summary>
    /// A database migrated before the outbox and inbox moved to Intervention.Messaging: its history was written by
    /// ServiceDefaults alone. It starts, applying only the platform migration added since (0003, the Idempotency-Keys).
    /// </summary>
    [Fact]
    public async Task A_database_migrated_before_the_platform_libraries_were_split_starts_applying_only_what_came_after()
    {
        var connection = postgres.ConnectionString("presplit_" + Guid.NewGuid().ToString("N")[..8]);
        MigrationSet[] platform = [ServiceDatabase.PlatformMigrations, MessagingExtensions.Migrations];
        await new SchemaMigrator().MigrateAsync(connection, platform);
        // The history and tables exactly as the release before the split recorded them (Idempotency-Keys came later).
        await ExecuteAsync(connection, """
            DROP TABLE idempotency_keys;
            DELETE FROM schema_migrations;
            INSERT INTO schema_migrations (scope, version, name, checksum) VALUES
              ('platform', 1, 'outbox_inbox_authority', 'e0873e8b3103cfeaf7e3cbd2d3f97c5d2cff1b395f8ce00caceb637ac14980a5'),
              ('platform', 2, 'audit_log', 'cd4bdebd074f4d4d44dc59b4b520d2d972693778184caba8094f0ccf41b7e590');
            """);

        var applied = await new SchemaMigrator().MigrateAsync(connection, [MessagingExtensions.Migrations, ServiceDatabase.PlatformMigrations]);

        Assert.Equal(["platform 0003_idempotency_keys"], applied);
    }

    [Fact]
    public async Task A_migration_edited_after_it_was_applied_is_refused()
    {
        var connection = postgres.ConnectionString("edited_" + Guid.NewGuid().ToString("N")[..8]);
        await new SchemaMigrator().MigrateAsync(connection, [Version("v1")]);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => new SchemaMigrator().MigrateAsync(connection, [Version("broken")]));

        Assert.Contains("register 0001_register was changed after it was applied", refused.Message);
        Assert.Equal(["id", "name"], await RowsAsync(connection, "SELECT column_name FROM information_schema.columns WHERE table_name = 'register' ORDER BY ordinal_position"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    private static Task<List<string>> TablesAsync(string connectionString) =>
        RowsAsync(connectionString, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");

    private static async Task<List<string>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString())));
        return rows;
    }
}
