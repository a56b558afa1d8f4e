namespace Intervention.Servers.Internal;

/// <summary>One line of /proc/&lt;pid&gt;/stat, the fields we use.</summary>
internal readonly record struct ProcStat(int Pid, string Comm, char State, int ParentPid, int ProcessGroup, ulong StartTime)
{
    /// <summary>
    /// False once the process has really ended. A zombie has, unless it is the leader of a multi-threaded process
    /// (beam.smp) whose other threads are still exiting: they hold its sockets and files until the last one ends.
    /// </summary>
    public bool IsLive =>
        State is not ('Z' or 'X' or 'x') ||
        (Directory.Exists($"/proc/{Pid}/task") && SafeCount($"/proc/{Pid}/task") > 1);

    private static int SafeCount(string folder)
    {
        try
        {
            return Directory.EnumerateDirectories(folder).Count();
        }
        catch (IOException)
        {
            return 0; // reaped meanwhile
        }
    }
}

/// <summary>Reads the Linux process table, which .NET does not expose by group or start time.</summary>
internal static class ProcFs
{
    public static ProcStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        return Parse(text);
    }

    public static ProcStat? Parse(string text)
    {
        // The command name is in parentheses and may itself contain spaces and parentheses.
        var open = text.IndexOf('(');
        var close = text.LastIndexOf(')');
        if (open < 0 || close < open) return null;
        var rest = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // rest[0] is field 3 (state), so field N is rest[N - 3].
        if (rest.Length < 20) return null;
        return new ProcStat(
            int.Parse(text[..open].Trim(), System.Globalization.CultureInfo.InvariantCulture),
            text[(open + 1)..close],
            rest[0][0],
            int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(rest[2], System.Globalization.CultureInfo.InvariantCulture),
            ulong.Parse(rest[19], System.Globalization.CultureInfo.InvariantCulture));
    }

    public static List<ProcStat> All()
    {
        var list = new List<ProcStat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Read(pid) is { } stat)
                list.Add(stat);
        }
        return list;
    }

    /// <summary>Live members of a process group: a server and everything it forked share its group.</summary>
    public static List<ProcStat> LiveGroupMembers(int processGroup) =>
        All().Where(p => p.ProcessGroup == processGroup && p.IsLive).ToList();

    public static bool IsLive(int pid) => Read(pid) is { IsLive: true };
}
