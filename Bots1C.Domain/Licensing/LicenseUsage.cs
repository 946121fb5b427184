using Bots1C.Domain.Bots;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Licensing;

public sealed record BotUsage(long BotId, string Name, Messenger Messenger, BotState State, string PublicBaseUrl, int ServedContacts, int RefusedContacts);

public sealed record LicenseUse(int ActiveBots, IReadOnlyList<BotUsage> Bots)
{
    public int MostContactsOfABot => Bots.Count == 0 ? 0 : Bots.Max(b => b.ServedContacts);
    public int RefusedContacts => Bots.Sum(b => b.RefusedContacts);
}

/// <summary>What is in use against the license's limits (the license page, the dashboard).</summary>
public class LicenseUsage(IDbContextFactory<Bots1CDbContext> dbFactory)
{
    public async Task<LicenseUse> MeasureAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bots = await db.Bots.AsNoTracking().Where(b => b.State != BotState.MarkedForDeletion).OrderBy(b => NameOrder.Key(b.Name))
            .Select(b => new { b.Id, b.Name, b.Messenger, b.State, b.PublicBaseUrl }).ToListAsync(ct);
        var contacts = await db.Contacts.AsNoTracking().GroupBy(c => new { c.BotId, Refused = c.LicenseRefusal != null })
            .Select(g => new { g.Key.BotId, g.Key.Refused, Count = g.Count() }).ToListAsync(ct);
        int Count(long botId, bool refused) => contacts.FirstOrDefault(c => c.BotId == botId && c.Refused == refused)?.Count ?? 0;
        var usage = bots.Select(b => new BotUsage(b.Id, b.Name, b.Messenger, b.State, b.PublicBaseUrl, Count(b.Id, false), Count(b.Id, true))).ToList();
        return new LicenseUse(usage.Count(b => b.State == BotState.Active), usage);
    }

    /// <summary>The webhooks a working license can be requested for: those of active bots with a public address, as in
    /// the original (a drop-down, to avoid typos in the one value a working license is bound to).</summary>
    public async Task<IReadOnlyList<string>> WebhookChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var urls = await db.Bots.AsNoTracking().Where(b => b.State == BotState.Active && b.PublicBaseUrl != "")
            .Select(b => b.PublicBaseUrl).Distinct().ToListAsync(ct);
        return urls.Where(u => Uri.TryCreate(u, UriKind.Absolute, out _)).Order(StringComparer.Ordinal).ToList();
    }
}
