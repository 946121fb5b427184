using System.Net;
using Bots1C.Domain.Outbound;

namespace Bots1C.Domain.Channels.WhatsApp;

/// <summary>
/// The media URL a <c>GET /&lt;media id&gt;</c> names is fetched with the bot's token, so only Meta's media host may get
/// it (checked by name, before anything leaves), or a host an administrator listed (a test fake, a relay). Redirects are
/// not followed by that client: a redirect would carry the token along to wherever it points.
/// </summary>
public sealed class WhatsAppMediaHostCheck(OutboundAllowList allowList) : DelegatingHandler
{
    /// <summary>Where Meta serves WhatsApp media (<c>https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=…</c>).</summary>
    public static readonly IReadOnlySet<string> MediaHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "lookaside.fbsbx.com" };

    /// <summary>Null when the token may go to this address, else why not.</summary>
    public static string? Refusal(Uri url, OutboundAllowList allowList)
    {
        var host = OutboundAllowList.NameOf(url.Host);
        if (MediaHosts.Contains(host) || allowList.AllowsName(host) || IPAddress.TryParse(host, out var address) && allowList.AllowsAddress(address))
            return null;
        return $"WhatsApp named a media address on {host}, which is not Meta's media host ({string.Join(", ", MediaHosts)}); the token was not sent there.";
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.RequestUri is { } uri && Refusal(uri, allowList) is { } refusal)
            throw new HttpRequestException(refusal, new OutboundRefusedException(refusal));
        return base.SendAsync(request, ct);
    }
}
