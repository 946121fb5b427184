using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Operators;

public enum ConversationTab
{
    Waiting,
    Mine,
    AllOpen,
    Closed,
}

public sealed record ConversationFilter(ConversationTab Tab, string UserId, long? BotId = null, Messenger? Messenger = null, string? Search = null);

/// <summary>One line of the dialog list: everything it shows comes from this one query (no per-row look-ups).</summary>
public sealed record ConversationRow(
    long Id, long BotId, string BotName, Messenger Messenger,
    long ContactId, string ContactName, string? Username, string? Phone,
    string? Preview, DateTimeOffset LastMessageAt, int Unread,
    ConversationMode Mode, string? AssignedUserId, string? AssignedName, bool IsClosed);

public sealed record ConversationListPage(IReadOnlyList<ConversationRow> Rows, bool HasMore);

public sealed record TabCounts(int Waiting, int Mine);

/// <summary>The operators' dialog list and a dialog's history, always a page at a time.</summary>
public sealed class ConversationList(IDbContextFactory<Bots1CDbContext> dbFactory)
{
    public const int MaxTake = 200;

    public async Task<ConversationListPage> ListAsync(ConversationFilter filter, int skip, int take, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxTake);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filtered(db, filter);
        var rows = await (
                from c in query
                join b in db.Bots on c.BotId equals b.Id
                join u in db.Users on c.AssignedUserId equals u.Id into assigned
                from u in assigned.DefaultIfEmpty()
                orderby c.LastMessageAt descending, c.Id descending
                select new
                {
                    c.Id, c.BotId, BotName = b.Name, b.Messenger, c.ContactId, c.Contact.FirstName, c.Contact.LastName, c.Contact.Username,
                    c.Contact.ExternalUserId, c.Contact.Phone, c.LastMessagePreview, c.LastMessageAt, c.UnreadCount, c.Mode,
                    c.AssignedUserId, AssignedName = u == null ? null : u.DisplayName, c.IsClosed,
                })
            .Skip(Math.Max(0, skip)).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).Select(r => new ConversationRow(r.Id, r.BotId, r.BotName, r.Messenger, r.ContactId,
            new Contact { FirstName = r.FirstName, LastName = r.LastName, Username = r.Username, ExternalUserId = r.ExternalUserId }.DisplayName,
            r.Username, r.Phone, r.LastMessagePreview, r.LastMessageAt, r.UnreadCount, r.Mode, r.AssignedUserId, r.AssignedName, r.IsClosed)).ToList();
        return new ConversationListPage(page, rows.Count > take);
    }

    public async Task<TabCounts> CountsAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var waiting = await db.Conversations.CountAsync(c => !c.IsClosed && c.Mode == ConversationMode.WaitingForOperator && c.AssignedUserId == null, ct);
        var mine = await db.Conversations.CountAsync(c => !c.IsClosed && c.AssignedUserId == userId, ct);
        return new TabCounts(waiting, mine);
    }

    /// <summary>Up to <paramref name="take"/> messages before <paramref name="beforeId"/> (or the latest), oldest first.</summary>
    public async Task<(IReadOnlyList<Message> Messages, bool HasOlder)> HistoryAsync(long conversationId, long? beforeId, int take,
        CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxTake);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId);
        if (beforeId is { } before)
            query = query.Where(m => m.Id < before);
        var newestFirst = await query.OrderByDescending(m => m.Id).Take(take + 1).ToListAsync(ct);
        var page = newestFirst.Take(take).Reverse().ToList();
        return (page, newestFirst.Count > take);
    }

    public async Task<Message?> MessageAsync(long messageId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, ct);
    }

    /// <summary>The dialog with its contact, the contact's counterparty and who has it, for the chat header and the contact panel.</summary>
    public async Task<ConversationDetails?> DetailsAsync(long conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (
                from c in db.Conversations.AsNoTracking()
                join b in db.Bots on c.BotId equals b.Id
                join u in db.Users on c.AssignedUserId equals u.Id into assigned
                from u in assigned.DefaultIfEmpty()
                where c.Id == conversationId
                select new ConversationDetails(c, c.Contact, c.Contact.Counterparty, b.Name, b.Messenger, u == null ? null : u.DisplayName))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The scenarios a bot runs (not drafts), to return a dialog into one.</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> ScenariosOfBotAsync(long botId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.BotScenarios.Where(b => b.BotId == botId)
            .Join(db.Scenarios, b => b.ScenarioId, s => s.Id, (_, s) => s)
            .Where(s => s.IsEnabled && !s.IsDraft).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        return found.OrderBy(s => s.Name, NameOrder.Comparer).Select(s => (s.Id, s.Name)).ToList();
    }

    /// <summary>The bots to filter the list by.</summary>
    public async Task<IReadOnlyList<(long Id, string Name, Messenger Messenger)>> BotsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bots = await db.Bots.Where(b => b.State != BotState.MarkedForDeletion).Select(b => new { b.Id, b.Name, b.Messenger }).ToListAsync(ct);
        return bots.OrderBy(b => b.Name, NameOrder.Comparer).Select(b => (b.Id, b.Name, b.Messenger)).ToList();
    }

    private static IQueryable<Conversation> Filtered(Bots1CDbContext db, ConversationFilter filter)
    {
        var query = db.Conversations.AsNoTracking();
        query = filter.Tab switch
        {
            ConversationTab.Waiting => query.Where(c => !c.IsClosed && c.Mode == ConversationMode.WaitingForOperator && c.AssignedUserId == null),
            ConversationTab.Mine => query.Where(c => !c.IsClosed && c.AssignedUserId == filter.UserId),
            ConversationTab.AllOpen => query.Where(c => !c.IsClosed),
            _ => query.Where(c => c.IsClosed),
        };
        if (filter.BotId is { } bot)
            query = query.Where(c => c.BotId == bot);
        if (filter.Messenger is { } messenger)
            query = query.Where(c => db.Bots.Any(b => b.Id == c.BotId && b.Messenger == messenger));
        // Contacts first, then their dialogs: walking dialogs by activity and testing each contact would read every
        // open dialog when few contacts match (docs/benchmarks.md).
        if (SearchKey(filter.Search) is { } key)
            query = query.Where(c => db.Contacts.Where(k => k.SearchText.Contains(key)).Select(k => k.Id).Contains(c.ContactId));
        return query;
    }

    /// <summary>Lower case; a phone typed the Russian way ("8 912 345-67") is searched by its digits as stored (+7912…).</summary>
    public static string? SearchKey(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
            return null;
        var trimmed = search.Trim();
        if (trimmed.All(ch => char.IsDigit(ch) || ch is ' ' or '-' or '(' or ')' or '+'))
        {
            var digits = new string(trimmed.Where(char.IsDigit).ToArray());
            if (digits.Length == 11 && digits[0] == '8')
                digits = "7" + digits[1..];
            if (digits.Length >= 3)
                return digits;
        }
        return trimmed.ToLowerInvariant();
    }
}

public sealed record ConversationDetails(Conversation Conversation, Contact Contact, Counterparties.Counterparty? Counterparty, string BotName, Messenger Messenger, string? AssignedName);
