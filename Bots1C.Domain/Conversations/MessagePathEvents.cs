using Bots1C.Domain.Bots;
using Bots1C.Domain.EventLog;

namespace Bots1C.Domain.Conversations;

/// <summary>What the message path writes to the event log: refused webhook calls, updates it could not process,
/// messages not delivered (see <see cref="EventDetail"/>). A refusal says what was answered and to whom.</summary>
public static class MessagePathEvents
{
    public static EventDetail WebhookUnknownBot(int status, string from) =>
        Refused("WebhookUnknownBot", null, "A webhook call named a bot key that does not exist.", status, from);

    public static EventDetail WebhookNoAdapter(Messenger messenger, int status, string from) =>
        Refused("WebhookNoAdapter", null, $"{messenger} bots do not receive webhooks.", status, from, ("messenger", messenger));

    public static EventDetail WebhookTooLarge(int maxBytes, int status, string from) =>
        Refused("WebhookTooLarge", null, $"A webhook call was larger than {maxBytes} bytes.", status, from, ("maxBytes", maxBytes));

    public static EventDetail WebhookNotUtf8(int status, string from) =>
        Refused("WebhookMalformed", "NotUtf8", "A webhook call was not valid UTF-8.", status, from);

    public static EventDetail WebhookNoUpdate(int status, string from) =>
        Refused("WebhookMalformed", "NoUpdate", "A webhook call did not contain a valid update.", status, from);

    public static EventDetail WebhookNotGenuine(int status, string from) =>
        Refused("WebhookNotGenuine", null, "A webhook call failed the messenger's secret or signature check.", status, from);

    public static EventDetail WebhookNoVerifyToken(int status, string from) =>
        Refused("WebhookNotGenuine", "VerifyToken", "A webhook verification request did not carry the bot's verify token.", status, from);

    public static EventDetail UpdateUnreadable(string externalId, string? error) =>
        new("UpdateUnreadable", $"Update {externalId} was kept but not processed: {error}", ("update", externalId), ("reason", error));

    public static EventDetail UpdateFailed(string externalId, int attempts, string error) =>
        new("UpdateFailed", $"Update {externalId} could not be processed after {attempts} attempts: {error}",
            ("update", externalId), ("attempts", attempts), ("reason", error));

    public static EventDetail DeliveryFailed(string chatId, string? reason) =>
        new("DeliveryFailed", $"A message to chat {chatId} was not delivered: {reason}", ("chat", chatId), ("reason", reason));

    private static EventDetail Refused(string code, string? variant, string english, int status, string from,
        params (string Name, object? Value)[] args) =>
        new(code, variant, $"{english} Answered {status}. From {from}.", [.. args, ("status", status), ("from", from)]);
}
