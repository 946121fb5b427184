using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;

namespace Bots1C.Domain.Diagnostics;

/// <summary>What saving the bot card found: the messenger's answer to the token, and the webhook registration if one was
/// made (null: nothing the messenger calls changed, the bot is not active, or the token was refused).</summary>
public sealed record BotSaveReport(ConnectionOutcome Connection, ConnectionOutcome? Registration);

/// <summary>
/// The bot card's checks, as the original's guide describes them: after the token is entered the status turns green
/// («Связь установлена») or says why not; the webhook of an active bot is registered on save and again whenever its
/// address (or token, or API server) changes; and the messenger's own view of the webhook — its last delivery error —
/// is shown next to the token's state.
/// </summary>
public sealed class BotSaveChecks(BotConnection connection, ChannelAdapters adapters, BotWebhookStatuses statuses, BotHealthMonitor monitor)
{
    public async Task<BotSaveReport?> AfterSaveAsync(BotChange change, string actor, CancellationToken ct = default)
    {
        if (change is not { Succeeded: true, Bot: { } bot })
            return null;
        if (await connection.CheckAsync(bot.Id, actor, ct) is not { } check)
            return null;
        // A refused token would only be refused again by setWebhook: say the reason once and register nothing.
        ConnectionOutcome? registration = null;
        if (check.Ok && bot.State == BotState.Active && adapters.TraitsOf(bot.Messenger) is { ApiHost: not null, WebhookSetByApi: true }
            && (change.WebhookChanged || await NotKnownAtOurAddressAsync(bot, ct)))
            registration = await connection.RegisterWebhookAsync(bot.Id, actor, ct);
        if (check.Ok)
            await monitor.ReadWebhookAsync(bot.Id, actor, ct);
        return new BotSaveReport(check, registration);
    }

    /// <summary>Saved unchanged, but the messenger was never seen sending to this bot's address (a bot made through the API,
    /// a webhook changed by hand in the messenger): register it now rather than leave the bot deaf.</summary>
    private async Task<bool> NotKnownAtOurAddressAsync(BotView bot, CancellationToken ct) =>
        (await statuses.ForBotAsync(bot.Id, ct))?.Url != bot.WebhookUrl;

    /// <summary>Asks the messenger again (after "Check now" or "Register webhook") and returns what it said.</summary>
    public async Task<BotWebhookStatus?> RefreshWebhookStateAsync(long botId, string actor, CancellationToken ct = default)
    {
        await monitor.ReadWebhookAsync(botId, actor, ct);
        return await statuses.ForBotAsync(botId, ct);
    }

    /// <summary>The messenger's last word on the webhook as stored (the card opens without calling the messenger).</summary>
    public Task<BotWebhookStatus?> WebhookStateAsync(long botId, CancellationToken ct = default) => statuses.ForBotAsync(botId, ct);
}
