namespace Bots1C.Domain.Channels;

/// <summary>Settings under <c>Bots1C:Messengers</c>.</summary>
public sealed class MessengerOptions
{
    public const string Section = "Bots1C:Messengers";
    public const string ApiAllowedHostsKey = Section + ":ApiAllowedHosts";

    /// <summary>API servers other than the messengers' own that a bot may use (networks, addresses, host names; a
    /// self-hosted Telegram Bot API server, say). Kept apart from the scenarios' list: a bot sends its token here.</summary>
    public List<string> ApiAllowedHosts { get; set; } = [];
}
