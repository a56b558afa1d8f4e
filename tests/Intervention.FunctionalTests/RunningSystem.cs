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
    public ServiceProcess this[string service] => _services[service];

    public static Task<RunningSystem> StartAsync(params string[] services) => StartAsync(new Dictionary<string, string>(), services);

    /// <summary>Starts <paramref name="services"/> with <paramref name="extraEnvironment"/> added to each one's environment (configuration such as <c>Reviews__Dates__0</c>).</summary>
    public static async Task<RunningSystem> StartAsync(IReadOnlyDictionary<string, string> extraEnvironment, params string[] services)
    {
        var broker = await LocalRabbitMq.StartAsync();
        var postgres = await TestServers.SharedPostgresAsync();
        var telemetry = await OtlpReceiver.StartAsync();
        var system = new RunningSystem(broker, postgres, telemetry, Guid.NewGuid().ToString("N")[..8]);
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

    private async Task<ServiceProcess> StartServiceAsync(string service, IReadOnlyDictionary<string, string> extraEnvironment)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__messaging"] = Broker.ConnectionString,
            [$"ConnectionStrings__{service}db"] = Postgres.ConnectionString(DatabaseOf(service)),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Telemetry.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            // Short pauses so a test sees the outbox retry soon after the broker returns.
            ["Outbox__MaxBackoff"] = "00:00:01",
        };
        foreach (var (key, value) in extraEnvironment) environment[key] = value;
        var process = ServiceProcess.Start(service, BuildOutput.Assembly(service), ServiceProcess.FreePort(), environment);
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
        foreach (var service in _services.Values) await service.DisposeAsync();
        await Telemetry.DisposeAsync();
        await Broker.DisposeAsync();
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
