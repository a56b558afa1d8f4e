using Npgsql;

namespace Intervention.Servers.Internal;

/// <summary>CREATE/DROP DATABASE for a private or an external server.</summary>
internal static class PostgresAdmin
{
    public static async Task CreateDatabaseAsync(string adminConnectionString, string database, CancellationToken ct)
    {
        Validate(database);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = database });
            if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null) return;
        }
        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(database)}", connection);
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another caller created it between our check and our CREATE: that is what we wanted.
        }
    }

    public static async Task DropDatabaseAsync(string adminConnectionString, string database, CancellationToken ct)
    {
        Validate(database);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {QuoteIdentifier(database)} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static void Validate(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        if (System.Text.Encoding.UTF8.GetByteCount(database) > 63)
            throw new ArgumentException($"PostgreSQL database names are at most 63 bytes: '{database}'.", nameof(database));
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
