using Intervention.Contracts.Governance;
using System.Net.Http.Headers;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Intervention.AppHost;
using Npgsql;
using Intervention.ServiceDefaults.Security;

namespace Intervention.Bench;

/// <summary>
/// The system a benchmark measures, as <c>./run</c> and the functional tests start it: the AppHost's own model,
/// started with Aspire.Hosting.Testing (private RabbitMQ and PostgreSQL as local executables, databases built by the
/// services' migrations, tokens from <see cref="DevelopmentTokens"/>), the dashboard off. Logging is kept to warnings,
/// nothing exports telemetry and the gateway's rate limit is lifted, so the figures measure the services' work.
/// </summary>
public sealed class BenchSystem : IAsyncDisposable
{
    public static readonly string[] TeamRoles = [.. PortfolioNames.All];
    private readonly DistributedApplication _app;
    private readonly string _dataFolder;

    private BenchSystem(DistributedApplication app, DevelopmentTokens tokens, string dataFolder, Uri gateway)
    {
        _app = app;
        Tokens = tokens;
        _dataFolder = dataFolder;
        Gateway = gateway;
    }

    public DevelopmentTokens Tokens { get; }
    /// <summary>Tells this run's rows from another's (keys, queue names).</summary>
    public string Run { get; } = Guid.NewGuid().ToString("N")[..8];
    public string Token => Tokens.Mint("bench", TeamRoles, TimeSpan.FromHours(2));
    public Uri Gateway { get; }

    /// <summary>
    /// Starts the model with <paramref name="replicas"/> instances of each service; <paramref name="environment"/> is added to every
    /// service's environment.
    /// </summary>
    public static async Task<BenchSystem> StartAsync(IReadOnlyDictionary<string, string>? environment = null, int replicas = 1)
    {
        Console.WriteLine("starting the AppHost's model (RabbitMQ, PostgreSQL, five services, the gateway) ...");
        var dataFolder = Directory.CreateTempSubdirectory("intervention-bench-").FullName;
        // The servers run as their own users (rabbitmq, postgres) and must be able to enter it.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dataFolder, (UnixFileMode)Convert.ToInt32("755", 8));
        var tokens = DevelopmentTokens.Generate();
        var port = FreePort();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Intervention_AppHost>(
            [
                "--servers=local", $"--gateway-port={port}", $"--replicas={replicas}",
                $"INTERVENTION_APPHOST_DATA={dataFolder}", $"Auth:SigningKey={tokens.SigningKey}",
            ],
            (options, _) => options.DisableDashboard = true);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var resource = builder.CreateResourceBuilder(project)
                .WithEnvironment("Logging__LogLevel__Default", "Warning")
                .WithEnvironment("Gateway__Limits__PermitsPerWindow", "10000000");
            foreach (var (name, value) in environment ?? new Dictionary<string, string>()) resource.WithEnvironment(name, value);
        }
        var app = await builder.BuildAsync();
        var system = new BenchSystem(app, tokens, dataFolder, new Uri($"http://localhost:{port}/"));
        try
        {
            await app.StartAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            await Task.WhenAll(builder.Resources.OfType<ProjectResource>()
                .Select(p => app.ResourceNotifications.WaitForResourceHealthyAsync(p.Name, limit.Token)));
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
        return system;
    }

    /// <summary>A service's own address (not through the gateway).</summary>
    public Uri Address(string service) => _app.GetEndpoint(service, "http");

