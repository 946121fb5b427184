using Bots1C.Domain.Channels;

namespace Bots1C.Domain.Bots;

public enum WebhookPortVerdict
{
    /// <summary>Port 443, or a channel no messenger calls (the web chat), or an address that is not one yet.</summary>
    Fine,
    /// <summary>The messenger calls this port, but others call only 443: the guide recommends 443 for every channel.</summary>
    Recommend443,
    /// <summary>The messenger never calls this port (Telegram: 443, 80, 88, 8443; MAX: 443 only).</summary>
    NotCalled,
}

/// <summary>
/// The guide's advice on ports: "some channels work with any port, some only with 443 and 8443, some only with 443 —
/// so work with port 443 only". The bot card and the diagnostics page show it as a warning while the address is typed;
/// the validator refuses only what the messenger itself refuses (<see cref="MessengerTraits.WebhookPorts"/>).
/// </summary>
public static class WebhookPortAdvice
{
    public const int RecommendedPort = 443;

    public static WebhookPortVerdict For(MessengerTraits? traits, string? publicBaseUrl)
    {
        // The web chat has no messenger calling it: its address is the visitor's browser's business.
        if (traits?.ApiHost is null || !Uri.TryCreate(publicBaseUrl?.Trim(), UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            return WebhookPortVerdict.Fine;
        if (traits.WebhookPorts is { } ports && !ports.Contains(url.Port))
            return WebhookPortVerdict.NotCalled;
        return url.Port == RecommendedPort ? WebhookPortVerdict.Fine : WebhookPortVerdict.Recommend443;
    }

    /// <summary>The port the address uses, for the warning's text.</summary>
    public static int? PortOf(string? publicBaseUrl) =>
        Uri.TryCreate(publicBaseUrl?.Trim(), UriKind.Absolute, out var url) ? url.Port : null;
}
