using System.Net;
using Bots1C.Domain.Outbound;

namespace Bots1C.Tests.Domain.Outbound;

/// <summary>The address filter alone: no traffic, just which addresses count as the public internet.</summary>
public sealed class NonPublicAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("10.0.0.5", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.10", "private")]
    [InlineData("100.64.0.1", "shared (carrier-grade NAT)")]
    [InlineData("100.127.255.255", "shared (carrier-grade NAT)")]
    [InlineData("169.254.169.254", "link-local (cloud metadata)")]
    [InlineData("169.254.0.1", "link-local (cloud metadata)")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("192.0.0.8", "IETF protocol assignment")]
    [InlineData("192.0.2.1", "documentation")]
    [InlineData("198.51.100.7", "documentation")]
    [InlineData("203.0.113.9", "documentation")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("192.88.99.1", "6to4 relay")]
    public void IPv4_addresses_outside_the_public_internet_are_not_public(string address, string kind)
    {
        Assert.Equal(kind, NonPublicAddresses.KindOf(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fe80::1%2", "link-local")]
    [InlineData("febf::1", "link-local")]
    [InlineData("fc00::1", "unique-local (private)")]
    [InlineData("fd12:3456:789a::1", "unique-local (private)")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("ff0e::1", "multicast")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("2001::1", "IETF protocol assignment")] // Teredo
    [InlineData("100::1", "discard-only")]
    [InlineData("64:ff9b:1::1", "private (local NAT64)")]
    [InlineData("::7f00:1", "reserved")] // IPv4-compatible 127.0.0.1, deprecated
    [InlineData("::ffff:0:7f00:1", "reserved")] // IPv4-translated
    [InlineData("4000::1", "reserved")] // outside global unicast
    public void IPv6_addresses_outside_global_unicast_or_set_aside_are_not_public(string address, string kind)
    {
        Assert.Equal(kind, NonPublicAddresses.KindOf(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:7f00:1", "loopback")]
    [InlineData("::ffff:10.1.2.3", "private")]
    [InlineData("::ffff:169.254.169.254", "link-local (cloud metadata)")]
    [InlineData("::ffff:100.64.0.1", "shared (carrier-grade NAT)")]
    [InlineData("::ffff:0.0.0.0", "unspecified")]
    [InlineData("::ffff:224.0.0.1", "multicast")]
    public void IPv4_mapped_IPv6_addresses_are_judged_as_the_IPv4_address_they_carry(string address, string kind)
    {
        Assert.Equal(kind, NonPublicAddresses.KindOf(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("64:ff9b::7f00:1", "loopback (through NAT64)")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local (cloud metadata) (through NAT64)")]
    [InlineData("2002:7f00:1::1", "loopback (through 6to4)")]
    [InlineData("2002:c0a8:101::1", "private (through 6to4)")]
    public void IPv6_forms_that_carry_a_non_public_IPv4_address_are_not_public(string address, string kind)
    {
        Assert.Equal(kind, NonPublicAddresses.KindOf(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("149.154.167.220")] // api.telegram.org
    [InlineData("100.63.255.255")] // just below carrier-grade NAT
    [InlineData("100.128.0.0")] // just above it
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("223.255.255.255")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2a00:1450:4010:c05::8b")]
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    [InlineData("2002:808:808::1")] // 6to4 of 8.8.8.8
    public void Public_addresses_are_public(string address)
    {
        Assert.Null(NonPublicAddresses.KindOf(IPAddress.Parse(address)));
        Assert.True(NonPublicAddresses.IsPublic(IPAddress.Parse(address)));
    }
}
