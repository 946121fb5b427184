using Bots1C.Domain.Channels;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Conversations;

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

public sealed record ConversationSummary(long Id, long BotId, Contact Contact, string ChatId, DateTimeOffset CreatedAt, DateTimeOffset LastMessageAt);

/// <summary>Reads conversations and messages for the API and the screens: always a page, never a whole history.</summary>
public class ConversationQueries(IDbContextFactory<Bots1CDbContext> dbFactory)
{
    public const int MaxPageSize = 200;

    public async Task<Page<ConversationSummary>> ConversationsAsync(long? botId, long? contactId, int page, int pageSize, CancellationToken ct = default)
    {
        (page, pageSize) = Normalise(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Conversations.AsNoTracking().Include(c => c.Contact).AsQueryable();
        if (botId is { } bot)
            query = query.Where(c => c.BotId == bot);
        if (contactId is { } contact)
            query = query.Where(c => c.ContactId == contact);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new(items.Select(c => new ConversationSummary(c.Id, c.BotId, c.Contact, c.ChatId, c.CreatedAt, c.LastMessageAt)).ToList(),
            total, page, pageSize);
    }

    public async Task<bool> ConversationExistsAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Conversations.AnyAsync(c => c.Id == id, ct);
    }

    /// <summary>Newest first.</summary>
    public async Task<Page<Message>> MessagesAsync(long conversationId, int page, int pageSize, CancellationToken ct = default)
    {
        (page, pageSize) = Normalise(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new(items, total, page, pageSize);
    }

    public async Task<Message?> MessageAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
    }

    public async Task<long?> ConversationOfContactAsync(long contactId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Conversations.Where(c => c.ContactId == contactId).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The conversation of one messenger user with one bot, if they have written yet.</summary>
    public async Task<long?> ConversationOfUserAsync(long botId, string externalUserId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Conversations.Where(c => c.BotId == botId && c.Contact.ExternalUserId == externalUserId)
            .Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The latest messages the customer sees, oldest first (what a chat window shows on opening): operators'
    /// notes and the dialog's own events stay inside the app.</summary>
    public async Task<IReadOnlyList<Message>> LatestMessagesAsync(long conversationId, int count, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.Direction != MessageDirection.Internal)
            .OrderByDescending(m => m.Id).Take(Math.Clamp(count, 1, MaxPageSize)).ToListAsync(ct);
        latest.Reverse();
        return latest;
    }

    /// <summary>Whether one of the conversation's latest <paramref name="recent"/> bot messages offered a Callback button
    /// with this payload and text. The web chat checks a press against it, so a visitor cannot invent payloads
    /// (Telegram gives the same guarantee: callback_data only comes from buttons the bot sent).</summary>
    public async Task<bool> OffersCallbackAsync(long conversationId, string payload, string text, int recent, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var withButtons = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.Outgoing && m.ButtonsJson != null)
            .OrderByDescending(m => m.Id).Take(Math.Clamp(recent, 1, MaxPageSize)).ToListAsync(ct);
        return withButtons.Any(m => Outbox.ButtonsOf(m).Any(b => b.Kind == ButtonKind.Callback && b.Payload == payload && b.Text == text));
    }

    private static (int, int) Normalise(int page, int pageSize) => (Math.Max(1, page), Math.Clamp(pageSize, 1, MaxPageSize));
}
