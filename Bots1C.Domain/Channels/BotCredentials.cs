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
    public override string ToString() => $"Bot {BotId} ({Messenger})";
}
