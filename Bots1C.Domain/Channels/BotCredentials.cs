using Bots1C.Domain.Bots;

namespace Bots1C.Domain.Channels;

/// <summary>What an adapter needs to talk to a messenger as one bot. The token is already decrypted:
/// never log this record.</summary>
public sealed record BotCredentials(
    long BotId,
    string Name,
    Messenger Messenger,
    string Token,
    string? ExtraId,
    string? ApiServerUrl,
    string? WebhookSecret)
{
    /// <summary>A second secret the messenger signs with (WhatsApp's App Secret), decrypted; null when the bot has none.</summary>
    public string? AppSecret { get; init; }

    /// <summary>VK: the confirmation string typed on the bot card; null: ask VK's API.</summary>
    public string? ConfirmationCode { get; init; }

    /// <summary>JivoChat: hand a conversation to Jivo's own agents rather than to this app's operators.</summary>
    public bool HandOverToMessengerAgents { get; init; }

    public override string ToString() => $"Bot {BotId} ({Messenger})";
}
