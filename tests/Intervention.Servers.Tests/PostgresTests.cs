using Npgsql;
using Xunit;

namespace Intervention.Servers.Tests;

public sealed class PostgresTests
{
    [Fact]
    public async Task Private_server_creates_databases_and_keeps_data_across_a_restart()
    {
        await using var postgres = await LocalPostgres.StartAsync();

        Assert.Equal($"Host=127.0.0.1;Port={postgres.Port};Username=postgres;Database=orders", postgres.ConnectionString("orders"));
        await postgres.CreateDatabaseAsync("orders");
        await postgres.CreateDatabaseAsync("orders"); // idempotent
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => postgres.CreateDatabaseAsync("created-concurrently")));

        // No pooling: a pooled connection would be a dead one after the restart.
        var orders = postgres.ConnectionString("orders") + ";Pooling=false";
        await ExecuteAsync(orders, "CREATE TABLE placements (id int PRIMARY KEY, cost numeric NOT NULL)");
        await ExecuteAsync(orders, "INSERT INTO placements VALUES (1, 4250.50), (2, 3900)");
        Assert.Equal(8150.50m, await ScalarAsync<decimal>(orders, "SELECT sum(cost) FROM placements"));
        Assert.Equal(1L, await ScalarAsync<long>(postgres.ConnectionString("created-concurrently") + ";Pooling=false", "SELECT count(*) FROM pg_database WHERE datname = 'created-concurrently'"));

        var port = postgres.Port;
        var server = Probes.TreeOf(postgres.ProcessId ?? throw new InvalidOperationException("no postmaster pid"));
        Assert.Contains(server, p => p.Comm == "postgres");

        await postgres.StopAsync();

        Assert.False(postgres.IsRunning);
        Assert.False(Probes.PortIsOpen(port), $"port {port} still open after StopAsync");
        Assert.True(Probes.StillAlive(server).Count == 0, $"left behind: {Probes.Describe(Probes.StillAlive(server))}");

        await postgres.StartAsync();

        Assert.Equal(port, postgres.Port);
        Assert.Equal(2L, await ScalarAsync<long>(orders, "SELECT count(*) FROM placements"));

        // The same server seen as an external one, the way INTERVENTION_TEST_POSTGRES would name it.
        await using (var external = PostgresServer.External($"Host=127.0.0.1;Port={port};Username=postgres"))
        {
            Assert.True(external.IsExternal);
            await external.CreateDatabaseAsync("via-external");
            Assert.Equal(1, await ScalarAsync<int>(external.ConnectionString("via-external") + ";Pooling=false", "SELECT 1"));
            await external.DropDatabaseAsync("via-external");
        }
        Assert.True(postgres.IsRunning, "disposing an external server's wrapper must not stop it");

        var folder = postgres.Folder;
        var running = Probes.TreeOf(postgres.ProcessId!.Value);
        await postgres.DisposeAsync();
        Assert.False(Directory.Exists(folder), $"{folder} still exists after DisposeAsync");
        Assert.True(Probes.StillAlive(running).Count == 0, $"left behind: {Probes.Describe(Probes.StillAlive(running))}");
    }

    [Fact]
    public async Task Test_servers_give_a_working_postgres()
    {
        await using var server = await TestServers.PostgresAsync();
        var database = "servers-tests-" + Guid.NewGuid().ToString("N")[..8];
        await server.CreateDatabaseAsync(database);
        Assert.Equal(database, await ScalarAsync<string>(server.ConnectionString(database) + ";Pooling=false", "SELECT current_database()"));
        await server.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task A_server_that_cannot_bind_its_port_fails_fast_with_its_log_and_leaves_nothing_behind()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;
        var root = Path.Combine("/tmp", "servers-tests-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() =>
                LocalPostgres.StartNewAsync(new LocalPostgresOptions { RootFolder = root, Port = port }));

            Assert.False(error is ServerNotInstalledException, error.Message);
            Assert.Contains($"PostgreSQL on port {port} exited with code", error.Message);
            Assert.Contains("Address already in use", error.Message);
            await Probes.AssertNothingLeftAsync(root);
        }
        finally
        {
            // Not created when the server is missing: do not mask that failure with our own.
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_root_folder_the_server_user_cannot_enter_is_named()
    {
        var parent = Directory.CreateTempSubdirectory("servers-tests-"); // mode 700, like most temp folders
        try
        {
            var options = new LocalPostgresOptions { RootFolder = Path.Combine(parent.FullName, "servers") };
            if (Environment.IsPrivilegedProcess)
            {
                // As root the server runs as the postgres user, who cannot enter the 700 folder.
                var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalPostgres.StartNewAsync(options));
                Assert.Contains($"{parent.FullName} has mode 700", error.Message);
            }
            else
            {
                // Otherwise the server runs as this user, who owns the folder.
                await using var postgres = await LocalPostgres.StartNewAsync(options);
                Assert.True(postgres.IsRunning);
            }
        }
        finally
        {
            parent.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_install_fails_naming_the_file_and_the_package()
    {
        var error = await Assert.ThrowsAsync<ServerNotInstalledException>(() =>
            LocalPostgres.StartNewAsync(new LocalPostgresOptions { BinFolder = "/nonexistent/postgresql/15/bin" }));

        Assert.Contains("/nonexistent/postgresql/15/bin/initdb", error.Message);
        Assert.Contains("apt-get install -y postgresql", error.Message);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
