using System.Globalization;
using Intervention.Servers.Internal;
using Npgsql;

namespace Intervention.Servers;

/// <summary>Options for a private PostgreSQL server; the defaults suit tests.</summary>
public sealed record LocalPostgresOptions
{
    /// <summary>Folder under which the server's own folder is created; default /tmp/intervention-servers.</summary>
    public string? RootFolder { get; init; }

    /// <summary>Folder holding initdb and postgres; null takes the newest /usr/lib/postgresql/&lt;version&gt;/bin.</summary>
    public string? BinFolder { get; init; }

    /// <summary>Port on 127.0.0.1; null picks a free one.</summary>
    public int? Port { get; init; }

    /// <summary>How long a start may take before it fails with the log's tail.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// A private PostgreSQL server from the Debian package: its own data folder and port, on 127.0.0.1 only, user
/// postgres with trust authentication. Durability is traded for speed (fsync off): the data lives as long as the
/// instance. Dispose it to stop it and delete its folder.
/// </summary>
public sealed class LocalPostgres : LocalServer
{
    private const string OsUser = "postgres";
    private const string PackagesFolder = "/usr/lib/postgresql";
    private readonly LocalPostgresOptions options;
    private readonly string binFolder;

    private LocalPostgres(LocalPostgresOptions options, string binFolder, string folder, int port)
        : base(folder, Path.Combine(folder, "postgres.log"))
    {
        this.options = options;
        this.binFolder = binFolder;
        Port = port;
    }

    /// <summary>Port on 127.0.0.1, kept across <see cref="LocalServer.StopAsync"/> and <see cref="LocalServer.StartAsync(CancellationToken)"/>.</summary>
    public int Port { get; }

    /// <summary>The server's log (its stderr).</summary>
    public string LogFile => Path.Combine(Folder, "postgres.log");

    /// <summary>Process id of the postmaster while the server runs.</summary>
    public override int? ProcessId => Process.IsRunning ? ReadPostmasterPid() : null;

    private string DataFolder => Path.Combine(Folder, "data");

    /// <summary>Npgsql connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        return $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={Quote(database)}";
    }

    /// <summary>Creates <paramref name="database"/> unless it exists (safe to call concurrently).</summary>
    public Task CreateDatabaseAsync(string database, CancellationToken ct = default) =>
        PostgresAdmin.CreateDatabaseAsync(AdminConnectionString(), database, ct);

    /// <summary>Drops <paramref name="database"/> if it exists, disconnecting its sessions.</summary>
    public Task DropDatabaseAsync(string database, CancellationToken ct = default) =>
        PostgresAdmin.DropDatabaseAsync(AdminConnectionString(), database, ct);

    /// <summary>Initialises a new cluster and starts it on a free port; completes when it accepts connections.</summary>
    public static Task<LocalPostgres> StartAsync(string? rootFolder = null, CancellationToken ct = default) =>
        StartNewAsync(new LocalPostgresOptions { RootFolder = rootFolder }, ct);

    /// <summary>Initialises a new cluster and starts it, with explicit options.</summary>
    public static async Task<LocalPostgres> StartNewAsync(LocalPostgresOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var binFolder = options.BinFolder ?? FindBinFolder();
        foreach (var tool in (string[])["initdb", "postgres"])
        {
            var path = Path.Combine(binFolder, tool);
            if (!File.Exists(path)) throw new ServerNotInstalledException("PostgreSQL", path, "postgresql");
        }

        return await StartNewInstanceAsync(
            () => new LocalPostgres(options, binFolder, ServerFolders.CreateInstanceFolder(options.RootFolder, "postgres"), options.Port ?? FreePorts.Pick()),
            portsFixed: options.Port is not null, ct).ConfigureAwait(false);
    }

    /// <summary>Starts the server again on the same port with the same data; no-op if it runs.</summary>
    // Declared here as well as in LocalServer so that an instance call is not taken for the static factory above.
    public new Task StartAsync(CancellationToken ct = default) => base.StartAsync(ct);

    // SIGINT is PostgreSQL's "fast" shutdown (what pg_ctl stop -m fast sends): sessions are disconnected, data kept.
    private protected override int StopSignal => Native.SigInt;

    private static string FindBinFolder()
    {
        // Debian installs each major version side by side: take the newest.
        var candidates = Directory.Exists(PackagesFolder)
            ? Directory.EnumerateDirectories(PackagesFolder)
                .Select(dir => (Dir: dir, Version: decimal.TryParse(Path.GetFileName(dir), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(c => c.Version >= 0 && File.Exists(Path.Combine(c.Dir, "bin", "initdb")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        if (candidates.Count == 0)
            throw new ServerNotInstalledException("PostgreSQL", $"{PackagesFolder}/<version>/bin/initdb", "postgresql");
        return Path.Combine(candidates[0].Dir, "bin");
    }

    private protected override async Task PrepareAsync(CancellationToken ct)
    {
        await ServerFolders.HandOverAsync(Folder, OsUser, ct).ConfigureAwait(false);
        var initdb = Cli.CommandLine(OsUser, new Dictionary<string, string>(), Path.Combine(binFolder, "initdb"),
            ["-D", DataFolder, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
        var result = await Cli.RunAsync(initdb, TimeSpan.FromSeconds(120), ct, Folder).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"initdb failed with exit code {result.ExitCode}:{Environment.NewLine}{result.Output}");

        // Settings live in the cluster, so a restart needs no arguments. No Unix socket: clients use TCP, and a
        // socket path under a deep root folder could exceed the 107-byte limit.
        await File.AppendAllTextAsync(Path.Combine(DataFolder, "postgresql.conf"), $"""

            # Private server (Intervention.Servers): loopback only, built for tests, not for durability.
            listen_addresses = '127.0.0.1'
            port = {Port.ToString(CultureInfo.InvariantCulture)}
            unix_socket_directories = ''
            max_connections = 200
            fsync = off
            synchronous_commit = off
            full_page_writes = off

            """, ct).ConfigureAwait(false);
    }

    private protected override async Task StartCoreAsync(CancellationToken ct)
    {
        var commandLine = Cli.CommandLine(OsUser, new Dictionary<string, string>(), Path.Combine(binFolder, "postgres"), ["-D", DataFolder]);
        await LaunchAndWaitAsync(commandLine, $"PostgreSQL on port {Port}", ProbeAsync, options.StartTimeout, LogTail, ct).ConfigureAwait(false);
    }

    private string AdminConnectionString() =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Pooling=false;Timeout=15";

    private async Task<bool> ProbeAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(
                $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Pooling=false;Timeout=2");
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return true;
        }
        catch (NpgsqlException)
        {
            return false; // not listening yet, or "the database system is starting up"
        }
    }

    private int? ReadPostmasterPid()
    {
        try
        {
            var first = File.ReadLines(Path.Combine(DataFolder, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private string LogTail() => $"--- {LogFile}{Environment.NewLine}{ServerFolders.Tail(LogFile)}";

    /// <summary>Npgsql connection-string value quoting, for database names with ; or =.</summary>
    internal static string Quote(string value) =>
        value.IndexOfAny([';', '=', '\'', '"', ' ']) < 0 ? value : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
