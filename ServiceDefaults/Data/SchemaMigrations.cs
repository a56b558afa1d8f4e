using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Intervention.ServiceDefaults.Data;

/// <summary>
/// A set of versioned SQL migrations embedded in an assembly: files named <c>NNNN_what.sql</c>
/// under a <c>Migrations</c> folder. The platform's own tables are one scope ("platform"); each
/// service's <c>Infrastructure/Migrations</c> is another. <paramref name="ResourcePrefix"/> narrows the
/// set to resources whose names start with it, for an assembly that holds more than one set.
/// A scope may be spread over several assemblies (the "platform" scope is: 0001 in Intervention.Messaging,
/// 0002 in ServiceDefaults): history records only the scope, the version, the name from the file name and
/// the checksum of the text, never the assembly or the resource name, so a migration can move between
/// assemblies without a database noticing.
/// </summary>
public sealed partial record MigrationSet(string Scope, Assembly Assembly, string? ResourcePrefix = null)
{
    /// <summary>The scope of the platform's own tables, as recorded in <c>schema_migrations</c> since the first release.</summary>
    public const string PlatformScope = "platform";

    [GeneratedRegex(@"\.Migrations\.(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ResourceName();

    public IReadOnlyList<Migration> Load()
    {
        var migrations = new List<Migration>();
        foreach (var resource in Assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success || ResourcePrefix is not null && !resource.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
            using var stream = Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var sql = reader.ReadToEnd();
            migrations.Add(new Migration(int.Parse(match.Groups["version"].Value), match.Groups["name"].Value, sql));
        }
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Migration set '{Scope}' has two migrations numbered {duplicate.Key:D4}.");
        return migrations.OrderBy(m => m.Version).ToList();
    }
}

/// <summary>One versioned migration; its checksum guards against editing a migration already applied.</summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

/// <summary>
/// Applies migration sets to a PostgreSQL database, Flyway-style: each migration once, in order, in
/// its own transaction, recorded in <c>schema_migrations</c>. A session advisory lock makes concurrent
/// starts (two replicas, a test and a service) apply each migration exactly once. The services and
/// the tests both call this; nothing uses EnsureCreated.
/// </summary>
public sealed class SchemaMigrator(ILogger? logger = null)
{
    private const long LockKey = 0x1_2015_0226; // any constant shared by every migrator of the platform

    /// <summary>Creates the database when it does not exist, then applies what is pending. Returns the migrations applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, IEnumerable<MigrationSet> sets, CancellationToken ct = default)
    {
        await CreateDatabaseIfMissingAsync(connectionString, ct);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await Execute(connection, null, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await Execute(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    scope      text        NOT NULL,
                    version    integer     NOT NULL,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (scope, version))
                """, ct);

            var applied = new Dictionary<(string, int), string>();
            await using (var cmd = new NpgsqlCommand("SELECT scope, version, checksum FROM schema_migrations", connection))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    applied[(reader.GetString(0), reader.GetInt32(1))] = reader.GetString(2);

            var done = new List<string>();
            foreach (var set in Merge(sets))
            foreach (var migration in set.Migrations)
            {
                if (applied.TryGetValue((set.Scope, migration.Version), out var checksum))
                {
                    if (checksum != migration.Checksum)
                        throw new InvalidOperationException(
                            $"Migration {set.Scope} {migration.Version:D4}_{migration.Name} was changed after it was applied. " +
                            "Applied migrations are history: add a new migration instead.");
                    continue;
                }
                await using var tx = await connection.BeginTransactionAsync(ct);
                await Execute(connection, tx, migration.Sql, ct);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (scope, version, name, checksum) VALUES (@s, @v, @n, @c)", connection, tx))
                {
                    record.Parameters.AddWithValue("s", set.Scope);
                    record.Parameters.AddWithValue("v", migration.Version);
                    record.Parameters.AddWithValue("n", migration.Name);
                    record.Parameters.AddWithValue("c", migration.Checksum);
                    await record.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                var label = $"{set.Scope} {migration.Version:D4}_{migration.Name}";
                logger?.LogInformation("Applied migration {Migration}", label);
                done.Add(label);
            }
            return done;
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// The sets by scope, in the order each scope first appears, each scope's migrations in version order whichever
    /// assembly holds them; a version held twice in one scope stops the start.
    /// </summary>
    internal static IReadOnlyList<(string Scope, IReadOnlyList<Migration> Migrations)> Merge(IEnumerable<MigrationSet> sets) =>
        sets.GroupBy(s => s.Scope)
            .Select(scope =>
            {
                var migrations = scope.Distinct().SelectMany(s => s.Load()).ToList();
                var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null)
                    throw new InvalidOperationException($"Migration set '{scope.Key}' has two migrations numbered {duplicate.Key:D4}.");
                return (scope.Key, (IReadOnlyList<Migration>)migrations.OrderBy(m => m.Version).ToList());
            })
            .ToList();

    private static async Task CreateDatabaseIfMissingAsync(string connectionString, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("The connection string names no Database.");
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @d", connection);
        exists.Parameters.AddWithValue("d", database);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        try
        {
            await Execute(connection, null, $"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another process created it between the check and the CREATE: that is what we wanted. Two CREATEs at the same
            // moment (two replicas starting) fail on pg_database's unique index rather than as a duplicate database.
        }
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
