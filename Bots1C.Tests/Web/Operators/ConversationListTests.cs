using Bots1C.Domain.Data;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Tests.Web.Operators;

/// <summary>The operators' dialog list and a dialog's history, over dialogs made the real way (webhook, scenarios,
/// operators' actions).</summary>
public class ConversationListTests : OperatorTestBase
{
    public ConversationListTests() { }

    /// <summary>The same on another engine (<see cref="ConversationListTestsOnPostgres"/>).</summary>
    protected ConversationListTests(DatabaseKind database) : base(database: database) { }

    private async Task<long[]> IdsAsync(ConversationTab tab, OperatorRef me, string? search = null, long? botId = null, Messenger? messenger = null) =>
        (await List.ListAsync(new ConversationFilter(tab, me.UserId, botId, messenger, search), 0, 50)).Rows.Select(r => r.Id).ToArray();

    private async Task<long> StartConversationAsync(long chat, string text = "hello", string firstName = "Ivan", string? lastName = null)
    {
        await SayAsync(chat, text, firstName, lastName);
        return (await ConversationAsync(chat)).Id;
    }

    [SkippableFact]
    public async Task Each_tab_shows_its_conversations_waiting_mine_all_open_and_closed()
    {
        var anna = await OperatorAsync("anna");
        var boris = await OperatorAsync("boris");
        var inBot = await StartConversationAsync(4005);
        var waiting = await StartConversationAsync(4001, "/operator");
        var annas = await StartConversationAsync(4002);
        await Control.TakeOverAsync(annas, anna);
        var boriss = await StartConversationAsync(4003);
        await Control.TakeOverAsync(boriss, boris);
        var closed = await StartConversationAsync(4004);
        await Control.CloseAsync(closed, anna, null);

        Assert.Equal([waiting], await IdsAsync(ConversationTab.Waiting, anna));
        Assert.Equal([annas], await IdsAsync(ConversationTab.Mine, anna));
        Assert.Equal([boriss], await IdsAsync(ConversationTab.Mine, boris));
        Assert.Equal(new[] { inBot, waiting, annas, boriss }.Order(), (await IdsAsync(ConversationTab.AllOpen, anna)).Order());
        Assert.Equal([closed], await IdsAsync(ConversationTab.Closed, anna));
        Assert.Equal(new TabCounts(Waiting: 1, Mine: 1), await List.CountsAsync(anna.UserId));
        var row = (await List.ListAsync(new ConversationFilter(ConversationTab.Mine, boris.UserId), 0, 50)).Rows.Single();
        Assert.Equal(("boris", ConversationMode.WithOperator, "Shop", Messenger.Telegram), (row.AssignedName, row.Mode, row.BotName, row.Messenger));
    }

