using System.Collections.Concurrent;
using System.Diagnostics;

namespace Intervention.Servers.Internal;

/// <summary>
/// Kills private servers when their owner goes away without disposing them: a ProcessExit handler for a normal
/// exit, and a detached watchdog for a crash or a kill (a test host killed by its runner cannot run handlers).
/// </summary>
internal static class Lifeline
{
    private static readonly ConcurrentDictionary<object, Action> Live = new();

    static Lifeline()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var kill in Live.Values)
            {
                try { kill(); }
                catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
                {
                    // Exiting: the watchdog deletes what this could not.
                    Console.Error.WriteLine($"Intervention.Servers: cleanup at exit failed: {e.Message}");
                }
            }
        };
    }

    public static void Register(object owner, Action killAndDelete) => Live[owner] = killAndDelete;

    public static void Unregister(object owner) => Live.TryRemove(owner, out _);

    private const string WatchdogScript = """
        exec </dev/null >/dev/null 2>&1
        owner=$1 owner_start=$2 dir=$3
        owner_alive() {
          local stat
          read -r stat < "/proc/$owner/stat" || return 1
          stat=${stat##*) }
          set -- $stat
          [ "$1" != Z ] && [ "${20}" = "$owner_start" ]
        }
        while [ -d "$dir" ] && owner_alive; do sleep 2; done
        [ -d "$dir" ] || exit 0
        if [ -f "$dir/server.pgid" ]; then
          kill -KILL -- "-$(cat "$dir/server.pgid")"
          sleep 1
        fi
        rm -rf -- "$dir"
        """;

    /// <summary>
    /// Starts a watchdog, outside our process tree, that waits for this process to end (pid and start time, so a
    /// reused pid does not fool it) or the folder to be deleted; if the folder is still there, it kills the server
    /// group recorded in it and deletes the folder.
    /// </summary>
    public static void StartWatchdog(string folder)
    {
        var self = ProcFs.Read(Environment.ProcessId) ?? throw new InvalidOperationException("Cannot read /proc/self/stat.");
        var psi = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var arg in (string[])["-f", "bash", "-c", WatchdogScript, "intervention-servers-watchdog",
                     self.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     self.StartTime.ToString(System.Globalization.CultureInfo.InvariantCulture), folder])
        {
            psi.ArgumentList.Add(arg);
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the watchdog.");
        // setsid -f forks and returns at once.
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)) || process.ExitCode != 0)
            throw new InvalidOperationException("Could not start the server watchdog (setsid -f bash).");
    }
}
