using System.Net;

namespace Bots1C.Domain.Outbound;

/// <summary>
/// Which addresses are not the public internet, after the IANA special-purpose address registries (RFC 6890 and
/// its successors). A URL a person typed must not reach the machine itself, the office network or a cloud's
/// metadata service by naming one of these.
/// </summary>
public static class NonPublicAddresses
{
    private static readonly (IPNetwork Network, string Kind)[] V4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared (carrier-grade NAT)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (cloud metadata)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignment"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation"),
        (IPNetwork.Parse("192.88.99.0/24"), "6to4 relay"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"), // includes the broadcast address 255.255.255.255
    ];

    private static readonly (IPNetwork Network, string Kind)[] V6 =
    [
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "private (local NAT64)"),
        (IPNetwork.Parse("100::/64"), "discard-only"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation"),
        (IPNetwork.Parse("2001::/23"), "IETF protocol assignment"), // Teredo, ORCHID, benchmarking…
        (IPNetwork.Parse("3fff::/20"), "documentation"),
        (IPNetwork.Parse("fc00::/7"), "unique-local (private)"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    /// <summary>Addresses that carry an IPv4 address inside, which is what a packet to them ends up reaching.</summary>
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    /// <summary>Global unicast: the only IPv6 space handed out for the public internet.</summary>
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    /// <summary>What kind of non-public address this is ("loopback", "private" …), or null for a public one.</summary>
    public static string? KindOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            return KindOf(address.MapToIPv4());
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            return V4.FirstOrDefault(r => r.Network.Contains(address)).Kind;

        foreach (var (network, kind) in V6)
            if (network.Contains(address))
                return kind;
        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address) && KindOf(new IPAddress(bytes[12..16])) is { } nat64)
            return $"{nat64} (through NAT64)";
        if (SixToFour.Contains(address) && KindOf(new IPAddress(bytes[2..6])) is { } sixToFour)
            return $"{sixToFour} (through 6to4)";
        // ::/96 (IPv4-compatible), ::ffff:0:0:0/96 (IPv4-translated) and the rest outside 2000::/3 are not handed out.
        return GlobalUnicast.Contains(address) || Nat64.Contains(address) ? null : "reserved";
    }

    public static bool IsPublic(IPAddress address) => KindOf(address) is null;
}
