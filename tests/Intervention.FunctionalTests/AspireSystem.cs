using Intervention.Contracts.Governance;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Intervention.AppHost;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RabbitMQ.Client;
using Intervention.ServiceDefaults.Security;

namespace Intervention.FunctionalTests;

/// <summary>
/// The whole system as <c>./run</c> starts it — the AppHost's own model, started by Aspire.Hosting.Testing — on a private
/// RabbitMQ and PostgreSQL (Debian's, as executable resources, data in a temporary folder), with the dashboard off.
/// Tests reach it through the gateway or a service directly, with tokens signed by this system's key, and can stop,
/// start or kill any resource as ops would. One instance is shared by a test collection (<see cref="SharedSystem"/>);
/// tests that need other settings start their own with <see cref="StartAsync"/>.
/// </summary>
public sealed class AspireSystem : IAsyncDisposable
{
    /// <summary>The tests act as every portfolio team at once unless they ask for one role's token.</summary>
    public static readonly string[] TeamRoles = [.. PortfolioNames.All];

    private readonly DistributedApplication _app;
    private readonly string _dataFolder;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _logs = new();
    private readonly CancellationTokenSource _stopWatchingLogs = new();
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _redeployed;
    private string? _tokenFolder;
    private Task? _starting;

    private AspireSystem(DistributedApplication app, DevelopmentTokens tokens, string dataFolder, OtlpReceiver? telemetry,
        ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> redeployed)
    {
        _app = app;
        _redeployed = redeployed;
        _telemetry = telemetry;
        Tokens = tokens;
        _dataFolder = dataFolder;
    }

    /// <summary>Every span, metric and log the services and the gateway export (OTLP over HTTP to the test process).</summary>
    public OtlpReceiver Telemetry => _telemetry ?? throw new InvalidOperationException("this system was started without telemetry (StartAsync(telemetry: false))");
    private readonly OtlpReceiver? _telemetry;

    /// <summary>This system's signing key and its tokens (the services check them as they would the council's provider's).</summary>
    public DevelopmentTokens Tokens { get; }

    /// <summary>A token for every portfolio team's role.</summary>
    public string TeamsToken => Tokens.Mint("functional-tests", TeamRoles, TimeSpan.FromHours(2));

    /// <summary>Where the gateway really listens (the testing builder may move ports), known once the system has started.</summary>
    public Uri GatewayAddress => _gatewayAddress ??= new Uri(_app.GetEndpoint("gateway", "http").ToString().TrimEnd('/') + "/");
    private Uri? _gatewayAddress;

    /// <summary>Calls through the gateway, as every portfolio team (<see cref="TeamsToken"/>).</summary>
    public HttpClient Gateway => _gateway ??= ClientFor(GatewayAddress, TeamsToken);
    private HttpClient? _gateway;

    /// <summary>
    /// A portfolio API's typed client (<c>IGovernanceApi</c>, <c>ILicensingApi</c>, ...) through the gateway, as every portfolio
    /// team: the calls a test makes as a user would, so a contract change breaks the test when it is compiled.
    /// </summary>
    public TApi Api<TApi>() => InterventionApis.For<TApi>(Gateway);

    /// <summary>A portfolio API's typed client through the gateway for a caller holding only <paramref name="roles"/>, named <paramref name="caller"/> in the audit trail.</summary>
    public TApi ApiAs<TApi>(IReadOnlyList<string> roles, string caller = "functional-tests") =>
        InterventionApis.For<TApi>(_clients.GetOrAdd($"{caller}|{string.Join(',', roles)}", _ => ClientFor(GatewayAddress, Tokens.Mint(caller, roles, TimeSpan.FromHours(2)))));

    /// <summary>
    /// A portfolio API's typed client through the gateway, as every portfolio team, whose every request continues the trace
    /// <paramref name="traceId"/> (a new span of it), as a caller that traces its own work would send it.
    /// </summary>
    public TApi ApiInTrace<TApi>(string traceId) =>
        InterventionApis.For<TApi>(_clients.GetOrAdd($"trace|{traceId}", _ => ClientFor(GatewayAddress, TeamsToken, new ContinuesTrace(traceId))));
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new();

    /// <summary>How many instances of each service run.</summary>
    public int Replicas { get; private init; } = 1;

    /// <summary>The running application, for what this class does not wrap (resource notifications, commands).</summary>
    public DistributedApplication App => _app;

