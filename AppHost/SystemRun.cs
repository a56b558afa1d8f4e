using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Intervention.Servers;

namespace Intervention.AppHost;

/// <summary>
/// One run of the whole system, keeping .NET Aspire's AppHost contract so that a real Aspire AppHost
/// can replace it without touching a service: it provisions RabbitMQ and PostgreSQL, creates each
/// service's database, starts the four services and the gateway from their build output with the
/// environment Aspire would give them (<c>ConnectionStrings__messaging</c>, <c>ConnectionStrings__&lt;svc&gt;db</c>,
/// <c>services__&lt;svc&gt;__http__0</c>, <c>OTEL_SERVICE_NAME</c>, <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), waits until
/// each is healthy, restarts one that crashes, and stops everything it started when asked.
/// </summary>
internal sealed class SystemRun(AppHostSettings settings, ConsoleLog log) : IAsyncDisposable
{
    private static readonly string[] Portfolios = ["governance", "licensing", "children", "finance"];
    /// <summary>Every service the AppHost runs: the portfolios and integrations (integrators' webhooks), which holds none.</summary>
    private static readonly string[] Services = [.. Portfolios, "integrations"];
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly List<ServiceProcess> _processes = [];
    private readonly List<Task> _supervisors = [];
    private RabbitMqServer? _broker;
    private PostgresServer? _postgres;
    private bool _stopped;

