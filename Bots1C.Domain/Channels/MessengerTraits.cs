using System.Text.RegularExpressions;

namespace Bots1C.Domain.Channels;

/// <summary>
/// What a messenger allows and offers, stated once by its adapter (<see cref="IChannelAdapter.Traits"/>). The outbox's
/// pacer, the bot validator, the file checks and the API-server guard read these instead of switching on the messenger,
/// so a new messenger brings its own numbers with it.
/// </summary>
public sealed record MessengerTraits
{
    /// <summary>The sending limits we keep to before the messenger has to tell us; null: none (we wait only when it asks).</summary>
    public SendPacing? Pacing { get; init; }

    /// <summary>The largest file the messenger takes from a bot (the app's own limit for stored files may be lower).</summary>
    public required long MaxSendFileBytes { get; init; }

    /// <summary>The largest customer's file a bot can fetch from the messenger; 0 when customers cannot send files.</summary>
    public required long MaxDownloadFileBytes { get; init; }

    /// <summary>The longest text message the messenger takes, in UTF-16 units.</summary>
    public required int MaxTextLength { get; init; }

    /// <summary>The longest caption of a file; 0 when a file message carries no caption.</summary>
    public required int MaxCaptionLength { get; init; }

    /// <summary>What the bot's token looks like; null: the channel has no token (the web chat).</summary>
    public TokenFormat? Token { get; init; }

    /// <summary>The only ports the messenger calls a webhook on; null: any port.</summary>
    public IReadOnlyList<int>? WebhookPorts { get; init; }

    /// <summary>The button kinds the messenger shows (a kind left out is dropped or turned into another by the adapter).</summary>
    public required IReadOnlySet<ButtonKind> Buttons { get; init; }

    /// <summary>Can a button ask the customer's messenger for their own phone number? By default: the messenger shows
    /// share-phone buttons. A messenger that answers a phone request in its own way (WhatsApp: a reply button whose press
    /// carries the sender's number) says so; where none can, the scenario's phone step asks the customer to type it.</summary>
    public bool CanRequestPhone
    {
        get => _canRequestPhone ?? Buttons.Contains(ButtonKind.SharePhone);
        init => _canRequestPhone = value;
    }

    private readonly bool? _canRequestPhone;

    /// <summary>The messenger's own API host, the one server a bot's token may go to unless another is listed; null: the
    /// channel has no API (the web chat is this app).</summary>
    public string? ApiHost { get; init; }

    /// <summary>The id a bot needs besides its token (VK's community id, WhatsApp's phone number id, Jivo's provider id):
    /// required in this shape; null: the messenger needs none (the bot card then shows the optional "Extra ID").</summary>
    public TokenFormat? ExtraId { get; init; }

    /// <summary>The messenger signs its calls with a secret of its own besides the token (WhatsApp's App Secret), which the
    /// bot card asks for and keeps encrypted.</summary>
    public bool NeedsAppSecret { get; init; }

    /// <summary>The messenger proves the address with a confirmation string (VK) that may be typed on the bot card.</summary>
    public bool TakesConfirmationCode { get; init; }

    /// <summary>The administrator pastes the bot's webhook secret into the messenger's own settings (VK's secret key,
    /// WhatsApp's verify token), so the bot card shows it to administrators.</summary>
    public bool AdminCopiesWebhookSecret { get; init; }

    /// <summary>The app can tell the messenger where to send updates through its API (Telegram, Viber, MAX, VK); false when
    /// the administrator sets the address in the messenger's own dashboard (WhatsApp) or asks the messenger (JivoChat).</summary>
    public bool WebhookSetByApi { get; init; } = true;

    /// <summary>The messenger has its own live agents a conversation can be handed to (JivoChat).</summary>
    public bool HasOwnAgents { get; init; }
}

/// <summary>At most one message per <see cref="PerChat"/> to one chat, and <see cref="PerBotPerSecond"/> a second from one bot.</summary>
public sealed record SendPacing(TimeSpan PerChat, int PerBotPerSecond);

/// <summary>A token's (or an id's) shape, checked when a bot is saved; <see cref="Hint"/> says it in English (the UI words the
/// error code <c>TokenFormat</c> in the reader's language).</summary>
public sealed record TokenFormat(Regex Pattern, string Hint)
{
    public bool Matches(string token) => Pattern.IsMatch(token.Trim());
}
