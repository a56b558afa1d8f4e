using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using Xunit;

namespace Intervention.ServiceDefaults.Tests.Platform;

/// <summary>
/// The PostgreSQL the AppHost runs (Debian's, as a local executable resource, data in a temporary folder), and
/// nothing else of its model: the schema tests build their databases on the same server the services use.
/// </summary>
public sealed class AppHostPostgres : IAsyncLifetime
{
    private DistributedApplication? _app;
    private string _dataFolder = "";
    private int _port;

    public async Task InitializeAsync()
    {
        _dataFolder = Directory.CreateTempSubdirectory("intervention-schema-").FullName;
        // The server runs as the postgres user and must be able to enter it.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_dataFolder, (UnixFileMode)0b111_101_101);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Intervention_AppHost>(
            ["--servers=local", $"INTERVENTION_APPHOST_DATA={_dataFolder}"], (options, _) => options.DisableDashboard = true);
        foreach (var other in builder.Resources.Where(r => r.Name is not ("postgres" or "postgres-initdb")).ToList()) builder.Resources.Remove(other);
        _app = await builder.BuildAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _app.StartAsync(limit.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("postgres", limit.Token);
        _port = _app.GetEndpoint("postgres", "tcp").Port;
    }

    /// <summary>Npgsql connection string for <paramref name="database"/> on this server (the owner role, trusted on loopback).</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "postgres", Database = database }.ConnectionString;

    /// <summary>Creates <paramref name="database"/>.</summary>
    public async Task CreateDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", connection).ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try { Directory.Delete(_dataFolder, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
