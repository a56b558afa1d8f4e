using Intervention.Servers.Internal;
using Npgsql;

namespace Intervention.Servers;

/// <summary>
/// A PostgreSQL server to use: either an existing one named by a connection string (whose user may CREATE
/// DATABASE), or a private <see cref="LocalPostgres"/>. Disposing it stops only a private server it owns.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string? externalConnectionString;
    private readonly bool ownsLocal;

    private PostgresServer(string? externalConnectionString, LocalPostgres? local, bool ownsLocal)
    {
        this.externalConnectionString = externalConnectionString;
        Local = local;
        this.ownsLocal = ownsLocal;
    }

    /// <summary>The private server behind this one (to stop or restart it in a test); null for an external server.</summary>
    public LocalPostgres? Local { get; }

    /// <summary>True when this is a server that something else started.</summary>
    public bool IsExternal => Local is null;

    /// <summary>An existing server; disposing does nothing to it.</summary>
    public static PostgresServer External(string connectionString)
    {
        // Parse now, so that a malformed value fails where it is given, not at first use.
        _ = new NpgsqlConnectionStringBuilder(connectionString);
        return new PostgresServer(connectionString, null, ownsLocal: false);
    }

    /// <summary>A private server; disposing this disposes it when <paramref name="ownsLocal"/> is true.</summary>
    public static PostgresServer ForLocal(LocalPostgres local, bool ownsLocal = true)
    {
        ArgumentNullException.ThrowIfNull(local);
        return new PostgresServer(null, local, ownsLocal);
    }

    /// <summary>Npgsql connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database)
    {
        if (Local is not null) return Local.ConnectionString(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        return new NpgsqlConnectionStringBuilder(externalConnectionString) { Database = database }.ConnectionString;
    }

    /// <summary>Creates <paramref name="database"/> unless it exists (safe to call concurrently).</summary>
    public Task CreateDatabaseAsync(string database, CancellationToken ct = default) =>
        Local is not null ? Local.CreateDatabaseAsync(database, ct) : PostgresAdmin.CreateDatabaseAsync(AdminConnectionString(), database, ct);

    /// <summary>Drops <paramref name="database"/> if it exists, disconnecting its sessions.</summary>
    public Task DropDatabaseAsync(string database, CancellationToken ct = default) =>
        Local is not null ? Local.DropDatabaseAsync(database, ct) : PostgresAdmin.DropDatabaseAsync(AdminConnectionString(), database, ct);

    /// <summary>Stops and deletes the private server if this owns it.</summary>
    public ValueTask DisposeAsync() => ownsLocal && Local is not null ? Local.DisposeAsync() : ValueTask.CompletedTask;

    private string AdminConnectionString()
    {
        var builder = new NpgsqlConnectionStringBuilder(externalConnectionString) { Pooling = false };
        // CREATE DATABASE cannot run inside the database it would be connected to only if that is the new one:
        // the maintenance database is the usual place.
        if (string.IsNullOrEmpty(builder.Database)) builder.Database = "postgres";
        return builder.ConnectionString;
    }
}
