using System.Globalization;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Licensing;
using Bots1C.Domain.Operators;
using Bots1C.Domain.Scenarios.Templates;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.FirstRun;

/// <summary>The demo web-chat bot as the wizard and the <c>/demo</c> page see it.</summary>
public sealed record DemoBot(long Id, string Name, string BotKey, string PublicBaseUrl, BotState State, long? MainMenuScenarioId)
{
    public string WidgetScript => $"{PublicBaseUrl.TrimEnd('/')}/assets/webchat.js";
}

public sealed record DemoBotOutcome(DemoBot? Bot, bool Created, LicenseRefusal? LicenseRefusal, IReadOnlyList<string> Problems);

/// <summary>Where the newcomer stands: the demo bot's dialogs, and how many wait for an operator.</summary>
/// <param name="OperatorTookOver">An operator has taken over one of the demo's dialogs at some point: the tour's operator
/// step stays done when that dialog is closed or returned to the bot afterwards.</param>
public sealed record DemoProgress(int Conversations, int Waiting, int WithOperator, long? FirstWaitingConversationId, bool OperatorTookOver);

/// <summary>
/// The welcome wizard's second step: one web-chat bot served by this app itself, with the shipped scenarios imported
/// and set as its main menu and "not matched". Doing it again finds the same bot and leaves stored scenarios alone
/// (an unchanged template imports as a no-op; one someone has edited is kept, not duplicated).
/// </summary>
public class DemoSetup(IDbContextFactory<Bots1CDbContext> dbFactory, BotCatalog bots, BotCache cache, StarterScenarios starter)
{
    public const string MainMenuKey = StarterScenarios.MainMenuKey;
    public const string NotMatchedKey = StarterScenarios.NotMatchedKey;

    public async Task<DemoBot?> FindAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Bots.AsNoTracking().Where(b => b.IsDemo && b.State != BotState.MarkedForDeletion).OrderBy(b => b.Id)
            .Select(b => new DemoBot(b.Id, b.Name, b.BotKey, b.PublicBaseUrl, b.State, b.MainMenuScenarioId)).FirstOrDefaultAsync(ct);
    }

    /// <param name="baseUrl">Where browsers reach this app (the wizard passes the address it is open at).</param>
    /// <param name="name">The bot's name in the reader's language.</param>
    public async Task<DemoBotOutcome> EnsureAsync(string baseUrl, string name, CultureInfo culture, string actor, CancellationToken ct = default)
    {
        var existing = await FindAsync(ct);
        var created = existing is null;
        long botId;
        if (existing is null)
        {
            var origin = new Uri(baseUrl).GetLeftPart(UriPartial.Authority);
            var change = await bots.CreateAsync(new BotInput
            {
                Name = await FreeNameAsync(name, ct), Messenger = Messenger.WebChat, PublicBaseUrl = baseUrl.TrimEnd('/'),
                State = BotState.Active, AllowedOrigins = origin,
            }, actor, ct);
            if (change.LicenseRefusal is { } refusal)
                return new DemoBotOutcome(null, false, refusal, []);
            if (!change.Succeeded)
                return new DemoBotOutcome(null, false, null, change.Errors.Select(e => e.ErrorMessage).ToList());
            botId = change.Bot!.Id;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Bots.Where(b => b.Id == botId).ExecuteUpdateAsync(s => s.SetProperty(b => b.IsDemo, true), ct);
            cache.Invalidate();
        }
        else
        {
            botId = existing.Id;
        }

        var scenarios = await starter.GiveBotAsync(botId, culture, actor, ct);
        return new DemoBotOutcome(await FindAsync(ct), created, null, scenarios.Problems);
    }

    public async Task<DemoProgress> ProgressAsync(long botId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var dialogs = db.Conversations.AsNoTracking().Where(c => c.BotId == botId);
        return new DemoProgress(
            await dialogs.CountAsync(ct),
            await dialogs.CountAsync(c => c.Mode == ConversationMode.WaitingForOperator && !c.IsClosed, ct),
            await dialogs.CountAsync(c => c.Mode == ConversationMode.WithOperator && !c.IsClosed, ct),
            await dialogs.Where(c => c.Mode == ConversationMode.WaitingForOperator && !c.IsClosed).OrderByDescending(c => c.LastMessageAt)
                .Select(c => (long?)c.Id).FirstOrDefaultAsync(ct),
            await db.Messages.AnyAsync(m => m.Kind == MessageKind.Event && m.Text == ConversationEventCodes.TakenOver
                && dialogs.Any(c => c.Id == m.ConversationId), ct));
    }

    private async Task<string> FreeNameAsync(string name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taken = (await db.Bots.Select(b => b.Name).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Enumerable.Range(1, 100).Select(i => i == 1 ? name : $"{name} {i}").First(n => !taken.Contains(n));
    }
}
