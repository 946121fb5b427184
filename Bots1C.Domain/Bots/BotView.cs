namespace Bots1C.Domain.Bots;

/// <summary>A bot as pages and the API show it: the token only masked.</summary>
public sealed record BotView(
    long Id,
    string Name,
    Messenger Messenger,
    string TokenMasked,
    string? ExtraId,
    string PublicBaseUrl,
    string? ApiServerUrl,
    BotState State,
    string BotKey,
    string WebhookUrl,
    string? EmbedSnippet,
    string? AllowedOrigins,
    ConnectionStatus Status,
    string? StatusReason,
    DateTimeOffset? StatusCheckedAt,
    DateTimeOffset CreatedAt)
{
    /// <summary>Whether a signing secret (WhatsApp's App Secret) is stored; the secret itself is never shown back.</summary>
    public bool AppSecretSet { get; init; }
    public string? ConfirmationCode { get; init; }
    public bool HandOverToMessengerAgents { get; init; }

    public static BotView From(Bot b) => new(b.Id, b.Name, b.Messenger, TokenProtector.Mask(b.TokenHint), b.ExtraId,
        b.PublicBaseUrl, b.ApiServerUrl, b.State, b.BotKey, b.WebhookUrl, b.EmbedSnippet, b.AllowedOrigins, b.Status, b.StatusReason,
        b.StatusCheckedAt, b.CreatedAt)
    {
        AppSecretSet = !string.IsNullOrEmpty(b.ProtectedAppSecret),
        ConfirmationCode = b.ConfirmationCode,
        HandOverToMessengerAgents = b.HandOverToMessengerAgents,
    };
}

/// <summary>The outcome of creating or changing a bot: the bot, or what to fix, or that it is gone.</summary>
public sealed record BotChange(BotView? Bot, IReadOnlyList<FluentValidation.Results.ValidationFailure> Errors, bool NotFound = false,
    Licensing.LicenseRefusal? LicenseRefusal = null)
{
    public bool Succeeded => Bot is not null && Errors.Count == 0;

    /// <summary>The person may not change the bot's settings (a manager: only its scenarios); nothing was changed.</summary>
    public bool Forbidden { get; init; }

    /// <summary>What the messenger calls changed: a new bot, another address, token or API server, or the bot became
    /// active — so its webhook has to be registered (again).</summary>
    public bool WebhookChanged { get; init; }

    public static BotChange Refused(Licensing.LicenseRefusal refusal) => new(null, [], LicenseRefusal: refusal);
    public static BotChange Missing => new(null, [], NotFound: true);
    public static BotChange NotAllowed => new(null, []) { Forbidden = true };
}
