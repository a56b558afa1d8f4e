using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Intervention.Servers;

/// <summary>
/// A .NET service run from its build output as its own process, as in production: its own runtime,
/// connections and port, nothing shared with whoever started it but the network. The AppHost runs the
/// system with it and the functional tests run services with it.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int MaxKeptLines = 2000;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Action<string>? _onLine;
    private readonly ProcessStartInfo _start;
    private Process _process;

    private ServiceProcess(string name, ProcessStartInfo start, int port, Action<string>? onLine)
    {
        Name = name;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _start = start;
        _onLine = onLine;
        _process = Launch();
    }

    public string Name { get; }
    public int Port { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The last lines the process wrote (stdout, and stderr prefixed <c>stderr: </c>).</summary>
    public IReadOnlyCollection<string> Output => _output.ToArray();

    /// <summary>
    /// Starts <paramref name="assembly"/> (a built .dll) listening on 127.0.0.1:<paramref name="port"/>
    /// with <paramref name="environment"/> added to this process's. <paramref name="onLine"/> sees every line it writes.
    /// </summary>
    public static ServiceProcess Start(string name, string assembly, int port, IReadOnlyDictionary<string, string> environment, Action<string>? onLine = null)
    {
        if (!File.Exists(assembly)) throw new FileNotFoundException($"{name} is not built: {assembly} does not exist. Build the solution first.", assembly);
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // so that it never reads the terminal or takes its Ctrl+C
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["OTEL_SERVICE_NAME"] = name;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return new ServiceProcess(name, start, port, onLine);
    }

    /// <summary>Starts the same service again, on the same port with the same environment, after it exited.</summary>
    public void Restart()
    {
        if (!_process.HasExited) throw new InvalidOperationException($"{Name} is still running.");
        _process.Dispose();
        _process = Launch();
    }

    private Process Launch()
    {
        var process = new Process { StartInfo = _start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data is null ? null : "stderr: " + e.Data);
        if (!process.Start()) throw new InvalidOperationException($"Could not start {Name}.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > MaxKeptLines) _output.TryDequeue(out _);
        _onLine?.Invoke(line);
    }

    /// <summary>Completes when the current process exits.</summary>
    public Task WaitForExitAsync(CancellationToken ct = default) => _process.WaitForExitAsync(ct);

    /// <summary>Waits until <c>/health</c> (or <paramref name="path"/>, e.g. <c>alive</c>) answers 200; fails at once, with the output's tail, if the process exits.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken ct = default, string path = "health")
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was healthy.\n{Tail()}");
            if (await HealthAsync(ct, path) is var (healthy, answer))
            {
                if (healthy) return;
                last = answer;
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"{Name} was not healthy within {timeout.TotalSeconds:0}s (last: {last}).\n{Tail()}");
    }

    /// <summary>One look at <c>/health</c>: healthy or not, and what it said.</summary>
    public async Task<(bool Healthy, string Answer)> HealthAsync(CancellationToken ct = default, string path = "health")
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var response = await Http.GetAsync(path, timeout.Token);
            return (response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(timeout.Token)}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return (false, e.Message);
        }
    }

    public string Tail(int lines = 40) => string.Join('\n', _output.TakeLast(lines));

    /// <summary>Asks the process to stop (SIGTERM, as an orchestrator would) and kills it, with its children, after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        _ = kill(_process.Id, 15);
        using var cts = new CancellationTokenSource(grace);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        Http.Dispose();
        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>A TCP port free on 127.0.0.1 now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Where the projects of this repository put their build output.</summary>
public static class BuildOutput
{
    /// <summary>The repository root: the folder holding Intervention.sln, above <paramref name="from"/>.</summary>
    public static string RepoRoot(string? from = null)
    {
        for (var dir = new DirectoryInfo(from ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Intervention.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Intervention.sln not found above " + (from ?? AppContext.BaseDirectory));
    }

    /// <summary>
    /// A portfolio service's built assembly (<c>services/licensing/Licensing.API/bin/...</c>), or the
    /// gateway's, the AppHost's or the seeds', built in the same configuration as the running program.
    /// </summary>
    public static string Assembly(string service)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory); // <project>/bin/<Configuration>/<framework>/
        var (framework, configuration) = (here.Name, here.Parent!.Name);
        var (folder, project) = service switch
        {
            "gateway" => (Path.Combine(RepoRoot(), "gateway"), "Intervention.Gateway"),
            "apphost" => (Path.Combine(RepoRoot(), "AppHost"), "Intervention.AppHost"),
            "seeds" => (Path.Combine(RepoRoot(), "seeds"), "Intervention.Seeds"),
            _ => (Path.Combine(RepoRoot(), "services", service, char.ToUpperInvariant(service[0]) + service[1..] + ".API"), char.ToUpperInvariant(service[0]) + service[1..] + ".API"),
        };
        return Path.Combine(folder, "bin", configuration, framework, project + ".dll");
    }
}