    /// <summary>
    /// Starts the AppHost's model. <paramref name="environment"/> is added to every service's and the gateway's
    /// environment (configuration such as <c>Reviews__Dates__0</c>); <paramref name="perResource"/> to named ones.
    /// The services in <paramref name="startLater"/> wait, with whatever waits for them, until the test
    /// starts them with <see cref="StartResourceAsync"/> (for a test that must prepare the broker before they publish).
    /// </summary>
    /// <paramref name="replicas"/> instances of each service run (the AppHost's <c>--replicas</c>), behind one address each.
    /// Without <paramref name="portal"/> the portal is never started: a collection whose tests only call the APIs does not
    /// pay for its start and its idling on two cores (the gateway does not wait for it).
    /// Without <paramref name="telemetry"/> nothing is exported (as a service runs with no collector): the services still trace
    /// (MassTransit's headers carry the trace), but a collection whose tests read no span or metric does not pay for exporting
    /// its thousands of events' spans every 200 ms and every process's metrics every 500 ms, nor the test process for reading them.
    public static async Task<AspireSystem> StartAsync(IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? perResource = null, CancellationToken ct = default,
        IReadOnlyCollection<string>? startLater = null, int replicas = 1, bool portal = true, bool telemetry = true)
    {
        startLater ??= [];
        IReadOnlyCollection<string> neverStarted = portal ? [] : ["portal"];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var dataFolder = Directory.CreateTempSubdirectory("intervention-system-").FullName;
        // The servers run as their own users (rabbitmq, postgres) and must be able to enter it.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dataFolder, (UnixFileMode)0b111_101_101);
        var tokens = DevelopmentTokens.Generate();
        var gatewayPort = FreePort();
        var receiver = telemetry ? await OtlpReceiver.StartAsync() : null;
        // Settings a test deploys later (RedeployAsync): read each time a service starts, so a restart picks them up.
        var redeployed = new ConcurrentDictionary<string, IReadOnlyDictionary<string, string>>();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Intervention_AppHost>(
            ["--servers=local", $"--gateway-port={gatewayPort}", $"--replicas={replicas}", $"INTERVENTION_APPHOST_DATA={dataFolder}", $"Auth:SigningKey={tokens.SigningKey}"],
            (options, _) => options.DisableDashboard = true, ct);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var resource = builder.CreateResourceBuilder(project);
            // Short pauses so a test sees the outbox retry soon after the broker returns.
            resource.WithEnvironment("Outbox__MaxBackoff", "00:00:01");
            // Telemetry to this test's receiver, exported quickly.
            if (receiver is not null)
                resource.WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.Endpoint)
                    .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                    .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "200")
                    .WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL", "500");
            else
                resource.WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", ""); // no collector, whatever the AppHost would name
            foreach (var (name, value) in environment ?? new Dictionary<string, string>()) resource.WithEnvironment(name, value);
            if (perResource?.GetValueOrDefault(project.Name) is { } own)
                foreach (var (name, value) in own) resource.WithEnvironment(name, value);
            resource.WithEnvironment(context =>
            {
                foreach (var (name, value) in redeployed.GetValueOrDefault(project.Name) ?? new Dictionary<string, string>())
                    context.EnvironmentVariables[name] = value;
            });
            if (startLater.Contains(project.Name) || neverStarted.Contains(project.Name)) resource.WithExplicitStart();
        }
        var startNow = builder.Resources.OfType<ProjectResource>()
            .Where(p => !startLater.Contains(p.Name) && !neverStarted.Contains(p.Name) && !p.Annotations.OfType<WaitAnnotation>().Any(w => startLater.Contains(w.Resource.Name)))
            .Select(p => p.Name).ToList();

        var app = await builder.BuildAsync(ct);
        CheckHealthOften(app);
        var system = new AspireSystem(app, tokens, dataFolder, receiver, redeployed) { Replicas = replicas };
        var timeline = ResourceTimeline.Watch(app, clock);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromMinutes(1 + 3 * replicas)); // each replica is one more process of every service to start
            // StartAsync returns only once every resource has started: with some held back, a resource waiting for them
            // would keep it from returning, so it goes on in the background while the others come up.
            var starting = app.StartAsync(startLater.Count == 0 ? limit.Token : ct);
            if (startLater.Count == 0) await starting;
            else system._starting = starting;
            await Task.WhenAll(startNow.Select(name => app.ResourceNotifications.WaitForResourceHealthyAsync(name, limit.Token)));
            // Once DCP has named the resources' instances; each log's backlog is replayed from its start.
            system.WatchLogs();
            // What a collection pays before its first test (issue 19: ./test no slower).
            Measurements.Record($"system start: {replicas} of each service{(startLater.Count > 0 ? $", {string.Join(", ", startLater)} later" : "")}, healthy after {clock.Elapsed.TotalSeconds:0.0} s ({timeline.Started()})");
            await timeline.DisposeAsync();
        }
        catch (Exception e)
        {
            await timeline.DisposeAsync();
            system.WatchLogs();
            await Task.Delay(TimeSpan.FromSeconds(1)); // the backlogs' replay
            // A service with replicas has states only per instance: "no state" under its own name.
            var states = string.Join(", ", builder.Resources.Select(r => app.ResourceNotifications.TryGetCurrentState(r.Name, out var current)
                ? $"{r.Name}: {current.Snapshot.State?.Text} ({current.Snapshot.HealthStatus})" : $"{r.Name}: no state"));
            var logs = system.Logs();
            await system.DisposeAsync();
            throw new InvalidOperationException($"The system did not start healthy: {e.Message}\nwaited for: {string.Join(", ", startNow)}\n{states}\n{logs}", e);
        }
        return system;
    }

    /// <summary>
    /// Aspire checks an unhealthy resource again after 1 s, then 2, 3, 4 and 5 s (then every 5 s): a service healthy just after a
    /// check is seen up to 5 s late, and a start waits on three such steps (servers, services, gateway), as does every restart
    /// a test makes. The tests check every quarter of a second instead (then up to 1.25 s); <c>./run</c> keeps Aspire's pace.
    /// The step is internal to Aspire: if it is gone, the measurements say so and the tests go on at Aspire's pace.
    /// </summary>
    private static void CheckHealthOften(DistributedApplication app)
    {
        var type = typeof(DistributedApplication).Assembly.GetType("Aspire.Hosting.Health.ResourceHealthCheckService");
        var step = type?.GetProperty("NonHealthyHealthCheckStepInterval", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
        if (type is null || step is null || app.Services.GetService(type) is not { } monitor)
        {
            Measurements.Record("health checks at Aspire's own pace: ResourceHealthCheckService.NonHealthyHealthCheckStepInterval not found");
            return;
        }
        step.SetValue(monitor, TimeSpan.FromMilliseconds(250));
    }

    /// <summary>One service's own address (not through the gateway).</summary>
    public Uri ServiceAddress(string name) => _app.GetEndpoint(name, "http");

    /// <summary>A client for one service's own address (not through the gateway), as every portfolio team.</summary>
    public HttpClient Service(string name) => ClientFor(_app.GetEndpoint(name, "http"), TeamsToken);

    /// <summary>A client through the gateway with <paramref name="token"/> (none: anonymous).</summary>
    public HttpClient GatewayAs(string? token) => ClientFor(GatewayAddress, token);

    /// <summary>A connection string the AppHost gives the services: <c>messaging</c>, <c>&lt;svc&gt;db</c>.</summary>
    public async Task<string> ConnectionStringAsync(string name) =>
        // From the model's resource, not app.GetConnectionStringAsync: that refuses while StartAsync has not returned,
        // which it does not while resources are held back (startLater).
        await ((Resource(name) as IResourceWithConnectionString)?.GetConnectionStringAsync() ?? ValueTask.FromResult<string?>(null))
        ?? throw new InvalidOperationException($"no connection string {name}");

    /// <summary>The single number <paramref name="sql"/> answers in <paramref name="service"/>'s database.</summary>
    public async Task<long> CountAsync(string service, string sql)
    {
        await using var connection = new NpgsqlConnection(await ConnectionStringAsync($"{service}db"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>The first column of every row <paramref name="sql"/> answers in <paramref name="service"/>'s database, as text.</summary>
    public async Task<IReadOnlyList<string>> ValuesAsync(string service, string sql)
    {
        await using var connection = new NpgsqlConnection(await ConnectionStringAsync($"{service}db"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return values;
    }

    /// <summary>Messages waiting in a queue of this system's broker; 0 when the queue was never created.</summary>
    public async Task<uint> MessagesInQueueAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(await ConnectionStringAsync("messaging")) };
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

    /// <summary>Consumers attached to a queue of this system's broker now (one per instance of the service that consumes it).</summary>
    public async Task<uint> ConsumersOfQueueAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(await ConnectionStringAsync("messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).ConsumerCount;
    }

    /// <summary>Stops a resource as ops would from the dashboard (it is not restarted).</summary>
    public async Task StopResourceAsync(string resource)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await _app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(Resource(resource), KnownResourceCommands.StopCommand);
        // The command asks DCP to stop the resource, then polls DCP for about 15 s and answers "Failed to stop" if the state
        // has not changed by then, as on a loaded machine (two CI runs: PostgreSQL left running, then stopped after a start
        // that saw it still healthy and returned, so nothing started it again). DCP goes on stopping it: wait for the stop
        // itself, so that a start after this one begins from a stopped resource.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await _app.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates, limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"could not stop {resource}: {(result.Success ? "the command succeeded" : result.Message)}, and it was not stopped 2 min later");
        }
        if (!result.Success) Measurements.Record($"stop of {resource}: Aspire's command answered \"{result.Message}\"; the resource stopped {clock.Elapsed.TotalSeconds:0.0} s after the command");
        // The test process's pooled connections die with a stopped PostgreSQL or a dropped database (57P01 on next use).
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts a stopped resource again and waits until it is healthy.</summary>
    public async Task StartResourceAsync(string resource)
    {
        try
        {
            await StartOnceAsync(resource);
        }
        catch (DistributedApplicationException)
        {
            // Seen once in a whole run on a loaded machine: DCP reported a service restarted at once after its stop as
            // "failed to start" (it started and passed alone, and in the run before). One more start, after a pause, tells
            // a start refused for a moment from a service that cannot start: the second failure is thrown.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await StartOnceAsync(resource);
        }
    }

    private async Task StartOnceAsync(string resource)
    {
        var result = await _app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(Resource(resource), KnownResourceCommands.StartCommand);
        if (!result.Success) throw new InvalidOperationException($"could not start {resource}: {result.Message}");
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, limit.Token);
    }

    /// <summary>Waits until a resource is healthy (one that waited for a resource started later, say).</summary>
    public async Task WaitForHealthyAsync(string resource)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, limit.Token);
        if (_starting is { IsCompleted: true }) await _starting; // a failed start shows here
    }

    /// <summary>
    /// Freezes a service's process (SIGSTOP): it keeps its port and the kernel still accepts connections, but nothing
    /// answers — a hung service. <see cref="Resume"/> it (in a finally) before the test ends.
    /// </summary>
    public void Pause(string service) => Signal(service, "STOP");

    /// <summary>Lets a process frozen by <see cref="Pause"/> run again (SIGCONT).</summary>
    public void Resume(string service) => Signal(service, "CONT");

    /// <summary>
    /// PostgreSQL taken down as <c>pg_ctl stop</c> takes it (SIGINT to the postmaster its <c>postmaster.pid</c> names: a fast
    /// shutdown), and seen stopped by the AppHost; <see cref="StartResourceAsync"/> brings it back. Not Aspire's stop command:
    /// DCP gives a stop a fixed time, a loaded machine's PostgreSQL still writing its shutdown checkpoint outlived it, and DCP
    /// then lost the run ("timed out waiting for process ... to stop", then "run could not be tracked"): the resource never
    /// showed stopped, and a start made then returned at once while PostgreSQL went down after it.
    /// </summary>
    public async Task TakePostgresDownAsync()
    {
        var postmaster = File.ReadLines(Path.Combine(_dataFolder, "postgres", "data", "postmaster.pid")).First();
        SendSignal(postmaster, "INT");
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _app.ResourceNotifications.WaitForResourceAsync("postgres", KnownResourceStates.TerminalStates, limit.Token);
        // The test process's pooled connections died with it (57P01 on next use).
        NpgsqlConnection.ClearAllPools();
    }

    private void Signal(string service, string signal) => SendSignal(ProcessId(service).ToString(), signal);

    private static void SendSignal(string process, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", process]);
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} {process} exited with {kill.ExitCode}");
    }

    /// <summary>Kills a service's process (SIGKILL), as a crash would; the AppHost restarts it.</summary>
    public void Kill(string service) => System.Diagnostics.Process.GetProcessById(ProcessId(service)).Kill();

    /// <summary>The process id of a service's running process (it changes when the service is restarted); with replicas, the first's.</summary>
    public int ProcessId(string service) => ProcessIds(service).Order().First();

    /// <summary>The process ids of a service's running instances (one per replica).</summary>
    public IReadOnlyList<int> ProcessIds(string service)
    {
        var binary = "/" + char.ToUpperInvariant(service[0]) + service[1..] + ".API";
        return ProcessesWithKey().Where(p => CommandLine(p).EndsWith(binary, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Whether a service's <c>/health</c> answers 200 now (database and broker reachable).</summary>
    public async Task<bool> HealthyAsync(string service)
    {
        using var client = new HttpClient { BaseAddress = _app.GetEndpoint(service, "http"), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync("health");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Deploys a service again with <paramref name="environment"/> added to the environment it started with (a fix in its
    /// configuration), on the same database and broker: stopped, started, healthy. An empty dictionary deploys it as built.
    /// </summary>
    public async Task RedeployAsync(string service, IReadOnlyDictionary<string, string> environment)
    {
        await StopResourceAsync(service);
        _redeployed[service] = environment;
        await StartResourceAsync(service);
    }

    /// <summary>
    /// Gives a service an empty database, for a test about council-wide totals: the service is stopped, its database
    /// dropped, and on starting again its schema migrator creates the database and applies the migrations.
    /// </summary>
    public async Task ResetDatabaseAsync(string service)
    {
        await StopResourceAsync(service);
        var database = new NpgsqlConnectionStringBuilder(await ConnectionStringAsync($"{service}db"));
        var name = database.Database!;
        database.Database = "postgres";
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        await StartResourceAsync(service);
    }

    /// <summary>Runs the seeds (<c>seeds/</c>) against this system's gateway with its role tokens, as <c>./run</c>'s users would.</summary>
    public async Task<(int ExitCode, List<string> Output)> RunSeedsAsync(params string[] more)
    {
        _tokenFolder ??= Tokens.WriteRoleTokens(Directory.CreateTempSubdirectory("tokens-").FullName, TimeSpan.FromHours(2));
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [BuildOutput.Assembly("seeds"), "--gateway", GatewayAddress.ToString(), "--tokens", _tokenFolder, .. more])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = (await process.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);
        Xunit.Assert.True(process.ExitCode == 0, $"seeds exited with {process.ExitCode}:\n{string.Join('\n', output)}\n{await errors}");
        return (process.ExitCode, output);
    }

    /// <summary>The last lines each resource wrote (for failure messages).</summary>
    public string Logs(string? resource = null, int lines = 40) => string.Join('\n', _logs
        .Where(l => resource is null || l.Key == resource)
        .Select(l => $"--- {l.Key}\n" + string.Join('\n', l.Value.TakeLast(lines))));

    private void WatchLogs()
    {
        if (!_logs.IsEmpty) return;
        var loggers = _app.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var resource in _app.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            var queue = _logs.GetOrAdd(resource.Name, _ => new ConcurrentQueue<string>());
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in loggers.WatchAsync(resource).WithCancellation(_stopWatchingLogs.Token))
                        foreach (var line in batch)
                        {
                            queue.Enqueue(line.Content);
                            while (queue.Count > 400) queue.TryDequeue(out _);
                        }
                }
                catch (OperationCanceledException)
                {
                }
            });
        }
    }

    private IResource Resource(string name) => _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);

    private IEnumerable<int> ProcessesWithKey() => ProcessesWithKey(Tokens.SigningKey);

    /// <summary>The processes of one system (services, gateway, servers): those whose environment holds its signing key.</summary>
    internal static IEnumerable<int> ProcessesWithKey(string signingKey)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string environment;
            try { environment = File.ReadAllText(Path.Combine(dir, "environ")); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            if (environment.Contains($"Auth__SigningKey={signingKey}\0")) yield return pid;
        }
    }

    private static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').TrimEnd(); }
        catch (IOException) { return ""; }
    }

    private static HttpClient ClientFor(Uri address, string? token, DelegatingHandler? handler = null)
    {
        if (handler is not null) handler.InnerHandler = new HttpClientHandler();
        var client = new HttpClient(handler ?? (HttpMessageHandler)new HttpClientHandler()) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(3) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>Sends each request under one trace, as the W3C <c>traceparent</c> of a new span of it.</summary>
    private sealed class ContinuesTrace(string traceId) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove("traceparent");
            request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
            return base.SendAsync(request, cancellationToken);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Deletes the servers' data (thousands of PostgreSQL and RabbitMQ files: 3.8 s of a stop on a loaded machine) in a process
    /// of its own, which the next collection does not wait for and which finishes even if the test run ends first.
    /// </summary>
    private static void DeleteLater(string folder)
    {
        try
        {
            using var rm = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("rm", ["-rf", "--", folder]) { UseShellExecute = false });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            try { Directory.Delete(folder, recursive: true); } // no rm (Windows)
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _gateway?.Dispose();
        foreach (var client in _clients.Values) client.Dispose();
        // PostgreSQL stops on SIGTERM only once its clients have gone ("smart" shutdown): the test process's idle pooled
        // connections would hold it until it is killed.
        NpgsqlConnection.ClearAllPools();
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _app.StopAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
        }
        var stopped = clock.Elapsed.TotalSeconds;
        await _app.DisposeAsync();
        var disposed = clock.Elapsed.TotalSeconds;
        await _stopWatchingLogs.CancelAsync();
        if (_telemetry is not null) await _telemetry.DisposeAsync();
        var received = clock.Elapsed.TotalSeconds;
        if (_tokenFolder is not null) Directory.Delete(_tokenFolder, recursive: true);
        DeleteLater(_dataFolder);
        Measurements.Record($"system stop: {Replicas} of each service, stopped after {clock.Elapsed.TotalSeconds:0.0} s (the application's stop {stopped:0.0} s, its disposal {disposed - stopped:0.0} s, the telemetry receiver's {received - disposed:0.0} s, the data's deletion {clock.Elapsed.TotalSeconds - received:0.0} s)");
    }
}

