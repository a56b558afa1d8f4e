using System.Net;
using System.Net.Sockets;
using Intervention.Servers.Internal;

namespace Intervention.Servers.Tests;

/// <summary>What a test can observe from outside a server: its port, its processes.</summary>
internal static class Probes
{
    public static bool PortIsOpen(int port)
    {
        try
        {
            using var client = new TcpClient(AddressFamily.InterNetwork);
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A process and all its descendants, identified by pid and start time (pids get reused).</summary>
    public static List<ProcStat> TreeOf(int pid)
    {
        var all = ProcFs.All();
        var tree = all.Where(p => p.Pid == pid).ToList();
        for (var i = 0; i < tree.Count; i++)
            tree.AddRange(all.Where(p => p.ParentPid == tree[i].Pid));
        return tree;
    }

    public static List<ProcStat> StillAlive(IEnumerable<ProcStat> processes) =>
        processes.Where(p => ProcFs.Read(p.Pid) is { IsLive: true } now && now.StartTime == p.StartTime).ToList();

    /// <summary>Live processes whose command line mentions <paramref name="text"/> (a server's folder).</summary>
    public static List<string> ProcessesMentioning(string text)
    {
        var found = new List<string>();
        foreach (var p in ProcFs.All().Where(p => p.IsLive && p.Pid != Environment.ProcessId))
        {
            try
            {
                var cmdline = File.ReadAllText($"/proc/{p.Pid}/cmdline").Replace('\0', ' ');
                if (cmdline.Contains(text, StringComparison.Ordinal)) found.Add($"{p.Pid}: {cmdline}");
            }
            catch (IOException)
            {
                // exited meanwhile
            }
        }
        return found;
    }

    /// <summary>
    /// No folder and no process left under <paramref name="root"/>. The watchdog notices a deleted folder within
    /// its 2 s poll, so allow it a few seconds to go.
    /// </summary>
    public static async Task AssertNothingLeftAsync(string root)
    {
        Xunit.Assert.Empty(Directory.EnumerateFileSystemEntries(root));
        var deadline = DateTime.UtcNow.AddSeconds(6);
        while (ProcessesMentioning(root).Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Xunit.Assert.Empty(ProcessesMentioning(root));
    }

    public static string Describe(IEnumerable<ProcStat> processes) => string.Join(", ", processes.Select(p => $"{p.Pid} ({p.Comm})"));
}
