using Intervention.AppHost;
using Intervention.Servers;
using Npgsql;
using RabbitMQ.Client;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Intervention.FunctionalTests;

/// <summary>
/// Some of the portfolio services running as separate processes against a private RabbitMQ and a
/// PostgreSQL with a fresh database per service, built by the services' own migrations at start.
/// Each system gets its own broker: queues are named <c>&lt;service&gt;-&lt;event&gt;</c> by design,
/// so two systems on one broker would compete for each other's messages.
/// </summary>
public sealed class RunningSystem : IAsyncDisposable
{
    private readonly Dictionary<string, ServiceProcess> _services = new();
    private readonly List<ServiceProcess> _gateways = [];
    private string? _tokenFolder;
    private bool _ownsPostgres;

    /// <summary>The tests act as every portfolio team at once unless they ask for one role's token.</summary>
    public static readonly string[] TeamRoles = ["children", "licensing", "governance", "finance"];

    private RunningSystem(LocalRabbitMq broker, PostgresServer postgres, OtlpReceiver telemetry, string run)
    {
        Broker = broker;
        Postgres = postgres;
        Telemetry = telemetry;
        Run = run;
    }

    public LocalRabbitMq Broker { get; }
    public PostgresServer Postgres { get; }
    public OtlpReceiver Telemetry { get; }
    public string Run { get; }
    /// <summary>This system's signing key and its tokens (the services check them as they would the council's provider's).</summary>
    public DevelopmentTokens Tokens { get; } = DevelopmentTokens.Generate();

    /// <summary>A token for every portfolio team's role.</summary>
    public string TeamsToken => Tokens.Mint("functional-tests", TeamRoles, TimeSpan.FromHours(2));

    /// <summary>A folder of one token per role, as the AppHost writes them, for the seeds.</summary>
    public string TokenFolder => _tokenFolder ??= Tokens.WriteRoleTokens(Directory.CreateTempSubdirectory("tokens-").FullName, TimeSpan.FromHours(2));
    public ServiceProcess this[string service] => _services[service];

    public static Task<RunningSystem> StartAsync(params string[] services) => StartAsync(new Dictionary<string, string>(), services);

    /// <summary>Starts <paramref name="services"/> with <paramref name="extraEnvironment"/> added to each one's environment (configuration such as <c>Reviews__Dates__0</c>).</summary>
    public static Task<RunningSystem> StartAsync(IReadOnlyDictionary<string, string> extraEnvironment, params string[] services) =>
        StartAsync(extraEnvironment, privatePostgres: false, services);

    /// <summary>With <paramref name="privatePostgres"/>, a PostgreSQL of this system's own, which a test may stop and start (<see cref="Postgres"/>.Local).</summary>
    public static async Task<RunningSystem> StartAsync(IReadOnlyDictionary<string, string> extraEnvironment, bool privatePostgres, params string[] services)
    {
        var broker = await LocalRabbitMq.StartAsync();
        var postgres = privatePostgres ? PostgresServer.ForLocal(await LocalPostgres.StartAsync()) : await TestServers.SharedPostgresAsync();
        var telemetry = await OtlpReceiver.StartAsync();
        var system = new RunningSystem(broker, postgres, telemetry, Guid.NewGuid().ToString("N")[..8]) { _ownsPostgres = privatePostgres };
        try
        {
            var started = await Task.WhenAll(services.Select(s => system.StartServiceAsync(s, extraEnvironment)));
            foreach (var s in started) system._services[s.Name] = s;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
        return system;
    }

    public string DatabaseOf(string service) => $"{service}_{Run}";

    /// <summary>Stops a service and starts it again on the same database and broker with changed settings (a fix deployed).</summary>
    public async Task<ServiceProcess> RedeployAsync(string service, IReadOnlyDictionary<string, string> extraEnvironment)
    {
        await _services[service].StopAsync(TimeSpan.FromSeconds(10));
        await _services[service].DisposeAsync();
        return await AddServiceAsync(service, extraEnvironment);
    }

    /// <summary>Starts one more service on this system, for a test that must prepare the broker before the service publishes.</summary>
    public async Task<ServiceProcess> AddServiceAsync(string service, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var process = await StartServiceAsync(service, extraEnvironment ?? new Dictionary<string, string>());
        _services[service] = process;
        return process;
    }

    /// <summary>
    /// The gateway in front of this system's services (a portfolio not started points at a port where nothing listens),
    /// checking this system's tokens; its client carries <see cref="TeamsToken"/>. Stopped with the system.
    /// </summary>
    public async Task<ServiceProcess> StartGatewayAsync(IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var environment = new Dictionary<string, string>(Tokens.Environment)
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Telemetry.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        };
        foreach (var portfolio in TeamRoles)
            environment[$"services__{portfolio}__http__0"] = _services.TryGetValue(portfolio, out var service)
                ? service.BaseAddress.ToString()
                : $"http://127.0.0.1:{ServiceProcess.FreePort()}";
        // Integrations holds no portfolio: routed only when this system runs it.
        if (_services.TryGetValue("integrations", out var integrations)) environment["services__integrations__http__0"] = integrations.BaseAddress.ToString();
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string>()) environment[key] = value;
        var gateway = ServiceProcess.Start("gateway", BuildOutput.Assembly("gateway"), ServiceProcess.FreePort(), environment);
        _gateways.Add(gateway);
        await gateway.WaitHealthyAsync(TimeSpan.FromSeconds(60), path: "alive");
        gateway.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TeamsToken);
        return gateway;
    }

    private async Task<ServiceProcess> StartServiceAsync(string service, IReadOnlyDictionary<string, string> extraEnvironment)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__messaging"] = Broker.ConnectionString,
            [$"ConnectionStrings__{service}db"] = Postgres.ConnectionString(DatabaseOf(service)),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Telemetry.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            // Short pauses so a test sees the outbox retry soon after the broker returns.
            ["Outbox__MaxBackoff"] = "00:00:01",
        };
        foreach (var (key, value) in Tokens.Environment) environment[key] = value;
        foreach (var (key, value) in extraEnvironment) environment[key] = value;
        var process = ServiceProcess.Start(service, BuildOutput.Assembly(service), ServiceProcess.FreePort(), environment);
        process.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TeamsToken);
        try
        {
            await process.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
        return process;
    }

    /// <summary>The single number <paramref name="sql"/> answers in <paramref name="service"/>'s database.</summary>
    public async Task<long> CountAsync(string service, string sql)
    {
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString(DatabaseOf(service)));
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Messages waiting in a queue of this system's broker; 0 when the queue was never created.</summary>
    public async Task<uint> MessagesInQueueAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(Broker.ConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _gateways) await gateway.DisposeAsync();
        foreach (var service in _services.Values) await service.DisposeAsync();
        if (_tokenFolder is not null) Directory.Delete(_tokenFolder, recursive: true);
        await Telemetry.DisposeAsync();
        await Broker.DisposeAsync();
        if (_ownsPostgres) await Postgres.DisposeAsync();
    }
}

/// <summary>Figures the closing note quotes, appended to TestResults/measurements.txt at the repository root.</summary>
public static class Measurements
{
    public static void Record(string line)
    {
        var folder = Path.Combine(BuildOutput.RepoRoot(), "TestResults");
        Directory.CreateDirectory(folder);
        File.AppendAllText(Path.Combine(folder, "measurements.txt"), $"{DateTime.UtcNow:O} {line}\n");
    }
}