/// <summary>
/// When each resource of a system began running and became healthy, in seconds from the start of the whole: where a system's
/// start spends its time (issue 19: ./test no slower).
/// </summary>
internal sealed class ResourceTimeline : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, double> _running = new(), _healthy = new();
    private readonly ConcurrentDictionary<string, string> _names = new(); // DCP's instance name -> the resource's
    private readonly CancellationTokenSource _stop = new();
    private Task _watching = Task.CompletedTask;

    public static ResourceTimeline Watch(DistributedApplication app, System.Diagnostics.Stopwatch clock)
    {
        var timeline = new ResourceTimeline();
        timeline._watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in app.ResourceNotifications.WatchAsync(timeline._stop.Token))
                {
                    if (e.Resource is not (ProjectResource or ExecutableResource)) continue; // connection strings do not run
                    var now = clock.Elapsed.TotalSeconds;
                    timeline._names[e.ResourceId] = e.Resource.Name;
                    if (e.Snapshot.State?.Text == KnownResourceStates.Running) timeline._running.TryAdd(e.ResourceId, now);
                    if (e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy) timeline._healthy.TryAdd(e.ResourceId, now);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        return timeline;
    }

    /// <summary>
    /// Each resource that became healthy, "postgres 6.1/9.0" (running/healthy, in s), in the order they became healthy; a
    /// resource with replicas counts from its last instance.
    /// </summary>
    public string Started() => string.Join(", ", _healthy.GroupBy(h => _names[h.Key]).Select(g => (Name: g.Key, Healthy: g.Max(h => h.Value),
            Running: g.Max(h => _running.GetValueOrDefault(h.Key, double.NaN))))
        .OrderBy(r => r.Healthy).Select(r => $"{r.Name} {r.Running:0.0}/{r.Healthy:0.0}"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}

/// <summary>One system for every test class of a collection: <c>[Collection(SharedSystem.Name)]</c>.</summary>
public sealed class SharedSystem : Xunit.IAsyncLifetime
{
    public const string Name = "the shared system";

    public AspireSystem System { get; private set; } = null!;

    // The gateway waits up to two minutes for an answer (30 s by default): a 200 MB 903 upload on a busy machine takes longer.
    public async Task InitializeAsync()
    {
        System = await AspireSystem.StartAsync(perResource: new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["gateway"] = new Dictionary<string, string> { ["Gateway__Timeout"] = "00:02:00" },
        });
        // The intervention began on 26 February 2015. The earliest Directions in the register mark its beginning and
        // anything earlier is refused, so they are recorded first: otherwise whichever test xUnit happened to run first
        // would decide when the intervention began, and a test recording the real first Directions after it would get 409.
        await System.Api<IGovernanceApi>().IssueDirectionsAsync(RotherhamDirections.February2015());
    }

    public async Task DisposeAsync() => await System.DisposeAsync();
}

[Xunit.CollectionDefinition(SharedSystem.Name)]
public sealed class SharedSystemCollection : Xunit.ICollectionFixture<SharedSystem>;
