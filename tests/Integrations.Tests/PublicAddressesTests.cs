using System.Net;
using Integrations.API.Deliveries;

namespace Integrations.Tests;

/// <summary>Webhooks go outside the council's network: addresses inside any network are refused.</summary>
public class PublicAddressesTests
{
    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("151.101.0.81")]
    [InlineData("172.32.0.1")]
    [InlineData("2a00:1450:4009:81f::200e")]
    public void A_public_address_may_be_reached(string address)
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
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.1.2.3", false)]
    public void Loopback_alone_is_allowed_when_configured(string address, bool allowed)
    {
        Assert.Equal(allowed, PublicAddresses.MayConnect(IPAddress.Parse(address), allowLoopback: true));
    }
}
