using System.Net;
using System.Net.Sockets;
using Integrations.API.Deliveries;

namespace Integrations.Tests;

/// <summary>
/// Webhooks go to globally routable unicast addresses only: every block of the IANA IPv4 and IPv6 Special-Purpose Address
/// Registries that is not globally reachable is refused, and so is everything outside IPv6 global unicast (2000::/3). These
/// tests check the decision; none of them connects anywhere.
/// </summary>
public class PublicAddressesTests
{
    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("151.101.0.81")]
    [InlineData("172.32.0.1")]
    [InlineData("198.20.0.1")]     // just past benchmarking 198.18.0.0/15
    [InlineData("192.0.0.9")]      // Port Control Protocol anycast: globally reachable inside 192.0.0.0/24
    [InlineData("192.0.0.10")]     // TURN anycast
    [InlineData("192.31.196.1")]   // AS112-v4
    [InlineData("192.52.193.1")]   // AMT
    [InlineData("192.175.48.1")]   // AS112 direct delegation
    [InlineData("2a00:1450:4009:81f::200e")]
    [InlineData("2001:1::1")]      // PCP anycast: globally reachable inside 2001::/23
    [InlineData("2001:3::1")]      // AMT
    [InlineData("2001:4:112::1")]  // AS112-v6
    [InlineData("2001:20::1")]     // ORCHIDv2
    [InlineData("2620:4f:8000::1")] // AS112 direct delegation
    public void A_globally_reachable_address_may_be_reached(string address)
    {
        Assert.True(PublicAddresses.MayConnect(IPAddress.Parse(address), allowLoopback: false));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")] // cloud instance metadata
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void An_address_inside_a_network_is_refused(string address)
    {
        Assert.False(PublicAddresses.MayConnect(IPAddress.Parse(address), allowLoopback: false));
    }

    [Theory]
    [InlineData("198.18.0.1")]        // benchmarking: the probe opened connections here
    [InlineData("198.19.255.254")]
    [InlineData("192.0.0.1")]         // IETF protocol assignments
    [InlineData("192.0.0.8")]         // IPv4 dummy address
    [InlineData("192.0.0.170")]       // NAT64/DNS64 discovery
    [InlineData("192.0.2.10")]        // TEST-NET-1
    [InlineData("198.51.100.10")]     // TEST-NET-2
    [InlineData("203.0.113.10")]      // TEST-NET-3
    [InlineData("192.88.99.1")]       // deprecated 6to4 relay anycast
    [InlineData("240.0.0.1")]         // reserved
    [InlineData("255.255.255.255")]   // limited broadcast
    [InlineData("239.255.255.250")]   // multicast: not unicast
    [InlineData("64:ff9b::a00:1")]    // NAT64 of 10.0.0.1: a translator would take it inside
    [InlineData("64:ff9b::808:808")]  // NAT64 of a public address: still refused, the translator is not ours to vouch for
    [InlineData("64:ff9b:1::a00:1")]  // local-use NAT64
    [InlineData("::a00:1")]           // IPv4-compatible ::10.0.0.1
    [InlineData("::808:808")]         // IPv4-compatible, deprecated
    [InlineData("::")]
    [InlineData("100::1")]            // discard-only
    [InlineData("2001::1")]           // Teredo
    [InlineData("2001:2::1")]         // benchmarking
    [InlineData("2001:10::1")]        // deprecated ORCHID
    [InlineData("2001:db8::1")]       // documentation
    [InlineData("2002:a00:1::1")]     // 6to4 of 10.0.0.1
    [InlineData("3fff::1")]           // documentation
    [InlineData("5f00::1")]           // SRv6 SIDs
    [InlineData("fec0::1")]           // deprecated site-local
    [InlineData("ff02::1")]           // multicast
    [InlineData("4000::1")]           // outside global unicast 2000::/3
    public void A_special_purpose_address_that_is_not_globally_reachable_is_refused(string address)
    {
        Assert.False(PublicAddresses.MayConnect(IPAddress.Parse(address), allowLoopback: false));
    }

    /// <summary>
    /// Each registry entry decides for the addresses it holds, unless a smaller entry inside it says otherwise; an IPv6 entry
    /// outside global unicast 2000::/3 is refused whatever its flag (64:ff9b::/96, NAT64, is the one flagged reachable).
    /// </summary>
    [Fact]
    public void Every_registry_entry_decides_as_its_globally_reachable_flag_says()
    {
        Assert.True(PublicAddresses.SpecialPurpose.Count >= 50, $"{PublicAddresses.SpecialPurpose.Count} entries: the two IANA tables have more");
        foreach (var block in PublicAddresses.SpecialPurpose)
        {
            var first = block.Network.BaseAddress;
            var innermost = PublicAddresses.SpecialPurpose.Where(b => b.Network.Contains(first)).MaxBy(b => b.Network.PrefixLength)!;
            if (innermost != block) continue;
            var outsideGlobalUnicast = first.AddressFamily == AddressFamily.InterNetworkV6 && !IPNetwork.Parse("2000::/3").Contains(first);
            Assert.True((block.GloballyReachable && !outsideGlobalUnicast) == PublicAddresses.IsGloballyReachable(first), $"{block.Network} ({block.Name})");
        }
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("198.18.0.1", false)]
    public void Loopback_alone_is_allowed_when_configured(string address, bool allowed)
    {
        Assert.Equal(allowed, PublicAddresses.MayConnect(IPAddress.Parse(address), allowLoopback: true));
    }

    [Fact]
    public void Deliveries_never_go_through_a_proxy_nor_follow_a_redirect()
    {
        // A proxy would make the address check apply to the proxy, and let the proxy connect anywhere.
        using var handler = PublicAddresses.Handler(allowLoopback: false);
        Assert.False(handler.UseProxy);
        Assert.Null(handler.Proxy);
        Assert.False(handler.AllowAutoRedirect);
        Assert.NotNull(handler.ConnectCallback);
    }
}

/// <summary>A subscriber learns that a delivery failed, never what the network said: that would map ports for it.</summary>
public class DeliveryFailureTests
{
    public static TheoryData<Exception> NoAnswer => new()
    {
        new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (203.0.113.7:8443)", new SocketException((int)SocketError.ConnectionRefused)),
        new HttpRequestException(HttpRequestError.ConnectionError, "No route to host (203.0.113.7:22)", new SocketException((int)SocketError.HostUnreachable)),
        new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (hooks.example.org:443)", new SocketException((int)SocketError.HostNotFound)),
        new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established, see inner exception.",
            new System.Security.Authentication.AuthenticationException("Cannot determine the frame size or a corrupted frame was received.")),
        new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely. (ResponseEnded)"),
        new TaskCanceledException("The operation was canceled.", new TimeoutException()),
    };

    [Theory]
    [MemberData(nameof(NoAnswer))]
    public void Every_failure_to_get_an_answer_reads_the_same(Exception failure)
    {
        Assert.Equal("delivery failed: no answer", DeliveryFailure.ForSubscriber(failure));
    }

    [Fact]
    public void An_address_refused_by_the_filter_says_so_and_nothing_more()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "wrapped (10.20.30.40:443)",
            new PublicAddresses.AddressRefusedException("10.20.30.40"));
        Assert.Equal("refused: the host is not a public internet address; webhooks go outside the council's network only",
            DeliveryFailure.ForSubscriber(refused));
    }

    [Fact]
    public void A_subscriber_s_answer_is_named_by_its_status_alone()
    {
        Assert.Equal("delivery failed: answered 503", DeliveryFailure.Answered(503));
    }
}
