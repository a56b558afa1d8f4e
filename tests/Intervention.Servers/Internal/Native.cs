using System.Runtime.InteropServices;

namespace Intervention.Servers.Internal;

/// <summary>kill(2): .NET can only SIGKILL a process, and servers need SIGTERM/SIGINT to shut down cleanly.</summary>
internal static class Native
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    /// <summary>Sends a signal; false when there is no such process (already gone).</summary>
    public static bool Signal(int pid, int signal) => SysKill(pid, signal) == 0;

    /// <summary>Sends a signal to every process of a group.</summary>
    public static bool SignalGroup(int processGroup, int signal) => SysKill(-processGroup, signal) == 0;
}
