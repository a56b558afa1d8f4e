using System.Net;
using System.Net.Sockets;

namespace Integrations.API.Deliveries;

/// <summary>
/// Deliveries go to integrators outside the council's network, so a subscription must not reach inside it: a URL whose host
/// resolves to a loopback, private, link-local or shared address is refused when the connection is made (on the address
/// actually connected to, so a DNS answer that changes after registration does not get round it). Loopback is allowed only
/// with <c>Integrations:AllowHttpLoopback</c> (tests, development).
/// </summary>
public static class PublicAddresses
{
    /// <summary>Whether <paramref name="address"/> is on the public internet (not loopback, private, link-local, shared or unspecified).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10                                  // 10.0.0.0/8
                     || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) // 172.16.0.0/12
                     || (b[0] == 192 && b[1] == 168)             // 192.168.0.0/16
                     || (b[0] == 169 && b[1] == 254)             // link-local, cloud metadata
                     || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
                     || b[0] == 0 || b[0] >= 224);               // "this network", multicast, reserved
        }
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                 || (address.GetAddressBytes()[0] & 0xFE) == 0xFC); // unique local fc00::/7
    }

    /// <summary>Whether a delivery may connect to <paramref name="address"/>.</summary>
    public static bool MayConnect(IPAddress address, bool allowLoopback) =>
        IsPublic(address) || (allowLoopback && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));

    /// <summary>The connection step of the webhooks' HTTP handler: resolves the host and connects to the first address allowed.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowLoopback, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => MayConnect(a, allowLoopback)).ToList();
        if (allowed.Count == 0)
            throw new HttpRequestException($"refused: {host} is not a public internet address; webhooks go outside the council's network only");
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
