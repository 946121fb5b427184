namespace Bots1C.Domain.Bots;

/// <summary>What a person (bot card) or a program (REST API) sends to create or change a bot.
/// A blank token on change keeps the stored one.</summary>
public sealed record BotInput
{
    public string Name { get; init; } = "";
    public Messenger Messenger { get; init; }
    public string? Token { get; init; }
    public string? ExtraId { get; init; }
    public string PublicBaseUrl { get; init; } = "";
    public string? ApiServerUrl { get; init; }
    public BotState State { get; init; } = BotState.Active;
    public string? AllowedOrigins { get; init; }
    /// <summary>The messenger's signing secret (WhatsApp's App Secret); blank on change keeps the stored one.</summary>
    public string? AppSecret { get; init; }
    /// <summary>VK's confirmation string; blank: the app asks VK's API for it.</summary>
    public string? ConfirmationCode { get; init; }
    /// <summary>JivoChat: a hand-over goes to Jivo's own agents.</summary>
    public bool HandOverToMessengerAgents { get; init; }
    /// <summary>Set when changing a bot: its own name does not count as taken.</summary>
    public long? ExistingId { get; init; }
}
