using System.Net;
using System.Net.Sockets;

namespace Intervention.Servers.Internal;

/// <summary>
/// Picks free loopback ports below the kernel's ephemeral range, so an outgoing connection cannot take a server's
/// port between its stop and its restart (the restart must get the same port).
/// </summary>
internal static class FreePorts
{
    private static readonly HashSet<int> Reserved = [4369, 5432, 5433, 5672, 5671, 15672, 25672];

    public static int Pick(params int[] exclude)
    {
        var (low, high) = Range();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(low, high);
            if (Reserved.Contains(port) || exclude.Contains(port)) continue;
            if (IsFree(port)) return port;
        }
        throw new InvalidOperationException($"Found no free TCP port on 127.0.0.1 between {low} and {high}.");
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static (int Low, int High) Range()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var ephemeralLow = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            if (ephemeralLow > 12000) return (10000, ephemeralLow);
        }
        catch (IOException)
        {
            // Not Linux-like: fall through to a fixed range.
        }
        return (20000, 30000);
    }
}
