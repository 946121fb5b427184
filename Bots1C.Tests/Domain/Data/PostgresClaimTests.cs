using System.Collections.Concurrent;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Turns;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Tests.Domain.Data;

/// <summary>
/// Per-chat order when several app instances claim from one PostgreSQL database at once (PostgresClaims): many
/// claimers, each with its own connection, race over many chats; none may hold a row of a chat another one holds, or
/// take a row while an older row of its chat is held, and every chat's rows are worked through in arrival order.
/// </summary>
[Trait("Database", "Postgres")]
public sealed class PostgresClaimTests
{
    private const int Chats = 30, RowsPerChat = 8, Claimers = 8, BatchSize = 4;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public Task Inbox_claims_on_postgres_keep_each_chat_to_one_instance_and_in_order() => RaceAsync(new InboxRows());

    [SkippableFact]
    public Task Outbox_claims_on_postgres_keep_each_chat_to_one_instance_and_in_order() => RaceAsync(new OutboxRows());

    private static async Task RaceAsync(IClaimedTable table)
    {
        using var database = TestPostgres.CreateDatabase();
        var options = new DatabaseOptions { Provider = DatabaseKind.Postgres, ConnectionString = database.ConnectionString };
        Bots1CDbContext Open()
        {
            var builder = new DbContextOptionsBuilder<Bots1CDbContext>();
            DatabaseProvider.Configure(builder, options, new DataFolder(Path.GetTempPath()));
            return new Bots1CDbContext(builder.Options);
        }
        await using (var db = Open())
        {
            await db.Database.MigrateAsync();
            var bot = new Bot { Name = "Shop", BotKey = "k", CreatedAt = DateTimeOffset.UtcNow };
            db.Bots.Add(bot);
            await db.SaveChangesAsync();
            // Chats interleaved, as updates arrive: chat 0 row 0, chat 1 row 0, …, chat 0 row 1, …
            for (var row = 0; row < RowsPerChat; row++)
                for (var chat = 0; chat < Chats; chat++)
                    table.Add(db, bot.Id, $"chat{chat}", $"{chat}-{row}");
            await db.SaveChangesAsync();
        }

        var holders = new Dictionary<string, string>();
        var worked = new ConcurrentDictionary<string, ConcurrentQueue<long>>();
        var violations = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource(Deadline);
        async Task ClaimerAsync(int n)
        {
            var me = $"claimer-{n}";
            while (!stop.IsCancellationRequested)
            {
                var claim = $"{me}/{Guid.NewGuid():N}";
                await using var db = Open();
                var now = DateTimeOffset.UtcNow;
                if (await table.ClaimAsync(db, claim, now) == 0)
                {
                    if (await table.PendingAsync(db) == 0)
                        return;
                    await Task.Delay(5);
                    continue;
                }
                var mine = await table.HeldByAsync(db, claim);
                foreach (var (chat, firstId) in mine.GroupBy(r => r.Chat).Select(g => (g.Key, g.Min(r => r.Id))))
                    if (await table.OlderHeldByOthersAsync(db, chat, firstId, claim, now) is { } other)
                        violations.Enqueue($"{claim} took {chat} #{firstId} while {other} held an older row");
                var chats = mine.Select(r => r.Chat).Distinct().ToList();
                lock (holders)
                    foreach (var chat in chats)
                    {
                        if (holders.TryGetValue(chat, out var holder))
                            violations.Enqueue($"{claim} took {chat} while {holder} held it");
                        holders[chat] = claim;
                    }
                foreach (var row in mine)
                    worked.GetOrAdd(row.Chat, _ => new()).Enqueue(row.Id);
                await Task.Delay(Random.Shared.Next(0, 4));
                // Let go in memory first, then in the database: whoever claims the chat next finds it free in both.
                lock (holders)
                    foreach (var chat in chats)
                        holders.Remove(chat);
                await table.FinishAsync(db, claim);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Claimers).Select(n => Task.Run(() => ClaimerAsync(n))));

        Assert.False(stop.IsCancellationRequested, $"the claimers did not finish within {Deadline}");
        Assert.Empty(violations);
        Assert.Equal(Chats, worked.Count);
        Assert.All(worked.Values, ids => Assert.Equal(ids.Order().ToList(), ids.ToList()));
        Assert.Equal(Chats * RowsPerChat, worked.Values.Sum(ids => ids.Count));
    }

