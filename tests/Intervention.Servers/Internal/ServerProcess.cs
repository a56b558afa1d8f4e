using System.Diagnostics;

namespace Intervention.Servers.Internal;

/// <summary>
/// One server process tree (runuser → server and its children), started in its own session so that the whole tree
/// can be signalled as a process group and nothing of it outlives a stop.
/// </summary>
internal sealed class ServerProcess
{
    private const string PgidFile = "server.pgid";

    // How RabbitMQ (AMQP port, distribution port) and PostgreSQL report a port someone else holds.
    private static readonly string[] PortInUseMarkers = ["eaddrinuse", "dist_port_already_used", "Address already in use"];
    private readonly string folder;
    private readonly string outputLog;
    private Process? launcher; // replaced atomically: Kill can come from the ProcessExit handler

    public ServerProcess(string folder, string outputLog)
    {
        this.folder = folder;
        this.outputLog = outputLog;
    }

    /// <summary>The process group (the launcher's pid) while the server runs.</summary>
    public int? ProcessGroup => launcher is { HasExited: false } running ? running.Id : null;

    public bool IsRunning => launcher is { HasExited: false };

    public void Launch(IReadOnlyList<string> commandLine)
    {
        if (IsRunning) throw new InvalidOperationException("The server is already running.");
        launcher?.Dispose(); // one that exited by itself
        // setsid: a session of its own (not our terminal's Ctrl+C, killable as a group). sh redirects its output to a
        // file rather than a pipe to us, so the server neither blocks on nor dies with our stdout.
        var psi = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var arg in (string[])["sh", "-c", "exec \"$@\" </dev/null >>\"$0\" 2>&1", outputLog]) psi.ArgumentList.Add(arg);
        foreach (var arg in commandLine) psi.ArgumentList.Add(arg);
        launcher = Process.Start(psi) ?? throw new InvalidOperationException("Could not start setsid.");
        File.WriteAllText(Path.Combine(folder, PgidFile), launcher.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Polls <paramref name="probe"/> until it succeeds; fails fast if the server exits, with its log.</summary>
    public async Task WaitUntilReadyAsync(string what, Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, Func<string> logTail, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (launcher is not { HasExited: false })
            {
                var tail = logTail();
                var message = $"{what} exited with code {launcher?.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} while starting. Last lines of its logs:{Environment.NewLine}{tail}";
                throw PortInUseMarkers.Any(marker => tail.Contains(marker, StringComparison.OrdinalIgnoreCase))
                    ? new PortInUseException(message)
                    : new InvalidOperationException(message);
            }
            if (await probe(ct).ConfigureAwait(false)) return;
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"{what} did not become ready within {timeout.TotalSeconds:0.#} s. Last lines of its logs:{Environment.NewLine}{logTail()}");
            }
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Asks <paramref name="mainPid"/> to shut down with <paramref name="signal"/>; if the tree has not exited after
    /// <paramref name="grace"/>, kills the whole group. Returns once no process of the group is left.
    /// </summary>
    public async Task StopAsync(int? mainPid, int signal, TimeSpan grace, CancellationToken ct)
    {
        var launcher = this.launcher;
        if (launcher is null) return;
        var group = launcher.Id;
        if (!launcher.HasExited)
        {
            if (mainPid is { } pid && ProcFs.Read(pid) is { ProcessGroup: var g, IsLive: true } && g == group)
                Native.Signal(pid, signal);
            else
                Native.SignalGroup(group, Native.SigKill);
            try
            {
                await launcher.WaitForExitAsync(ct).WaitAsync(grace, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Native.SignalGroup(group, Native.SigKill);
            }
        }
        await SweepAsync(group, ct).ConfigureAwait(false);
        if (Interlocked.CompareExchange(ref this.launcher, null, launcher) == launcher)
        {
            launcher.Dispose();
            File.Delete(Path.Combine(folder, PgidFile));
        }
    }

    /// <summary>
    /// Kills the tree at once and waits until it is gone: for disposal (the data is about to be deleted) and failed
    /// starts. The exchange guards against the ProcessExit handler doing the same on another thread.
    /// </summary>
    public void Kill()
    {
        var launcher = Interlocked.Exchange(ref this.launcher, null);
        if (launcher is null) return;
        var group = launcher.Id;
        Native.SignalGroup(group, Native.SigKill);
        launcher.WaitForExit(TimeSpan.FromSeconds(10));
        SweepAsync(group, CancellationToken.None).GetAwaiter().GetResult();
        launcher.Dispose();
        File.Delete(Path.Combine(folder, PgidFile));
    }

    /// <summary>
    /// At process exit: SIGKILL the group and return without waiting, because the test runner may kill this
    /// process moments after its handlers start. The processes die on their own; the watchdog is the backstop.
    /// </summary>
    public void KillWithoutWaiting()
    {
        var launcher = Interlocked.Exchange(ref this.launcher, null);
        if (launcher is null) return;
        Native.SignalGroup(launcher.Id, Native.SigKill);
        File.Delete(Path.Combine(folder, PgidFile));
    }

    /// <summary>Whatever of the group is still alive (a forked helper) is killed, and we wait until it is gone.</summary>
    private static async Task SweepAsync(int group, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (ProcFs.LiveGroupMembers(group).Count > 0)
        {
            Native.SignalGroup(group, Native.SigKill);
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                var left = string.Join(", ", ProcFs.LiveGroupMembers(group).Select(p => $"{p.Pid} ({p.Comm})"));
                throw new InvalidOperationException($"Processes of group {group} survived SIGKILL for 10 s: {left}.");
            }
            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }
}

/// <summary>The server could not bind its port (someone took it between our check and its start): retry elsewhere.</summary>
internal sealed class PortInUseException(string message) : InvalidOperationException(message);
