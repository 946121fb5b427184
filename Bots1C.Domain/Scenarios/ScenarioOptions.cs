namespace Bots1C.Domain.Scenarios;

/// <summary>Settings under <c>Bots1C:Scenarios</c>.</summary>
public sealed class ScenarioOptions
{
    public const string Section = "Bots1C:Scenarios";

    /// <summary>A conversation left this long in the middle of a question returns to idle at its next message.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>The region (ISO 3166 code) of phone numbers customers type without a country code.</summary>
    public string PhoneRegion { get; set; } = PhoneNormalizer.DefaultRegion;

    public const string HttpAllowedHostsKey = Section + ":HttpAllowedHosts";

    /// <summary>Non-public hosts an HTTP step may reach (networks, addresses, host names; docs/scenarios.md), typically
    /// the 1C server on the office network. Public addresses need no listing; everything else is refused.</summary>
    public List<string> HttpAllowedHosts { get; set; } = [];
}
