using Bots1C.Domain.EventLog;

namespace Bots1C.Domain.Bots;

/// <summary>What the Bots area writes to the event log (see <see cref="EventDetail"/>). Reasons are the messengers'
/// or the app's own words (<c>Channels/KnownReasons</c>, which the page says in the reader's language); never a token.</summary>
public static class BotEvents
{
    public static EventDetail BotCreated(Messenger messenger) =>
        new("BotCreated", $"Bot created ({EnglishName(messenger)}).", ("messenger", messenger));

    public static EventDetail BotChanged(BotState before, BotState after) => before == after
        ? new("BotChanged", "Bot settings changed.")
        : new("BotChanged", "StateChanged", $"Bot settings changed; state {before} → {after}.", ("stateBefore", before), ("state", after));

    public static EventDetail BotMarkedForDeletion() => new("BotMarkedForDeletion", "Bot marked for deletion.");

    public static EventDetail ConnectionEstablished(string? account) => account is null
        ? new("ConnectionEstablished", "Connection established.")
        : new("ConnectionEstablished", "AsAccount", $"Connection established as {account}.", ("account", account));

    public static EventDetail ConnectionFailed(string? reason) =>
        new("ConnectionFailed", $"The messenger refused the connection: {reason}", ("reason", reason));

    public static EventDetail ConnectionNotCheckable(string? reason) =>
        new("ConnectionNotCheckable", $"The messenger offers no way to check the connection: {reason}", ("reason", reason));

    public static EventDetail WebhookRegistered(string url) =>
        new("WebhookRegistered", $"Webhook registered at {url}.", ("url", url));

    public static EventDetail WebhookRegistrationFailed(string url, string? reason) =>
        new("WebhookRegistrationFailed", $"The messenger refused the webhook {url}: {reason}", ("url", url), ("reason", reason));

    /// <summary>The messenger as people write it in the English message: "WebChat" or "Vk" would be codes.</summary>
    private static string EnglishName(Messenger messenger) => messenger switch
    {
        Messenger.WebChat => "web chat",
        Messenger.Vk => "VK",
        Messenger.Max => "MAX",
        _ => messenger.ToString(),
    };
}
