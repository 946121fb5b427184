using System.Net;
using Bots1C.Web.Composition;

namespace Bots1C.Tests.Web.Accounts;

/// <summary>The address the sign-in limits count by (pure function: nothing is sent to these addresses).</summary>
public class ClientAddressTests
{
    [Fact]
    public void Addresses_of_one_IPv6_64_network_count_as_one()
    {
        Assert.Equal("2001:db8:1:2::/64", ClientAddress.Of(IPAddress.Parse("2001:db8:1:2::1")));
        Assert.Equal("2001:db8:1:2::/64", ClientAddress.Of(IPAddress.Parse("2001:db8:1:2:ffff:abcd:1234:5678")));
        Assert.Equal("2001:db8:1:3::/64", ClientAddress.Of(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void An_IPv4_address_counts_as_itself_also_when_mapped_into_IPv6()
    {
        Assert.Equal("127.0.0.2", ClientAddress.Of(IPAddress.Parse("127.0.0.2")));
        Assert.Equal("127.0.0.2", ClientAddress.Of(IPAddress.Parse("::ffff:127.0.0.2")));
    }
}
