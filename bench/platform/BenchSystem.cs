using System.Net.Http.Headers;
using Intervention.AppHost;
using Intervention.Servers;
using Npgsql;

namespace Intervention.Bench;

/// <summary>
/// Services run for a benchmark as the functional tests run them (tests/Intervention.FunctionalTests/RunningSystem.cs):
/// each its own process from its build output, a private RabbitMQ and PostgreSQL, a database per service built by its
/// own migrations, tokens from <see cref="DevelopmentTokens"/>. Logging is kept to warnings and nothing exports
/// telemetry, so the figures measure the services' work rather than their logging.
/// </summary>
public sealed class BenchSystem : IAsyncDisposable
{
    public static readonly string[] TeamRoles = ["children", "licensing", "governance", "finance"];
    private readonly Dictionary<string, ServiceProcess> _services = new();
    private ServiceProcess? _gateway;

    private BenchSystem(LocalRabbitMq broker, PostgresServer postgres)
    {
        Broker = broker;
        Postgres = postgres;
    }

    public LocalRabbitMq Broker { get; }
    public PostgresServer Postgres { get; }
    public DevelopmentTokens Tokens { get; } = DevelopmentTokens.Generate();
    public string Run { get; } = Guid.NewGuid().ToString("N")[..8];
    public string Token => Tokens.Mint("bench", TeamRoles, TimeSpan.FromHours(2));
    public ServiceProcess this[string service] => _services[service];
    public ServiceProcess Gateway => _gateway ?? throw new InvalidOperationException("The gateway was not started.");

    public static async Task<BenchSystem> StartAsync(params string[] services)
    {
        Console.WriteLine($"starting RabbitMQ, PostgreSQL and {string.Join(", ", services)} ...");
        var broker = await LocalRabbitMq.StartAsync();
        var postgres = await TestServers.PostgresAsync();
        var system = new BenchSystem(broker, postgres);
        try
        {
            foreach (var service in await Task.WhenAll(services.Select(system.StartServiceAsync))) system._services[service.Name] = service;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
        return system;
    }

    public string DatabaseOf(string service) => $"{service}_bench_{Run}";

    /// <summary>The gateway in front of the started services, with its rate limit lifted so that it never answers 429 here.</summary>
    public async Task<ServiceProcess> StartGatewayAsync()
    {
        var environment = new Dictionary<string, string>(Tokens.Environment)
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Gateway__Limits__PermitsPerWindow"] = "10000000",
        };
        foreach (var portfolio in TeamRoles)
            environment[$"services__{portfolio}__http__0"] = _services.TryGetValue(portfolio, out var service)
                ? service.BaseAddress.ToString()
                : $"http://127.0.0.1:{ServiceProcess.FreePort()}";
        _gateway = ServiceProcess.Start("gateway", BuildOutput.Assembly("gateway"), ServiceProcess.FreePort(), environment);
        await _gateway.WaitHealthyAsync(TimeSpan.FromSeconds(60), path: "alive");
        return _gateway;
    }

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
    public async Task<long> CountAsync(string service, string sql)
    {
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString(DatabaseOf(service)));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>The rows <paramref name="sql"/> answers in <paramref name="service"/>'s database, each as its columns' values.</summary>
    public async Task<List<object[]>> RowsAsync(string service, string sql)
    {
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString(DatabaseOf(service)));
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

    private async Task<ServiceProcess> StartServiceAsync(string service)
    {
        var environment = new Dictionary<string, string>(Tokens.Environment)
        {
            ["ConnectionStrings__messaging"] = Broker.ConnectionString,
            [$"ConnectionStrings__{service}db"] = Postgres.ConnectionString(DatabaseOf(service)),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var process = ServiceProcess.Start(service, BuildOutput.Assembly(service), ServiceProcess.FreePort(), environment);
        try
        {
            await process.WaitHealthyAsync(TimeSpan.FromSeconds(120));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        foreach (var service in _services.Values) await service.DisposeAsync();
        await Postgres.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
