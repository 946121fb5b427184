namespace Bots1C.Domain.Channels;

/// <summary>A reason this app words itself (not a messenger's own text), known by its code.</summary>
public sealed record KnownReason(string Code, string English);

/// <summary>
/// The reasons the app stores in English (event log, API, delivery states) and the pages show in the reader's language:
/// a page recognises a stored reason by the English sentence in it and shows its translation, with whatever came
/// before it ("VK did not give the file: ") and after it (an error number, the messenger's own words). Wording one of these differently breaks the
/// translation of reasons already stored, so they change only together with their resx entries (Reason.{Code}).
/// </summary>
public static class KnownReasons
{
    public static readonly KnownReason NameNotResolved = new(nameof(NameNotResolved),
        "The messenger's server name cannot be resolved: check this server's DNS and internet connection.");
    public static readonly KnownReason CannotConnect = new(nameof(CannotConnect),
        "This server cannot connect to the messenger's server: check its internet connection, firewall and proxy.");
    public static readonly KnownReason SecureConnectionFailed = new(nameof(SecureConnectionFailed),
        "The secure connection to the messenger's server failed: its certificate is not trusted on this server, or something between them intercepts the connection.");
    public static readonly KnownReason TimedOut = new(nameof(TimedOut),
        "The messenger's server did not answer in time.");
    public static readonly KnownReason ConnectionBroken = new(nameof(ConnectionBroken),
        "The connection to the messenger's server broke off before its answer arrived.");
    public static readonly KnownReason Unreachable = new(nameof(Unreachable),
        "The messenger's server could not be reached.");
    /// <summary>Followed by the HTTP status and a full stop.</summary>
    public static readonly KnownReason ServerAnswered = new(nameof(ServerAnswered),
        "The messenger's server answered with an error: HTTP ");
    public static readonly KnownReason NotATelegramToken = new(nameof(NotATelegramToken),
        "The bot token is not a Telegram token");
    public static readonly KnownReason NoWebhookSecret = new(nameof(NoWebhookSecret),
        "The bot has no webhook secret");
    public static readonly KnownReason NothingToSend = new(nameof(NothingToSend),
        "Nothing to send: the message has no text and no file");
    public static readonly KnownReason WhatsAppWindowClosed = new(nameof(WhatsAppWindowClosed),
        "WhatsApp allows replies only within 24 hours of the customer's last message; after that only an approved template message can be sent.");

    public static readonly IReadOnlyList<KnownReason> All =
    [
        NameNotResolved, CannotConnect, SecureConnectionFailed, TimedOut, ConnectionBroken, Unreachable, ServerAnswered,
        NotATelegramToken, NoWebhookSecret, NothingToSend, WhatsAppWindowClosed,
    ];

    /// <summary>The known reason in <paramref name="text"/>, with what comes before and after it; null for any other text.</summary>
    public static (string Before, KnownReason Reason, string After)? Recognise(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        foreach (var reason in All)
            if (text.IndexOf(reason.English, StringComparison.Ordinal) is var at and >= 0)
                return (text[..at], reason, text[(at + reason.English.Length)..]);
        return null;
    }
}