    public async Task<int> RunAsync(CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            EnsureGatewayPortFree();
            Directory.CreateDirectory(settings.DataFolder);

            _broker = settings.Messaging is { } messaging
                ? RabbitMqServer.External(messaging)
                : RabbitMqServer.ForLocal(await Step("starting a private RabbitMQ", () => LocalRabbitMq.StartAsync(Path.Combine(settings.DataFolder, "servers"), stop)));
            _postgres = settings.Postgres is { } postgres
                ? PostgresServer.External(postgres)
                : PostgresServer.ForLocal(await Step("starting a private PostgreSQL", () => LocalPostgres.StartAsync(Path.Combine(settings.DataFolder, "servers"), stop)));
            foreach (var service in Services) await _postgres.CreateDatabaseAsync(service, stop);
            log.Say($"RabbitMQ {Redact(_broker.ConnectionString)}; PostgreSQL databases {string.Join(", ", Services)}");

            var ports = Services.ToDictionary(s => s, _ => ServiceProcess.FreePort());
            var shared = new Dictionary<string, string> { ["ConnectionStrings__messaging"] = _broker.ConnectionString };
            foreach (var (service, port) in ports) shared[$"services__{service}__http__0"] = $"http://127.0.0.1:{port}";
            if (settings.OtlpEndpoint is { } otlp) shared["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
            // A signing key for this run only, and a ready token per role for the people trying the system.
            var tokens = DevelopmentTokens.Generate();
            foreach (var (key, value) in tokens.Environment) shared[key] = value;
            var tokenFolder = tokens.WriteRoleTokens(Path.Combine(settings.DataFolder, "tokens"), TimeSpan.FromHours(12));
            log.Say($"tokens for each role (valid 12 h, this run only): {tokenFolder}/<role>.jwt ({string.Join(", ", DevelopmentTokens.Roles)})");

            foreach (var service in Services)
            {
                var environment = new Dictionary<string, string>(shared) { [$"ConnectionStrings__{service}db"] = _postgres.ConnectionString(service) };
                // Development: a webhook may go to a receiver on this machine over plain http.
                if (service == "integrations") environment["Integrations__AllowHttpLoopback"] = "true";
                Launch(service, ports[service], environment);
            }
            await Task.WhenAll(_processes.Select(p => p.WaitHealthyAsync(HealthTimeout, stop)));

            var gateway = Launch("gateway", settings.GatewayPort, shared);
            await gateway.WaitHealthyAsync(HealthTimeout, stop);

            PrintTable(clock.Elapsed);
            foreach (var process in _processes) _supervisors.Add(SuperviseAsync(process, stop));
            await Task.Delay(Timeout.Infinite, stop);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (ServerNotInstalledException e)
        {
            log.Say(e.Message);
            return 1;
        }
        catch (Exception e)
        {
            log.Say($"The system could not start: {e.Message}");
            return 1;
        }
        finally
        {
            await StopAllAsync();
        }
    }

    private ServiceProcess Launch(string service, int port, IReadOnlyDictionary<string, string> environment)
    {
        var process = ServiceProcess.Start(service, BuildOutput.Assembly(service), port, environment, line => log.Line(service, line));
        _processes.Add(process);
        return process;
    }

    /// <summary>Restarts a service that exits on its own, with back-off (1 s doubling to 30 s; reset after a minute up).</summary>
    private async Task SuperviseAsync(ServiceProcess process, CancellationToken stop)
    {
        var delay = TimeSpan.FromSeconds(1);
        try
        {
            while (true)
            {
                var up = Stopwatch.StartNew();
                await process.WaitForExitAsync(stop);
                if (up.Elapsed > TimeSpan.FromMinutes(1)) delay = TimeSpan.FromSeconds(1);
                log.Say($"{process.Name} exited with code {process.ExitCode}; restarting in {delay.TotalSeconds:0} s");
                await Task.Delay(delay, stop);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                process.Restart();
                try
                {
                    await process.WaitHealthyAsync(HealthTimeout, stop);
                    log.Say($"{process.Name} is healthy again at {process.BaseAddress}");
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                {
                    log.Say($"{process.Name} did not come back healthy: {e.Message.Split('\n')[0]}");
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private void PrintTable(TimeSpan elapsed)
    {
        log.Say($"all healthy in {elapsed.TotalSeconds:0.0} s");
        log.Say($"{"name",-12} {"url",-28} {"pid",-8} state");
        foreach (var process in _processes)
        {
            var url = process.Name == "gateway" ? $"http://localhost:{process.Port}" : process.BaseAddress.ToString().TrimEnd('/');
            log.Say($"{process.Name,-12} {url,-28} {process.ProcessId,-8} healthy");
        }
        log.Say($"Try: curl -H \"Authorization: Bearer $(cat {Path.Combine(settings.DataFolder, "tokens", "governance.jwt")})\" http://localhost:{settings.GatewayPort}/governance/api/authority   (Ctrl+C stops everything)");
    }

    private void EnsureGatewayPortFree()
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, settings.GatewayPort);
            probe.Start();
        }
        catch (SocketException)
        {
            throw new InvalidOperationException($"Port {settings.GatewayPort} is in use: stop what holds it, or choose another with --gateway-port or INTERVENTION_GATEWAY_PORT.");
        }
    }

    private async Task<T> Step<T>(string what, Func<Task<T>> step)
    {
        var clock = Stopwatch.StartNew();
        log.Say(what + " ...");
        var result = await step();
        log.Say($"{what}: ready in {clock.Elapsed.TotalSeconds:0.0} s");
        return result;
    }

    private static string Redact(string uri) => Uri.TryCreate(uri, UriKind.Absolute, out var u) ? $"{u.Scheme}://{u.Host}:{u.Port}{u.AbsolutePath}" : "(configured)";

    /// <summary>The gateway first (no new requests), then the services, then the servers: nothing left behind.</summary>
    private async Task StopAllAsync()
    {
        if (_stopped) return;
        _stopped = true;
        if (_processes.Count > 0) log.Say("stopping ...");
        var gateway = _processes.Where(p => p.Name == "gateway").ToList();
        foreach (var process in gateway) await process.DisposeAsync();
        await Task.WhenAll(_processes.Except(gateway).Select(p => p.DisposeAsync().AsTask()));
        if (_broker is not null) await _broker.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        log.Say("stopped");
    }

    public async ValueTask DisposeAsync() => await StopAllAsync();
}
