using System.Data.Common;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Bots1C.Tests.Web.Crash;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>How the processor asks a database server about a batch: there every question is a round trip, so what it
/// needs for many chats is asked for all of them at once (docs/benchmarks.md, PostgreSQL). SQLite answers in-process,
/// where one indexed look-up per chat is cheaper than one query for the whole batch, so it keeps asking per chat.</summary>
[Trait("Database", "Postgres")]
public class ProcessingBatchTests
{
    private const int Chats = 20;

    [SkippableFact]
    public async Task On_postgres_a_batch_of_updates_from_known_chats_looks_their_contacts_up_in_one_query_not_one_per_chat()
    {
        using var folder = new TempFolder();
        using var database = TestPostgres.CreateDatabase();
        var questions = new ContactQuestions();
        using var app = new Bots1CAppFactory(folder.Path).OnPostgres(database).WithApiKey()
            .WithServices(s => s.ConfigureDbContext<Bots1CDbContext>(o => o.AddInterceptors(questions)));
        var bot = await app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru",
        });
        var botId = bot.GetProperty("id").GetInt64();
        await StoreTogetherAsync(app, Enumerable.Range(1, Chats).Select(i => InboxChatOrderTests.Row(botId, i, 5_000_000 + i, "hello", DateTimeOffset.UtcNow)));
        await app.ProcessedInboxAsync(Chats); // the contacts and their dialogs exist from here on

        questions.Reset();
        // Committed together, so the processor's next claim takes them all as one batch.
        await StoreTogetherAsync(app, Enumerable.Range(1, Chats).Select(i => InboxChatOrderTests.Row(botId, Chats + i, 5_000_000 + i, "again", DateTimeOffset.UtcNow)));
        await app.ProcessedInboxAsync(2 * Chats);

        Assert.Equal(2 * Chats, (await app.MessagesAsync()).Count(m => m.Direction == MessageDirection.Incoming));
        Assert.Equal(1, questions.Count);
    }

    private static async Task StoreTogetherAsync(Bots1CAppFactory app, IEnumerable<InboxUpdate> rows)
    {
        await using var db = await app.Db();
        db.Inbox.AddRange(rows);
        await db.SaveChangesAsync();
    }

    /// <summary>Counts the queries that read the contacts table.</summary>
    private sealed class ContactQuestions : DbCommandInterceptor
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"Contacts\"", StringComparison.Ordinal))
                Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
