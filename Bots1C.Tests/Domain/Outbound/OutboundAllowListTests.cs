using System.Net;
using Bots1C.Domain.Outbound;
using Bots1C.Domain.Scenarios;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bots1C.Tests.Domain.Outbound;

/// <summary>How an allow-list setting is read: networks, single addresses and host names, however they are written.</summary>
public sealed class OutboundAllowListTests
{
    private const string Setting = "Bots1C:Scenarios:HttpAllowedHosts";

    private static OutboundAllowList List(params string[] entries) => OutboundAllowList.Parse(Setting, entries);

    [Theory]
    [InlineData("10.0.0.0/8", "10.20.30.40", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("192.168.1.0/24", "192.168.1.200", true)]
    [InlineData("192.168.1.0/24", "192.168.2.1", false)]
    [InlineData("192.168.1.15/24", "192.168.1.200", true)] // a host of the network is read as its base
    [InlineData("192.168.1.20", "192.168.1.20", true)]
    [InlineData("192.168.1.20", "192.168.1.21", false)]
    [InlineData("127.0.0.0/8", "::ffff:127.0.0.1", true)]
    [InlineData("fd00::/8", "fd12::1", true)]
    [InlineData("::1", "::1", true)]
    [InlineData("[::1]", "::1", true)]
    [InlineData("::1", "127.0.0.1", false)]
    public void Networks_and_addresses_allow_what_they_contain(string entry, string address, bool allowed)
    {
        Assert.Equal(allowed, List(entry).AllowsAddress(IPAddress.Parse(address)));
    }

    [Fact]
    public void Host_names_match_exactly_with_case_and_a_trailing_dot_aside()
    {
        var list = List("1C.Office.lan.");

        Assert.True(list.AllowsName("1c.office.lan"));
        Assert.True(list.AllowsName("1C.OFFICE.LAN"));
        Assert.False(list.AllowsName("evil.1c.office.lan"));
        Assert.False(list.AllowsName("office.lan"));
    }

    [Fact]
    public void One_entry_may_hold_several_separated_by_commas_semicolons_or_spaces()
    {
        var list = List("10.0.0.0/8, 1c.office.lan;192.168.5.5 erp.lan");

        Assert.True(list.AllowsAddress(IPAddress.Parse("10.9.9.9")));
        Assert.True(list.AllowsAddress(IPAddress.Parse("192.168.5.5")));
        Assert.True(list.AllowsName("1c.office.lan"));
        Assert.True(list.AllowsName("erp.lan"));
    }

    [Fact]
    public void An_empty_list_allows_nothing_but_remembers_its_setting()
    {
        var list = List();

        Assert.False(list.AllowsAddress(IPAddress.Loopback));
        Assert.False(list.AllowsName("localhost"));
        Assert.Equal(Setting, list.Setting);
    }

    [Theory]
    [InlineData("127.0.0.1", "Refused 127.0.0.1 (loopback)")]
    [InlineData("localhost", "Refused localhost → 127.0.0.1 (loopback)")]
    public void A_refusal_names_the_host_what_it_resolved_to_and_the_setting(string host, string start)
    {
        var refusal = OutboundGuard.Refusal(host, [IPAddress.Loopback], Setting);

        Assert.StartsWith(start, refusal);
        Assert.EndsWith($"to the setting {Setting}.", refusal);
    }

    [Theory]
    [InlineData("Bots1C:Scenarios:HttpAllowedHosts:0", "10.0.0.0/8")] // appsettings.json array, or Bots1C__Scenarios__HttpAllowedHosts__0
    [InlineData("Bots1C:Scenarios:HttpAllowedHosts", "10.0.0.0/8,1c.office.lan")] // one environment variable
    public void The_setting_is_read_as_a_list_or_as_one_value(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var collection = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        collection.AddOptions<ScenarioOptions>().BindConfiguration(ScenarioOptions.Section) // as DomainServices registers it
            .WithAllowedHostsAsOneValue(ScenarioOptions.HttpAllowedHostsKey, o => o.HttpAllowedHosts);
        using var services = collection.BuildServiceProvider();

        var hosts = services.GetRequiredService<IOptions<ScenarioOptions>>().Value.HttpAllowedHosts;

        Assert.True(OutboundAllowList.Parse(Setting, hosts).AllowsAddress(IPAddress.Parse("10.1.1.1")));
    }
}
