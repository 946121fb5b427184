namespace Bots1C.Domain.Bots;

public enum ConnectionStatus
{
    Unknown,
    Established,
    Failing,
}

/// <summary>A bot in one messenger (the original's "Chat bots" catalog item).</summary>
public class Bot
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public Messenger Messenger { get; set; }
    /// <summary>The messenger token, encrypted with Data Protection. Never shown back in full.</summary>
    public string ProtectedToken { get; set; } = "";
    /// <summary>The last four characters of the token, so people can tell tokens apart.</summary>
    public string TokenHint { get; set; } = "";
    /// <summary>The extra id some messengers need (e.g. a Viber account id).</summary>
    public string? ExtraId { get; set; }
    /// <summary>Where the messenger reaches this app, with the publication path, case kept as typed.</summary>
    public string PublicBaseUrl { get; set; } = "";
    /// <summary>A self-hosted Bot API server (Telegram), or the messenger API's address in tests.</summary>
    public string? ApiServerUrl { get; set; }
    public BotState State { get; set; }
    /// <summary>The random, unguessable key in the webhook URL. Never the token.</summary>
    public string BotKey { get; set; } = "";
    /// <summary>Telegram's secret_token, checked on every webhook request.</summary>
    public string WebhookSecret { get; set; } = "";
    /// <summary>A second secret the messenger signs its calls with (WhatsApp's App Secret), encrypted like the token;
    /// null when the messenger has none.</summary>
    public string? ProtectedAppSecret { get; set; }
    /// <summary>VK: the string VK's confirmation request must be answered with, as its community settings show it;
    /// null: the adapter asks VK's API for it.</summary>
    public string? ConfirmationCode { get; set; }
    /// <summary>JivoChat: a hand-over invites Jivo's own agents into the chat instead of queuing it for our operators.</summary>
    public bool HandOverToMessengerAgents { get; set; }
    /// <summary>Web chat: the site origins allowed to embed the chat, one per line.</summary>
    public string? AllowedOrigins { get; set; }
    public ConnectionStatus Status { get; set; }
    public string? StatusReason { get; set; }
    public DateTimeOffset? StatusCheckedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Opened by <c>/start</c>, "menu" and End steps that show the menu.</summary>
    public long? MainMenuScenarioId { get; set; }
    /// <summary>Runs when a message matches no trigger.</summary>
    public long? NotMatchedScenarioId { get; set; }
    /// <summary>The welcome wizard's web-chat bot, embedded in the app's own <c>/demo</c> page.</summary>
    public bool IsDemo { get; set; }

    public string WebhookUrl => $"{PublicBaseUrl.TrimEnd('/')}/webhooks/{BotKey}";

    /// <summary>For a web-chat bot: the line a site adds to show the chat.</summary>
    public string? EmbedSnippet => Messenger == Messenger.WebChat
        ? $"<script src=\"{PublicBaseUrl.TrimEnd('/')}/assets/webchat.js\" data-bot=\"{BotKey}\" async></script>"
        : null;
}
