using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Scenarios;

namespace Bots1C.Web.Endpoints.Api;

/// <summary>A bot as sent by API callers. Every field is optional here so that a missing one is reported by
/// the validator by name, not as an unreadable body.</summary>
/// <remarks>PUT replaces every field but the token: send the scenario fields back as GET returned them (absent = none).</remarks>
public sealed record BotRequest(
    string? Name, Messenger? Messenger, string? Token, string? ExtraId, string? PublicBaseUrl,
    string? ApiServerUrl, BotState? State, string? AllowedOrigins,
    long? MainMenuScenarioId = null, long? NotMatchedScenarioId = null, IReadOnlyList<long>? ScenarioIds = null,
    string? AppSecret = null, string? ConfirmationCode = null, bool? HandOverToMessengerAgents = null)
{
    public BotScenarioChoice ToScenarioChoice() => new(MainMenuScenarioId, NotMatchedScenarioId, ScenarioIds ?? []);

    /// <summary>False when the request leaves all three scenario fields out (e.g. a script written before they
    /// existed): then an update keeps the bot's scenarios instead of clearing them.</summary>
    public bool NamesScenarios => MainMenuScenarioId is not null || NotMatchedScenarioId is not null || ScenarioIds is not null;

    // An absent messenger becomes an out-of-range value, which the validator names "messenger".
    public BotInput ToInput() => new()
    {
        Name = Name ?? "",
        Messenger = Messenger ?? (Messenger)(-1),
        Token = Token,
        ExtraId = ExtraId,
        PublicBaseUrl = PublicBaseUrl ?? "",
        ApiServerUrl = ApiServerUrl,
        State = State ?? BotState.Active,
        AllowedOrigins = AllowedOrigins,
        AppSecret = AppSecret,
        ConfirmationCode = ConfirmationCode,
        HandOverToMessengerAgents = HandOverToMessengerAgents ?? false,
    };
}

public sealed record BotStatusResponse(ConnectionStatus State, string? Reason, DateTimeOffset? CheckedAt);

public sealed record BotResponse(
    long Id, string Name, Messenger Messenger, string Token, string? ExtraId, string PublicBaseUrl,
    string? ApiServerUrl, BotState State, string WebhookUrl, string? EmbedSnippet, string? AllowedOrigins, BotStatusResponse Status,
    long? MainMenuScenarioId, long? NotMatchedScenarioId, IReadOnlyList<long> ScenarioIds,
    bool AppSecretSet, string? ConfirmationCode, bool HandOverToMessengerAgents)
{
    public static BotResponse From(BotView b, BotScenarioChoice? scenarios) => new(b.Id, b.Name, b.Messenger, b.TokenMasked, b.ExtraId, b.PublicBaseUrl,
        b.ApiServerUrl, b.State, b.WebhookUrl, b.EmbedSnippet, b.AllowedOrigins, new BotStatusResponse(b.Status, b.StatusReason, b.StatusCheckedAt),
        scenarios?.MainMenuScenarioId, scenarios?.NotMatchedScenarioId, scenarios?.ScenarioIds ?? [],
        b.AppSecretSet, b.ConfirmationCode, b.HandOverToMessengerAgents);
}

public sealed record ConnectionResponse(bool Ok, string? Reason);

public sealed record ButtonRequest(ButtonKind Kind, string Text, string? Payload);

/// <summary>A file sent through the API, its bytes in base64 (what 1C's Base64String() gives).</summary>
public sealed record FileRequest(string? Name, string? MimeType, string? ContentBase64);

/// <summary>Send to a contact (its conversation with its bot) or straight to a conversation; with a file the text is its caption.</summary>
public sealed record SendMessageRequest(long? ContactId, long? ConversationId, string? Text, IReadOnlyList<ButtonRequest>? Buttons, FileRequest? File = null);

public sealed record MessageAccepted(long Id, long ConversationId, DeliveryState State);

public sealed record MessageResponse(
    long Id, long ConversationId, MessageDirection Direction, MessageKind Kind, string? Text, string? FileName,
    string? ButtonData, string? Author, DeliveryState? DeliveryState, string? FailureReason, string? ExternalMessageId,
    DateTimeOffset CreatedAt, DateTimeOffset? MessengerAt)
{
    public static MessageResponse From(Message m) => new(m.Id, m.ConversationId, m.Direction, m.Kind, m.Text, m.FileName,
        m.ButtonData, m.Author, m.DeliveryState, m.FailureReason, m.ExternalMessageId, m.CreatedAt, m.MessengerAt);
}

public sealed record ContactResponse(long Id, string ExternalUserId, string DisplayName, string? Username, string? Phone,
    string? Email, string? LanguageCode, bool IsBlocked)
{
    public static ContactResponse From(Contact c) =>
        new(c.Id, c.ExternalUserId, c.DisplayName, c.Username, c.Phone, c.Email, c.LanguageCode, c.IsBlocked);
}

public sealed record ConversationResponse(long Id, long BotId, ContactResponse Contact, DateTimeOffset CreatedAt, DateTimeOffset LastMessageAt)
{
    public static ConversationResponse From(ConversationSummary c) =>
        new(c.Id, c.BotId, ContactResponse.From(c.Contact), c.CreatedAt, c.LastMessageAt);
}

public sealed record PageResponse<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
