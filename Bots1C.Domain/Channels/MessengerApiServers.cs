using System.Net;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Outbound;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Channels;

/// <summary>
/// Where a bot's API calls may go. Each call carries the bot's token, so an API server address other than the
/// messenger's own must be listed in <see cref="MessengerOptions.ApiAllowedHosts"/> by host name, or, for an
/// address written as such, by it or its network. The bot card checks this on save, the messenger clients on
/// every request (a bot saved before the rule, or a list changed since).
/// </summary>
public sealed class MessengerApiServers(IOptions<MessengerOptions> options, ChannelAdapters adapters)
{

    private readonly Lazy<OutboundAllowList> _allowList = new(() =>
        OutboundAllowList.Parse(MessengerOptions.ApiAllowedHostsKey, options.Value.ApiAllowedHosts));

    public OutboundAllowList AllowList => _allowList.Value;

    /// <summary>Null when the bot may call this server, else why not and what to change.</summary>
    public string? Refusal(Messenger messenger, Uri server)
    {
        var host = OutboundAllowList.NameOf(server.Host);
        var official = adapters.TraitsOf(messenger)?.ApiHost;
        if (string.Equals(host, official, StringComparison.OrdinalIgnoreCase) || AllowList.AllowsName(host)
            || IPAddress.TryParse(host, out var address) && AllowList.AllowsAddress(address))
            return null;
        var own = official is null ? $"{messenger} has no API server of its own" : $"{messenger}'s own API server is {official}";
        return $"The bot's token would be sent to {host}, and {own}. To use another server, add its host name or network (CIDR) "
            + $"to the setting {MessengerOptions.ApiAllowedHostsKey}.";
    }
}

/// <summary>Stops a messenger client's request to an API server <see cref="MessengerApiServers"/> does not allow,
/// before anything (the token in the path or a header) leaves.</summary>
public sealed class MessengerApiServerCheck(MessengerApiServers servers, Messenger messenger) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.RequestUri is { } uri && servers.Refusal(messenger, uri) is { } refusal)
            throw new HttpRequestException(refusal, new OutboundRefusedException(refusal));
        return base.SendAsync(request, ct);
    }
}
