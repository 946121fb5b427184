using Bots1C.Domain.Channels;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Diagnostics;

/// <summary>Keeps the messenger's last word on each bot's webhook (the dashboard tiles show it).</summary>
public sealed class BotWebhookStatuses(IDbContextFactory<Bots1CDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Stores the view; true when it reports a delivery error newer than the one stored before.</summary>
    public async Task<bool> SaveAsync(long botId, WebhookView view, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.BotWebhookStatuses.FirstOrDefaultAsync(s => s.BotId == botId, ct);
        if (stored is null)
            db.BotWebhookStatuses.Add(stored = new BotWebhookStatus { BotId = botId });
        var newError = view.LastErrorAt is { } at && stored.LastErrorAt != at;
        stored.CheckedAt = clock.GetUtcNow();
        stored.Failure = view.Failure;
        if (view.Ok)
        {
            stored.Url = view.Url;
            stored.PendingUpdates = view.PendingUpdates;
            stored.LastErrorAt = view.LastErrorAt;
            stored.LastErrorMessage = view.LastErrorMessage;
        }
        await db.SaveChangesAsync(ct);
        return newError;
    }

    public async Task<BotWebhookStatus?> ForBotAsync(long botId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BotWebhookStatuses.AsNoTracking().FirstOrDefaultAsync(s => s.BotId == botId, ct);
    }

    public async Task<Dictionary<long, BotWebhookStatus>> AllAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BotWebhookStatuses.AsNoTracking().ToDictionaryAsync(s => s.BotId, ct);
    }
}
