using System.Data.Common;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Bots1C.Tests.Web.Crash;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>How the processor asks the database about a batch: with a database server every question is a round trip,
/// so what it needs for many chats is asked for all of them at once (docs/benchmarks.md, PostgreSQL).</summary>
public class ProcessingBatchTests
{
    private const int Chats = 20;

    [Fact]
    public async Task A_batch_of_updates_from_known_chats_looks_their_contacts_up_in_one_query_not_one_per_chat()
    {
        using var folder = new TempFolder();
        var botId = await InboxChatOrderTests.CreateBotAsync(folder.Path);
        var now = DateTimeOffset.UtcNow;
        await InboxChatOrderTests.StoreAsync(folder.Path,
            Enumerable.Range(1, Chats).Select(i => InboxChatOrderTests.Row(botId, i, 5_000_000 + i, "hello", now)).ToArray());
        using (var first = new Bots1CAppFactory(folder.Path))
            await first.ProcessedInboxAsync(Chats); // the contacts and their dialogs exist from here on

        // The same chats write again while no app runs, so the next start finds them all in its first batch.
        await InboxChatOrderTests.StoreAsync(folder.Path,
            Enumerable.Range(1, Chats).Select(i => InboxChatOrderTests.Row(botId, Chats + i, 5_000_000 + i, "again", now)).ToArray());
        var questions = new ContactQuestions();
        using var app = new Bots1CAppFactory(folder.Path)
            .WithServices(s => s.ConfigureDbContext<Bots1CDbContext>(o => o.AddInterceptors(questions)));
        await app.ProcessedInboxAsync(2 * Chats);

        Assert.Equal(2 * Chats, (await app.MessagesAsync()).Count(m => m.Direction == Bots1C.Domain.Conversations.MessageDirection.Incoming));
        Assert.Equal(1, questions.Count);
    }

    /// <summary>Counts the queries that read the contacts table.</summary>
    private sealed class ContactQuestions : DbCommandInterceptor
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"Contacts\"", StringComparison.Ordinal))
                Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
