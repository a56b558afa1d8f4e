using Intervention.Servers.Internal;

namespace Intervention.Servers;

/// <summary>
/// What every private server here shares: its own folder and process group; a start that retries on other free
/// ports when one is taken between the pick and the bind; stop and start that keep the folder and port; dispose
/// that kills it and deletes the folder; and the lifeline that cleans up if the owning process dies first.
/// </summary>
public abstract class LocalServer : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    private protected LocalServer(string folder, string logFile)
    {
        Folder = folder;
        Process = new ServerProcess(folder, logFile);
    }

    /// <summary>The server's own folder (data, logs, configuration).</summary>
    public string Folder { get; }

    /// <summary>True between a completed start and a stop.</summary>
    public bool IsRunning => Process.IsRunning;

    /// <summary>Process id of the server's main process while it runs.</summary>
    public abstract int? ProcessId { get; }

    private protected ServerProcess Process { get; }

    /// <summary>The signal that asks this server for its graceful stop.</summary>
    private protected abstract int StopSignal { get; }

    /// <summary>Prepares a new instance's folder (configuration, initial data) before its first start.</summary>
    private protected abstract Task PrepareAsync(CancellationToken ct);

    /// <summary>Launches the server and completes when it serves.</summary>
    private protected abstract Task StartCoreAsync(CancellationToken ct);

    /// <summary>Stops the server gracefully (a server that hangs is killed after 30 s); keeps folder and port.</summary>
    public Task StopAsync(CancellationToken ct = default) =>
        GatedAsync(() => Process.StopAsync(ProcessId, StopSignal, TimeSpan.FromSeconds(30), ct), ct);

    /// <summary>Starts the server again on the same port with the same data; no-op if it runs.</summary>
    public Task StartAsync(CancellationToken ct = default) =>
        GatedAsync(() => Process.IsRunning ? Task.CompletedTask : StartCoreAsync(ct), ct);

    /// <summary>Kills the server and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            // The data is going away, so a graceful shutdown would buy nothing but time.
            Process.Kill();
            ServerFolders.Delete(Folder);
            Lifeline.Unregister(this);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Creates and starts a new instance; when a picked free port was taken before the server could bind it,
    /// tries again on others (twice more) unless the caller fixed the ports.
    /// </summary>
    private protected static async Task<T> StartNewInstanceAsync<T>(Func<T> create, bool portsFixed, CancellationToken ct) where T : LocalServer
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = create();
            try
            {
                Lifeline.Register(server, () =>
                {
                    server.Process.KillWithoutWaiting();
                    ServerFolders.Delete(server.Folder);
                });
                Lifeline.StartWatchdog(server.Folder);
                await server.PrepareAsync(ct).ConfigureAwait(false);
                await server.StartCoreAsync(ct).ConfigureAwait(false);
                return server;
            }
            catch (PortInUseException) when (attempt < 3 && !portsFixed)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Launches <paramref name="commandLine"/> and waits until <paramref name="probe"/> says it serves; kills it if it never does.</summary>
    private protected async Task LaunchAndWaitAsync(IReadOnlyList<string> commandLine, string what, Func<CancellationToken, Task<bool>> probe,
        TimeSpan timeout, Func<string> logTail, CancellationToken ct)
    {
        Process.Launch(commandLine);
        try
        {
            await Process.WaitUntilReadyAsync(what, probe, timeout, logTail, ct).ConfigureAwait(false);
        }
        catch
        {
            Process.Kill();
            throw;
        }
    }

    private async Task GatedAsync(Func<Task> action, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await action().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