    /// <summary>A service's process id (found by this run's signing key in its environment and its binary's name).</summary>
    public int ProcessId(string service)
    {
        var binary = "/" + char.ToUpperInvariant(service[0]) + service[1..] + ".API";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "environ")).Contains($"Auth__SigningKey={Tokens.SigningKey}\0") &&
                    File.ReadAllText(Path.Combine(dir, "cmdline")).TrimEnd('\0').EndsWith(binary, StringComparison.Ordinal)) return pid;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        throw new InvalidOperationException($"no {service} process of this run");
    }

    /// <summary>
    /// CPU seconds (user and system, since each process started) of each part of this run: every service and the gateway
    /// by its binary and this run's signing key, PostgreSQL (the postmaster, its backends and, through the postmaster's
    /// reaped-children figures, backends that have ended) by its port, RabbitMQ's Erlang processes by theirs. The
    /// difference of two readings is what a stage of a benchmark cost each part: on 2 shared cores that, not wall time,
    /// says where an event's work goes.
    /// </summary>
    public Dictionary<string, double> CpuSeconds()
    {
        var postgres = $"PGPORT={_app.GetEndpoint("postgres", "tcp").Port}\0";
        var rabbit = $"RABBITMQ_NODE_PORT={_app.GetEndpoint("rabbitmq", "amqp").Port}\0";
        var key = $"Auth__SigningKey={Tokens.SigningKey}\0";
        // PostgreSQL's backends write their titles over their environment, so a process not recognised by its own is
        // counted with its parent's part (the postmaster's backends, the Erlang VM's helpers).
        var processes = new Dictionary<int, (int Parent, string? Part, double Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var environment = File.ReadAllText(Path.Combine(dir, "environ"));
                var part = environment.Contains(postgres, StringComparison.Ordinal) ? "postgres"
                    : environment.Contains(rabbit, StringComparison.Ordinal) ? "rabbitmq"
                    : environment.Contains(key, StringComparison.Ordinal) ? PartOf(File.ReadAllText(Path.Combine(dir, "cmdline")))
                    : null;
                // /proc/<pid>/stat: the fields after the command's closing parenthesis; ppid is the 4th field, utime, stime,
                // cutime, cstime the 14th to 17th.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                processes[pid] = (int.Parse(fields[1]), part, fields[11..15].Sum(double.Parse));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        string? PartOfProcess(int pid, int depth) =>
            depth > 8 || !processes.TryGetValue(pid, out var process) ? null : process.Part ?? PartOfProcess(process.Parent, depth + 1);
        var ticks = new Dictionary<string, double>();
        foreach (var (pid, process) in processes)
            if (PartOfProcess(pid, 0) is { } part) ticks[part] = ticks.GetValueOrDefault(part) + process.Ticks;
        return ticks.ToDictionary(pair => pair.Key, pair => pair.Value / 100.0); // USER_HZ is 100 on Linux
    }

    /// <summary>
    /// Waits until the whole system has settled after its start: every part together using less than
    /// <paramref name="msPerSecond"/> of CPU per second over three seconds in a row (the settled system idles at about 90), or
    /// <paramref name="within"/> has passed. "Healthy" comes while the services still compile and warm up, and on two cores
    /// that work competes with whatever is measured next. Answers the seconds waited and the last three seconds' rate.
    /// </summary>
    public async Task<(double Seconds, double MsPerSecond)> SettledAsync(double msPerSecond = 200, TimeSpan? within = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var limit = within ?? TimeSpan.FromSeconds(90);
        while (true)
        {
            var before = CpuSeconds().Values.Sum();
            var from = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(3));
            var rate = (CpuSeconds().Values.Sum() - before) * 1000 / (clock.Elapsed - from).TotalSeconds;
            if (rate < msPerSecond || clock.Elapsed >= limit) return (clock.Elapsed.TotalSeconds, rate);
        }
    }

    private static string? PartOf(string commandLine)
    {
        var binary = Path.GetFileName(commandLine.Split('\0')[0]);
        if (binary.EndsWith(".API", StringComparison.Ordinal)) return binary[..^4].ToLowerInvariant();
        return binary.Contains("Gateway", StringComparison.Ordinal) ? "gateway"
            : binary.Contains("Portal", StringComparison.Ordinal) ? "portal" : null;
    }

    /// <summary>The broker's AMQP URI.</summary>
    public async Task<string> BrokerAsync() => (await _app.GetConnectionStringAsync("messaging"))!;

    /// <summary>A client carrying a token for every portfolio team's role.</summary>
    public HttpClient Client(Uri baseAddress, int connections = 256)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>The single number <paramref name="sql"/> answers in <paramref name="service"/>'s database.</summary>
    public async Task<long> CountAsync(string service, string sql) => Convert.ToInt64((await RowsAsync(service, sql))[0][0]);

    /// <summary>The rows <paramref name="sql"/> answers in <paramref name="service"/>'s database, each as its columns' values.</summary>
    public async Task<List<object[]>> RowsAsync(string service, string sql)
    {
        await using var connection = new NpgsqlConnection(await _app.GetConnectionStringAsync($"{service}db"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_dataFolder, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
