using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json.Nodes;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>
/// The dispatcher records a whole batch's delivery results in one transaction (one fsync on SQLite), not one per
/// message: counted on the app's real SQLite file by an interceptor that sees every committed write of a result.
/// </summary>
public class OutboxBatchTests : DeliveryTestBase
{
    private const int Chats = 20; // under Telegram's 30 a second per bot, so pacing holds nothing back
    private const long FirstChat = 2_000_000;
    private readonly ResultCommits _commits = new();

    public OutboxBatchTests() =>
        _app.WithServices(s => s.ConfigureDbContext<Bots1CDbContext>(o => o.AddInterceptors(_commits)));

    [Fact]
    public async Task A_batch_of_replies_to_different_chats_is_recorded_in_one_transaction()
    {
        Answer("sendMessage", 200, Sent);
        var ids = await QueueOneReplyInEachChatAsync();

        foreach (var id in ids)
            await StateAsync(id, DeliveryState.Sent);

        Assert.Equal(Chats, Calls("sendMessage"));
        Assert.Equal(1, _commits.Count);
    }

    [Fact]
    public async Task A_refused_message_is_recorded_with_the_others_sent_in_the_same_batch_and_screens_hear_after_the_commit()
    {
        const long refused = FirstChat + 7;
        _telegram.Given(Request.Create().WithPath($"/bot{Token}/sendMessage").UsingPost()
                .WithBody((string? body) => body is not null && body.Contains($"\"chat_id\":{refused}")))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(403).WithHeader("Content-Type", "application/json")
                .WithBody("""{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"""));
        _telegram.Given(Request.Create().WithPath($"/bot{Token}/sendMessage").UsingPost()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Sent));
        // What a screen sees when it re-reads the message on the event: the state must already be committed.
        var seen = new ConcurrentDictionary<long, DeliveryState?>();
        using var _ = _app.Services.GetRequiredService<ConversationNotifier>().Subscribe(async e =>
        {
            if (e is { Change: ConversationChange.DeliveryChanged, MessageId: { } id })
            {
                await using var db = await _app.Db();
                seen[id] = (await db.Messages.AsNoTracking().FirstAsync(m => m.Id == id)).DeliveryState;
            }
        });
        var ids = await QueueOneReplyInEachChatAsync();

        var messages = new List<Message>();
        foreach (var id in ids)
            messages.Add(await Eventually.GetAsync(async () => (await _app.MessagesAsync()).Single(m => m.Id == id),
                m => m.DeliveryState != DeliveryState.Queued, $"message {id} to be delivered or failed"));

        var chatOf = await ChatOfConversationAsync();
        var failed = Assert.Single(messages, m => m.DeliveryState == DeliveryState.Failed);
        Assert.Equal(refused.ToString(), chatOf[failed.ConversationId]);
        Assert.Contains("blocked by the user", failed.FailureReason);
        Assert.Equal(Chats - 1, messages.Count(m => m.DeliveryState == DeliveryState.Sent));
        Assert.Equal(1, _commits.Count);
        await using (var db = await _app.Db())
            Assert.True((await db.Conversations.Include(c => c.Contact).SingleAsync(c => c.ChatId == refused.ToString())).Contact.IsBlocked);
        await Eventually.GetAsync(() => Task.FromResult(seen.Count), n => n == Chats, "an event for every delivery state");
        Assert.All(ids, id => Assert.NotEqual(DeliveryState.Queued, seen[id]));
        Assert.Equal(DeliveryState.Failed, seen[failed.Id]);
    }

    /// <summary>A dialog in each of <see cref="Chats"/> chats, then one reply to each queued in a single commit, so
    /// the dispatcher claims them all in one batch.</summary>
    private async Task<List<long>> QueueOneReplyInEachChatAsync()
    {
        var client = _app.CreateClient();
        for (var i = 0; i < Chats; i++)
        {
            var update = JsonNode.Parse(MessagePath.Fixture("telegram", "message_text.json"))!;
            update["update_id"] = 20_000 + i;
            update["message"]!["chat"]!["id"] = FirstChat + i;
            update["message"]!["from"]!["id"] = FirstChat + i;
            update["message"]!["text"] = "hello";
            await client.PostTelegramAsync(_botKey, System.Text.Encoding.UTF8.GetBytes(update.ToJsonString()), _secret);
        }
        await _app.ProcessedInboxAsync(Chats + 1);

        List<Message> queued;
        await using (var db = await _app.Db())
        {
            var now = _app.Clock!.GetUtcNow();
            var conversations = await db.Conversations.Where(c => c.ChatId.StartsWith("2")).OrderBy(c => c.Id).ToListAsync();
            Assert.Equal(Chats, conversations.Count);
            queued = conversations.Select(c => Outbox.Stage(db, c, OutgoingContent.TextOnly($"Hello, chat {c.ChatId}"), "tests", now)).ToList();
            _commits.Reset();
            await db.SaveChangesAsync();
        }
        _app.Services.GetRequiredService<OutboxSignal>().Signal();
        return queued.Select(m => m.Id).ToList();
    }

    private async Task<Dictionary<long, string>> ChatOfConversationAsync()
    {
        await using var db = await _app.Db();
        return await db.Conversations.ToDictionaryAsync(c => c.Id, c => c.ChatId);
    }

    /// <summary>
    /// Counts committed units of work that record a delivery result (an UPDATE of an outbox row's state): a statement
    /// in an explicit transaction counts when that transaction commits, one outside any transaction counts alone.
    /// </summary>
    private sealed class ResultCommits : DbCommandInterceptor, IDbTransactionInterceptor
    {
        /// <summary>An UPDATE of the outbox whose SET (not just its WHERE, as the claim and the release have) writes the state.</summary>
        private static readonly System.Text.RegularExpressions.Regex SetsOutboxState = new(
            """UPDATE "Outbox"(?: AS "\w+")?\s+SET\s(?:(?!\sWHERE\s).)*"State" = """,
            System.Text.RegularExpressions.RegexOptions.Singleline);

        private readonly ConcurrentDictionary<DbTransaction, bool> _recording = new();
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        private void Note(DbCommand command)
        {
            if (!SetsOutboxState.IsMatch(command.CommandText))
                return;
            if (command.Transaction is { } transaction)
                _recording[transaction] = true;
            else
                Interlocked.Increment(ref _count);
        }

        private void Committed(DbTransaction transaction)
        {
            if (_recording.TryRemove(transaction, out _))
                Interlocked.Increment(ref _count);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Note(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Note(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Note(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Note(command);
            return ValueTask.FromResult(result);
        }

        public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(transaction);

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Committed(transaction);
            return Task.CompletedTask;
        }

        public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _recording.TryRemove(transaction, out _);

        public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            _recording.TryRemove(transaction, out _);
            return Task.CompletedTask;
        }
    }
}