    private interface IClaimedTable
    {
        void Add(Bots1CDbContext db, long botId, string chat, string externalId);
        Task<int> ClaimAsync(Bots1CDbContext db, string claim, DateTimeOffset now);
        Task<List<(string Chat, long Id)>> HeldByAsync(Bots1CDbContext db, string claim);
        Task<string?> OlderHeldByOthersAsync(Bots1CDbContext db, string chat, long id, string claim, DateTimeOffset now);
        Task FinishAsync(Bots1CDbContext db, string claim);
        Task<int> PendingAsync(Bots1CDbContext db);
    }

    private sealed class InboxRows : IClaimedTable
    {
        public void Add(Bots1CDbContext db, long botId, string chat, string externalId) =>
            db.Inbox.Add(new InboxUpdate { BotId = botId, ChatKey = chat, ExternalId = externalId, ReceivedAt = DateTimeOffset.UtcNow });

        public Task<int> ClaimAsync(Bots1CDbContext db, string claim, DateTimeOffset now) =>
            ConversationProcessor.ClaimAsync(db, claim, now, BatchSize, CancellationToken.None);

        public async Task<List<(string Chat, long Id)>> HeldByAsync(Bots1CDbContext db, string claim) =>
            (await db.Inbox.Where(i => i.LeaseOwner == claim && i.State == InboxState.Pending).OrderBy(i => i.Id)
                .Select(i => new { i.ChatKey, i.Id }).ToListAsync()).Select(r => (r.ChatKey, r.Id)).ToList();

        public Task<string?> OlderHeldByOthersAsync(Bots1CDbContext db, string chat, long id, string claim, DateTimeOffset now) =>
            db.Inbox.Where(i => i.ChatKey == chat && i.Id < id && i.State == InboxState.Pending && i.LeaseOwner != claim && i.LeaseUntil >= now)
                .Select(i => i.LeaseOwner).FirstOrDefaultAsync();

        public Task FinishAsync(Bots1CDbContext db, string claim) =>
            db.Inbox.Where(i => i.LeaseOwner == claim).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.State, InboxState.Processed).SetProperty(i => i.LeaseOwner, (string?)null).SetProperty(i => i.LeaseUntil, (DateTimeOffset?)null));

        public Task<int> PendingAsync(Bots1CDbContext db) => db.Inbox.CountAsync(i => i.State == InboxState.Pending);
    }

    private sealed class OutboxRows : IClaimedTable
    {
        public void Add(Bots1CDbContext db, long botId, string chat, string externalId) =>
            db.Outbox.Add(new OutboxItem { BotId = botId, ChatId = chat, NextAttemptAt = DateTimeOffset.UtcNow.AddSeconds(-1), CreatedAt = DateTimeOffset.UtcNow });

        public Task<int> ClaimAsync(Bots1CDbContext db, string claim, DateTimeOffset now) =>
            OutboxDispatcher.ClaimAsync(db, claim, now, BatchSize, CancellationToken.None);

        public async Task<List<(string Chat, long Id)>> HeldByAsync(Bots1CDbContext db, string claim) =>
            (await db.Outbox.Where(o => o.LeaseOwner == claim && o.State == OutboxState.Pending).OrderBy(o => o.Id)
                .Select(o => new { o.ChatId, o.Id }).ToListAsync()).Select(r => (r.ChatId, r.Id)).ToList();

        public Task<string?> OlderHeldByOthersAsync(Bots1CDbContext db, string chat, long id, string claim, DateTimeOffset now) =>
            db.Outbox.Where(o => o.ChatId == chat && o.Id < id && o.State == OutboxState.Pending && o.LeaseOwner != claim && o.LeaseUntil >= now)
                .Select(o => o.LeaseOwner).FirstOrDefaultAsync();

        public Task FinishAsync(Bots1CDbContext db, string claim) =>
            db.Outbox.Where(o => o.LeaseOwner == claim).ExecuteUpdateAsync(s => s
                .SetProperty(o => o.State, OutboxState.Done).SetProperty(o => o.LeaseOwner, (string?)null).SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null));

        public Task<int> PendingAsync(Bots1CDbContext db) => db.Outbox.CountAsync(o => o.State == OutboxState.Pending);
    }
}
