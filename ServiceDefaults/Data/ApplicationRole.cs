using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Intervention.ServiceDefaults.Data;

/// <summary>
/// The database role a service runs as, apart from the owner role that applies migrations: it may read and write the
/// service's tables but only insert into (and read) the audit trail, and cannot touch the migrations' history. The owner
/// creates it (when missing) and grants it after every migration run, so new tables are covered.
/// </summary>
public static class ApplicationRole
{
    /// <summary><c>&lt;database&gt;_app</c>.</summary>
    public static string NameFor(string database) => (database.Length > 59 ? database[..59] : database) + "_app";

    /// <summary>
    /// The connection the service runs on: <c>ConnectionStrings:&lt;svc&gt;db_app</c> when given (production: from the
    /// secret store), else the owner's connection as the application role with <c>Database:AppPassword</c> (none for a
    /// local server that trusts loopback).
    /// </summary>
    public static string ConnectionString(string ownerConnectionString, IConfiguration configuration, string connectionName)
    {
        NpgsqlConnectionStringBuilder builder;
        if (configuration.GetConnectionString(connectionName + "_app") is { Length: > 0 } given)
            builder = new NpgsqlConnectionStringBuilder(given);
        else
        {
            builder = new NpgsqlConnectionStringBuilder(ownerConnectionString);
            builder.Username = NameFor(builder.Database ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} names no database."));
            builder.Password = configuration["Database:AppPassword"];
        }
        // A service sends the same few statements over and over: prepared once per connection, PostgreSQL stops parsing
        // and planning each (a connection string that sets its own number keeps it).
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }

    /// <summary>Creates the role if it is missing and grants what it may do; idempotent.</summary>
    public static async Task GrantAsync(string ownerConnectionString, string? password, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        var database = connection.Database;
        var role = NameFor(database);
        var quoted = "\"" + role.Replace("\"", "\"\"") + "\"";
        var lookup = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @role)", connection) { Parameters = { new("role", role) } };
        var exists = await lookup.ExecuteScalarAsync(ct) is true;
        if (!exists)
        {
            try
            {
                await Execute($"CREATE ROLE {quoted} LOGIN");
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
            {
                // Another replica of this service created it at the same moment.
            }
        }
        if (!string.IsNullOrEmpty(password))
            await new NpgsqlCommand($"ALTER ROLE {quoted} PASSWORD '{password.Replace("'", "''")}'", connection).ExecuteNonQueryAsync(ct);
        await Execute($"""
            GRANT CONNECT ON DATABASE "{database.Replace("\"", "\"\"")}" TO {quoted};
            GRANT USAGE ON SCHEMA public TO {quoted};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {quoted};
            REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM {quoted};
            REVOKE ALL ON schema_migrations FROM {quoted};
            """);

        async Task Execute(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
