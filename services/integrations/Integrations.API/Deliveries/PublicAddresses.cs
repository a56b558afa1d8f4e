using System.Net;
using System.Net.Sockets;

namespace Integrations.API.Deliveries;

/// <summary>
/// Deliveries go to integrators outside the council's network, so a subscription must not reach inside it, nor anywhere an
/// address cannot be reached from the internet: only globally routable unicast addresses may be connected to. The decision
/// is made when the connection is made, on the address actually connected to (a DNS answer changed after registration does
/// not get round it), and never through a proxy (the check would then be made on the proxy's address). Loopback is allowed
/// only with <c>Integrations:AllowHttpLoopback</c> (the AppHost and the tests set it; off by default).
/// </summary>
public static class PublicAddresses
{
    /// <summary>One entry of an IANA Special-Purpose Address Registry, with its "Globally Reachable" flag (N/A counts as false).</summary>
    public sealed record Block(IPNetwork Network, string Name, bool GloballyReachable);

    private static Block B(string prefix, string name, bool globallyReachable) => new(IPNetwork.Parse(prefix), name, globallyReachable);

    /// <summary>
    /// The IANA IPv4 (RFC 6890) and IPv6 Special-Purpose Address Registries, as published in 2025. Where entries nest
    /// (192.0.0.0/24 and 192.0.0.9/32), the smallest one holding an address decides.
    /// </summary>
    public static IReadOnlyList<Block> SpecialPurpose { get; } =
    [
        // IPv4: https://www.iana.org/assignments/iana-ipv4-special-registry
        B("0.0.0.0/8", "This network", false),
        B("0.0.0.0/32", "This host on this network", false),
        B("10.0.0.0/8", "Private-Use", false),
        B("100.64.0.0/10", "Shared Address Space", false),
        B("127.0.0.0/8", "Loopback", false),
        B("169.254.0.0/16", "Link Local", false),
        B("172.16.0.0/12", "Private-Use", false),
        B("192.0.0.0/24", "IETF Protocol Assignments", false),
        B("192.0.0.0/29", "IPv4 Service Continuity Prefix", false),
        B("192.0.0.8/32", "IPv4 dummy address", false),
        B("192.0.0.9/32", "Port Control Protocol Anycast", true),
        B("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", true),
        B("192.0.0.170/32", "NAT64/DNS64 Discovery", false),
        B("192.0.0.171/32", "NAT64/DNS64 Discovery", false),
        B("192.0.2.0/24", "Documentation (TEST-NET-1)", false),
        B("192.31.196.0/24", "AS112-v4", true),
        B("192.52.193.0/24", "AMT", true),
        B("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", false),
        B("192.88.99.2/32", "6a44-relay anycast address", true),
        B("192.168.0.0/16", "Private-Use", false),
        B("192.175.48.0/24", "Direct Delegation AS112 Service", true),
        B("198.18.0.0/15", "Benchmarking", false),
        B("198.51.100.0/24", "Documentation (TEST-NET-2)", false),
        B("203.0.113.0/24", "Documentation (TEST-NET-3)", false),
        B("240.0.0.0/4", "Reserved", false),
        B("255.255.255.255/32", "Limited Broadcast", false),
        // IPv6: https://www.iana.org/assignments/iana-ipv6-special-registry
        B("::1/128", "Loopback Address", false),
        B("::/128", "Unspecified Address", false),
        B("::ffff:0:0/96", "IPv4-mapped Address", false),
        B("64:ff9b::/96", "IPv4-IPv6 Translat.", true),
        B("64:ff9b:1::/48", "IPv4-IPv6 Translat.", false),
        B("100::/64", "Discard-Only Address Block", false),
        B("100:0:0:1::/64", "Dummy IPv6 Prefix", false),
        B("2001::/23", "IETF Protocol Assignments", false),
        B("2001::/32", "TEREDO", false),
        B("2001:1::1/128", "Port Control Protocol Anycast", true),
        B("2001:1::2/128", "Traversal Using Relays around NAT Anycast", true),
        B("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", true),
        B("2001:2::/48", "Benchmarking", false),
        B("2001:3::/32", "AMT", true),
        B("2001:4:112::/48", "AS112-v6", true),
        B("2001:10::/28", "Deprecated (previously ORCHID)", false),
        B("2001:20::/28", "ORCHIDv2", true),
        B("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", true),
        B("2001:db8::/32", "Documentation", false),
        B("2002::/16", "6to4", false),
        B("2620:4f:8000::/48", "Direct Delegation AS112 Service", true),
        B("3fff::/20", "Documentation", false),
        B("5f00::/16", "Segment Routing (SRv6) SIDs", false),
        B("fc00::/7", "Unique-Local", false),
        B("fe80::/10", "Link-Local Unicast", false),
    ];

    private static readonly IPNetwork Multicast4 = IPNetwork.Parse("224.0.0.0/4");
    // IANA's IPv6 Address Space registry allocates only 2000::/3 as global unicast. Everything else is refused, which takes
    // in IPv4-compatible ::/96 and NAT64 64:ff9b::/96: IANA marks the latter globally reachable, but a translator would connect
    // to the IPv4 address inside it, which may be inside a network, and it is not ours to vouch for.
    private static readonly IPNetwork GlobalUnicast6 = IPNetwork.Parse("2000::/3");

    /// <summary>
    /// Whether <paramref name="address"/> is a globally routable unicast address: IPv4 outside multicast, IPv6 inside global
    /// unicast (2000::/3), and in either case globally reachable by the smallest special-purpose block holding it, if any.
    /// </summary>
    public static bool IsGloballyReachable(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork ? Multicast4.Contains(address) : !GlobalUnicast6.Contains(address))
            return false;
        Block? innermost = null;
        foreach (var block in SpecialPurpose)
            if (block.Network.Contains(address) && (innermost is null || block.Network.PrefixLength > innermost.Network.PrefixLength))
                innermost = block;
        return innermost?.GloballyReachable ?? true;
    }

    /// <summary>Whether a delivery may connect to <paramref name="address"/>.</summary>
    public static bool MayConnect(IPAddress address, bool allowLoopback) =>
        IsGloballyReachable(address) || (allowLoopback && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));

    /// <summary>A delivery's host resolved to no address it may connect to.</summary>
    public sealed class AddressRefusedException(string host)
        : Exception($"refused: {host} is not a public internet address; webhooks go outside the council's network only");

    /// <summary>
    /// The webhooks' HTTP handler: never a proxy (the address check would be made on the proxy's address, and the proxy
    /// would connect anywhere), no redirects (a redirect would send a signed event somewhere the subscriber did not
    /// register), no cookies, and every connection made by <see cref="ConnectAsync"/>.
    /// </summary>
    public static SocketsHttpHandler Handler(bool allowLoopback) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = (context, ct) => ConnectAsync(context, allowLoopback, ct),
    };

    /// <summary>The connection step of the webhooks' HTTP handler: resolves the host and connects to the first address allowed.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowLoopback, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(address => MayConnect(address, allowLoopback)).ToList();
        if (allowed.Count == 0) throw new AddressRefusedException(host);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
