using Bots1C.Domain.Conversations;
using Bots1C.Domain.Turns;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Crash;

/// <summary>
/// What a process that died under load leaves in the inbox: rows it had claimed (its lease still recorded) and newer rows
/// of the same chats that arrived meanwhile. A chat is never processed past its older held row; other chats go on; and
/// the claims of a process provably gone (its instance lock file is free) are released at start, not after the lease.
/// </summary>
public class InboxChatOrderTests
{
    private const long ChatA = 1111111, ChatB = 2222222;
    /// <summary>A claim with no instance lock file behind it: nothing proves its counterparty gone, so its lease stands.</summary>
    private const string UnknownCounterparty = "dead-process";

    [Fact]
    public async Task A_chat_whose_older_update_is_held_by_a_dead_process_is_not_processed_past_it_while_other_chats_go_on()
    {
        using var folder = new TempFolder();
        var botId = await CreateBotAsync(folder.Path);
        using var app = new Bots1CAppFactory(folder.Path).WithFakeClock();
        var now = app.Clock!.GetUtcNow();
        await StoreAsync(folder.Path,
            Row(botId, 1, ChatA, "first", now, UnknownCounterparty, now + ConversationProcessor.Lease),
            Row(botId, 2, ChatA, "second", now),
            Row(botId, 3, ChatB, "other chat", now));

        var rows = await Eventually.GetAsync(app.InboxAsync, r => r.Single(x => x.ExternalId == "3").State == InboxState.Processed,
            "the other chat's update to be processed");
        Assert.Equal(InboxState.Pending, rows.Single(x => x.ExternalId == "2").State);
        Assert.Equal(["other chat"], (await app.MessagesAsync()).Select(m => m.Text));

        app.Clock.Advance(ConversationProcessor.Lease + TimeSpan.FromSeconds(1));
        await app.ProcessedInboxAsync(3);
        Assert.Equal(["other chat", "first", "second"], (await app.MessagesAsync()).Select(m => m.Text));
    }

    [Fact]
    public async Task Updates_claimed_by_a_process_that_is_gone_are_released_at_start_not_after_their_lease()
    {
        using var folder = new TempFolder();
        var botId = await CreateBotAsync(folder.Path);
        // What kill -9 leaves: the dead instance's lock file, held by nobody, and its claim on a row.
        var gone = Guid.NewGuid().ToString("N");
        var lockFile = LockFile(folder.Path, gone);
        await File.WriteAllTextAsync(lockFile, "process 1");
        var now = DateTimeOffset.UtcNow;
        await StoreAsync(folder.Path,
            Row(botId, 1, ChatA, "first", now, AppInstance.ClaimPrefix(gone) + "batch", now + ConversationProcessor.Lease),
            Row(botId, 2, ChatA, "second", now));

        using var app = new Bots1CAppFactory(folder.Path);
        await app.ProcessedInboxAsync(2);

        Assert.Equal(["first", "second"], (await app.MessagesAsync()).Select(m => m.Text));
        Assert.False(File.Exists(lockFile));
    }

    [Fact]
    public async Task Updates_claimed_by_a_process_that_still_runs_stay_with_it()
    {
        using var folder = new TempFolder();
        var botId = await CreateBotAsync(folder.Path);
        // A live instance: its lock file is held (here by the test, as the other process would).
        var live = Guid.NewGuid().ToString("N");
        var lockFile = LockFile(folder.Path, live);
        await using var held = new FileStream(lockFile, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        var now = DateTimeOffset.UtcNow;
        var claim = AppInstance.ClaimPrefix(live) + "batch";
        await StoreAsync(folder.Path,
            Row(botId, 1, ChatA, "held by the live process", now, claim, now + ConversationProcessor.Lease),
            Row(botId, 2, ChatB, "other chat", now));

        using var app = new Bots1CAppFactory(folder.Path);
        await Eventually.GetAsync(app.InboxAsync, r => r.Single(x => x.ExternalId == "2").State == InboxState.Processed,
            "the other chat's update to be processed");

        Assert.Equal(0, await app.Services.GetRequiredService<GoneInstanceRelease>().ReleaseGoneInstancesAsync(CancellationToken.None));
        var row = (await app.InboxAsync()).Single(x => x.ExternalId == "1");
        Assert.Equal((InboxState.Pending, claim), (row.State, row.LeaseOwner));
        Assert.True(File.Exists(lockFile));
    }

    [Fact]
    public async Task When_trouble_of_our_own_stops_an_update_the_rest_of_its_chat_waits_while_other_chats_go_on()
    {
        using var folder = new TempFolder();
        var botId = await CreateBotAsync(folder.Path);
        var now = DateTimeOffset.UtcNow;
        await StoreAsync(folder.Path, Row(botId, 1, ChatA, "first", now), Row(botId, 2, ChatA, "second", now), Row(botId, 3, ChatB, "other chat", now));

        using var app = new Bots1CAppFactory(folder.Path)
            .WithServices(s => s.ConfigureDbContext<Bots1CDbContext>(o => o.AddInterceptors(new DatabaseTroubleWhenProcessing("1"))));
        var rows = await Eventually.GetAsync(app.InboxAsync, r => r.Single(x => x.ExternalId == "3").State == InboxState.Processed,
            "the other chat's update to be processed");

        Assert.Equal(InboxState.Pending, rows.Single(x => x.ExternalId == "2").State);
        Assert.Equal(["other chat"], (await app.MessagesAsync()).Select(m => m.Text));
    }

    /// <summary>The database refuses to commit the processing of one update (as when it is locked): not the update's fault.</summary>
    private sealed class DatabaseTroubleWhenProcessing(string externalId) : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default) =>
            eventData.Context!.ChangeTracker.Entries<InboxUpdate>().Any(e => e.Entity.ExternalId == externalId && e.Entity.State == InboxState.Processed)
                ? throw new DbUpdateException("database is locked")
                : base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private static string LockFile(string dataPath, string instance)
    {
        var folder = Path.Combine(dataPath, AppInstance.FolderName);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, instance + AppInstance.Extension);
    }

    private static async Task<long> CreateBotAsync(string dataPath)
    {
        using var first = new Bots1CAppFactory(dataPath).WithApiKey();
        var bot = await first.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru",
        });
        return bot.GetProperty("id").GetInt64();
    }

    /// <summary>Written straight into the database file while no app runs: what a process had committed when it died.</summary>
    private static async Task StoreAsync(string dataPath, params InboxUpdate[] rows)
    {
        await using var db = MessagePath.OpenStoppedDatabase(dataPath);
        db.Inbox.AddRange(rows);
        await db.SaveChangesAsync();
    }

    internal static InboxUpdate Row(long botId, int updateId, long chat, string text, DateTimeOffset at, string? counterparty = null, DateTimeOffset? until = null) => new()
    {
        BotId = botId,
        ExternalId = updateId.ToString(),
        ChatKey = chat.ToString(),
        Payload = MessagePath.TelegramText(updateId, chat, text),
        ReceivedAt = at,
        State = InboxState.Pending,
        LeaseOwner = counterparty,
        LeaseUntil = until,
    };
}
