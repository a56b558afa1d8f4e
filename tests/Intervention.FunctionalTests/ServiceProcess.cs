using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Intervention.FunctionalTests;

/// <summary>
/// A portfolio service running as its own process from its build output, as in production: its own
/// runtime, its own connections, nothing shared with the test but the network.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public IReadOnlyCollection<string> Output => _output.ToArray();

    /// <summary>Starts <c>services/&lt;name&gt;</c> and waits until its /health says Healthy.</summary>
    public static async Task<ServiceProcess> StartAsync(string name, IDictionary<string, string> environment, TimeSpan? healthTimeout = null)
    {
        var dll = ServiceAssembly(name);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["OTEL_SERVICE_NAME"] = name;
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var service = new ServiceProcess(name, process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) service._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) service._output.Enqueue("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await service.WaitHealthyAsync(healthTimeout ?? TimeSpan.FromSeconds(60));
        return service;
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was healthy.\n{Tail()}");
            try
            {
                using var response = await Http.GetAsync("health");
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException e) { last = e.Message; }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} was not healthy within {timeout.TotalSeconds:0}s (last: {last}).\n{Tail()}");
    }

    public string Tail(int lines = 40) => string.Join('\n', _output.TakeLast(lines));

    /// <summary>Asks the process to stop (SIGTERM, as an orchestrator would) and kills it if it does not.</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_process.HasExited) return;
        Signal(_process.Id, 15);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        _process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Signal(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The service's built assembly, from the same configuration as this test assembly.</summary>
    private static string ServiceAssembly(string name)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);       // tests/X/bin/<Configuration>/net10.0/
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var project = char.ToUpperInvariant(name[0]) + name[1..] + ".API";
        var dll = Path.Combine(RepoRoot(), "services", name, project, "bin", configuration, framework, project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{project} is not built at {dll}; build the solution first.");
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Intervention.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Intervention.sln not found above " + AppContext.BaseDirectory);
    }
}