    [SkippableFact]
    public async Task The_bot_and_messenger_filters_keep_only_their_conversations()
    {
        var anna = await OperatorAsync("anna");
        var dialog = await StartConversationAsync(4011);
        var other = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Support", messenger = "Telegram", token = "987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawy",
            publicBaseUrl = "https://bot.example.ru/bots_unf", apiServerUrl = _telegram.Url,
        });

        Assert.Equal([dialog], await IdsAsync(ConversationTab.AllOpen, anna, botId: _botId));
        Assert.Empty(await IdsAsync(ConversationTab.AllOpen, anna, botId: other.GetProperty("id").GetInt64()));
        Assert.Equal([dialog], await IdsAsync(ConversationTab.AllOpen, anna, messenger: Messenger.Telegram));
        Assert.Empty(await IdsAsync(ConversationTab.AllOpen, anna, messenger: Messenger.Viber));
    }

    [SkippableFact]
    public async Task Conversations_are_listed_by_last_activity_newest_first()
    {
        var anna = await OperatorAsync("anna");
        var first = await StartConversationAsync(4101);
        var second = await StartConversationAsync(4102);
        var third = await StartConversationAsync(4103);

        await SayAsync(4101, "me again");

        Assert.Equal([first, third, second], await IdsAsync(ConversationTab.AllOpen, anna));
    }

    [SkippableFact]
    public async Task Each_customer_message_adds_to_the_unread_count_and_opening_the_conversation_resets_it()
    {
        var anna = await OperatorAsync("anna");
        var dialog = await StartConversationAsync(4201, "one");
        await SayAsync(4201, "two");
        await SayAsync(4201, "three");
        Assert.Equal(3, await UnreadAsync(anna, dialog));

        await Control.MarkReadAsync(dialog);
        Assert.Equal(0, await UnreadAsync(anna, dialog));

        await SayAsync(4201, "four");
        Assert.Equal(1, await UnreadAsync(anna, dialog));
    }

    private async Task<int> UnreadAsync(OperatorRef me, long dialog) =>
        (await List.ListAsync(new ConversationFilter(ConversationTab.AllOpen, me.UserId), 0, 50)).Rows.Single(r => r.Id == dialog).Unread;

    [SkippableTheory]
    [InlineData("петров")]
    [InlineData("ПЕТРОВ")]
    [InlineData("Иван")]
    [InlineData(" иван петров ")]
    public async Task Search_finds_a_Cyrillic_name_whatever_the_case(string typed)
    {
        var anna = await OperatorAsync("anna");
        var ivan = await StartConversationAsync(4301, firstName: "Иван", lastName: "Петров");
        await StartConversationAsync(4302, firstName: "Мария", lastName: "Сидорова");

        Assert.Equal([ivan], await IdsAsync(ConversationTab.AllOpen, anna, typed));
    }

    [SkippableTheory]
    [InlineData("8 (912) 345-67-89")]
    [InlineData("+7 912 345 67 89")]
    [InlineData("912 345")]
    public async Task Search_finds_a_phone_stored_in_E164_however_it_is_typed(string typed)
    {
        var anna = await OperatorAsync("anna");
        await StartConversationAsync(4401, firstName: "Иван");
        var maria = await StartConversationAsync(4402, firstName: "Мария");
        await using (var db = await _app.Db())
        {
            var contact = await db.Contacts.SingleAsync(c => c.ExternalUserId == "4402");
            contact.Phone = "+79123456789";
            await db.SaveChangesAsync();
        }

        Assert.Equal([maria], await IdsAsync(ConversationTab.AllOpen, anna, typed));
    }

    [SkippableFact]
    public async Task History_comes_a_page_at_a_time_before_a_given_message_and_never_whole()
    {
        var dialog = await StartConversationAsync(4501);
        await using (var db = await _app.Db())
        {
            var conversation = await db.Conversations.SingleAsync(c => c.Id == dialog);
            for (var i = 0; i < 250; i++)
                db.Messages.Add(new Message
                {
                    Conversation = conversation, Direction = MessageDirection.Incoming, Kind = MessageKind.Text, Text = $"message {i}",
                    CreatedAt = DateTimeOffset.UtcNow,
                });
            await db.SaveChangesAsync();
        }
        var all = (await HistoryOfAsync(dialog)).Select(m => m.Id).ToList();

        var (asMuchAsPossible, olderThanThat) = await List.HistoryAsync(dialog, null, int.MaxValue);
        Assert.Equal(ConversationList.MaxTake, asMuchAsPossible.Count);
        Assert.True(olderThanThat);

        var pages = new List<IReadOnlyList<Message>>();
        long? before = null;
        bool hasOlder;
        do
        {
            (var page, hasOlder) = await List.HistoryAsync(dialog, before, 40);
            Assert.InRange(page.Count, 1, 40);
            pages.Insert(0, page);
            before = page[0].Id;
        } while (hasOlder && pages.Count < 100);

        Assert.Equal(all, pages.SelectMany(p => p).Select(m => m.Id)); // oldest first, each message once
        Assert.Equal(all[^40..], pages[^1].Select(m => m.Id)); // the first page is the latest
    }
}

[Trait("Database", "Postgres")]
public class ConversationListTestsOnPostgres() : ConversationListTests(DatabaseKind.Postgres);
