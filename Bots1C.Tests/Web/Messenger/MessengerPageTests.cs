using System.Security.Claims;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Messenger;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Bots1C.Tests.Web.MessengerScreen;

/// <summary>The messenger page's dialog list against a real SQLite file: tabs, filters, order, unread counts and live moves.</summary>
public class MessengerPageTests : MessengerAppContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    private readonly BunitAuthorizationContext _auth;

    public MessengerPageTests()
    {
        _auth = AddAuthorization();
        _auth.SetAuthorized("anna@example.ru");
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "op-anna"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // live updates subscribe only when interactive
    }

    private static List<string> Names(IRenderedComponent<MessengerPage> page) =>
        page.FindAll("[data-testid=dialog-name]").Select(n => n.TextContent.Trim()).ToList();

    private static string? UnreadOf(IRenderedComponent<MessengerPage> page, string name) =>
        page.FindAll("[data-testid=dialog-row]").Single(r => r.QuerySelector("[data-testid=dialog-name]")!.TextContent.Trim() == name)
            .QuerySelector("[data-testid=dialog-unread]")?.TextContent.Trim();

    [Fact]
    public async Task The_waiting_tab_shows_only_waiting_conversations_newest_activity_first_with_their_unread_counts()
    {
        var shop = await BotAsync("Shop");
        await ConversationAsync(shop, "Olga", _now.AddMinutes(-10), ConversationMode.WaitingForOperator, unread: 2);
        await ConversationAsync(shop, "Pavel", _now.AddMinutes(-1), ConversationMode.WaitingForOperator, unread: 0);
        await ConversationAsync(shop, "Ivan", _now.AddMinutes(-5), ConversationMode.WaitingForOperator, unread: 7);
        await ConversationAsync(shop, "Botty", _now, ConversationMode.Bot, unread: 1);
        await ConversationAsync(shop, "Closed", _now, ConversationMode.WaitingForOperator, closed: true);
        var page = Render<MessengerPage>();
        page.WaitForAssertion(() => Assert.Equal(["Botty", "Pavel", "Ivan", "Olga"], Names(page)), Wait);

        page.FindAll(".mud-tab")[0].Click(); // "Waiting for operator"

        page.WaitForAssertion(() => Assert.Equal(["Pavel", "Ivan", "Olga"], Names(page)), Wait);
        Assert.Null(UnreadOf(page, "Pavel"));
        Assert.Equal("7", UnreadOf(page, "Ivan"));
        Assert.Equal("2", UnreadOf(page, "Olga"));
        Assert.All(page.FindAll("[data-testid=dialog-row]"), r => Assert.Contains("waiting", r.ClassList));
    }

    [Fact]
    public async Task The_closed_tab_shows_only_closed_conversations()
    {
        var shop = await BotAsync("Shop");
        await ConversationAsync(shop, "Open", _now);
        await ConversationAsync(shop, "Done", _now.AddMinutes(-3), closed: true);
        var page = Render<MessengerPage>();
        page.WaitForAssertion(() => Assert.Equal(["Open"], Names(page)), Wait);

        page.FindAll(".mud-tab")[3].Click();

        page.WaitForAssertion(() => Assert.Equal(["Done"], Names(page)), Wait);
    }

    [Fact]
    public async Task The_bot_filter_keeps_only_that_bots_conversations()
    {
        var shop = await BotAsync("Shop");
        var support = await BotAsync("Support");
        await ConversationAsync(shop, "Olga", _now.AddMinutes(-2));
        await ConversationAsync(support, "Pavel", _now.AddMinutes(-1));
        await ConversationAsync(shop, "Ivan", _now.AddMinutes(-3));
        var page = Render<MessengerPage>();
        page.WaitForAssertion(() => Assert.Equal(["Pavel", "Olga", "Ivan"], Names(page)), Wait);

        var botSelect = page.FindComponents<MudSelect<long?>>().Single();
        await page.InvokeAsync(() => botSelect.Instance.ValueChanged.InvokeAsync(shop));

        page.WaitForAssertion(() => Assert.Equal(["Olga", "Ivan"], Names(page)), Wait);
    }

    [Fact]
    public async Task The_search_finds_a_conversation_by_the_contacts_name()
    {
        var shop = await BotAsync("Shop");
        await ConversationAsync(shop, "Ольга", _now.AddMinutes(-2));
        await ConversationAsync(shop, "Pavel", _now.AddMinutes(-1));
        var page = Render<MessengerPage>();
        page.WaitForAssertion(() => Assert.Equal(2, Names(page).Count), Wait);

        page.Find("input[data-testid=dialog-search], [data-testid=dialog-search] input").Input("ОЛЬ");

        page.WaitForAssertion(() => Assert.Equal(["Ольга"], Names(page)), Wait);
    }

    [Fact]
    public async Task The_waiting_tab_badge_counts_the_waiting_conversations()
    {
        var shop = await BotAsync("Shop");
        await ConversationAsync(shop, "Olga", _now, ConversationMode.WaitingForOperator);
        await ConversationAsync(shop, "Pavel", _now, ConversationMode.WaitingForOperator);
        await ConversationAsync(shop, "Ivan", _now);
        var page = Render<MessengerPage>();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find(".mud-tab .mud-badge-content, .mud-tab .mud-badge").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task A_new_message_event_moves_its_conversation_to_the_top_without_a_reload()
    {
        var shop = await BotAsync("Shop");
        var olga = await ConversationAsync(shop, "Olga", _now.AddMinutes(-10), unread: 1);
        await ConversationAsync(shop, "Pavel", _now.AddMinutes(-1));
        var page = Render<MessengerPage>();
        page.WaitForAssertion(() => Assert.Equal(["Pavel", "Olga"], Names(page)), Wait);

        await using (var db = await DbAsync())
            await db.Conversations.Where(c => c.Id == olga.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.LastMessageAt, DateTimeOffset.UtcNow)
                .SetProperty(c => c.UnreadCount, 2)
                .SetProperty(c => c.LastMessagePreview, "Ещё вопрос"));
        await Service<ConversationNotifier>().PublishAsync(new ConversationEvent(shop, olga.Id, null, ConversationChange.MessageAdded));

        page.WaitForAssertion(() => Assert.Equal(["Olga", "Pavel"], Names(page)), Wait);
        Assert.Equal("2", UnreadOf(page, "Olga"));
        Assert.Equal("Ещё вопрос", page.FindAll("[data-testid=dialog-row]")[0].QuerySelector(".dialog-preview")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_conversation_that_starts_waiting_appears_in_the_waiting_tab_live()
    {
        var shop = await BotAsync("Shop");
        var olga = await ConversationAsync(shop, "Olga", _now.AddMinutes(-10));
        await ConversationAsync(shop, "Pavel", _now.AddMinutes(-1), ConversationMode.WaitingForOperator);
        var page = Render<MessengerPage>();
        page.FindAll(".mud-tab")[0].Click();
        page.WaitForAssertion(() => Assert.Equal(["Pavel"], Names(page)), Wait);

        await using (var db = await DbAsync())
            await db.Conversations.Where(c => c.Id == olga.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Mode, ConversationMode.WaitingForOperator)
                .SetProperty(c => c.LastMessageAt, DateTimeOffset.UtcNow));
        await Service<ConversationNotifier>().PublishAsync(new ConversationEvent(shop, olga.Id, null, ConversationChange.WaitingStarted));

        page.WaitForAssertion(() => Assert.Equal(["Olga", "Pavel"], Names(page)), Wait);
    }

    [Fact]
    public async Task Without_a_chosen_conversation_it_asks_to_choose_one()
    {
        var page = Render<MessengerPage>();
        page.WaitForAssertion(() => Assert.Contains(Strings["Messenger.ChooseConversation"].Value, page.Find("[data-testid=no-dialog]").TextContent), Wait);
    }

    [Fact]
    public async Task The_mine_tab_shows_only_the_conversations_assigned_to_me()
    {
        var anna = await App.CreateUserAsync("anna@example.ru", HtmlForms.Password, Roles.Operator);
        var boris = await App.CreateUserAsync("boris@example.ru", HtmlForms.Password, Roles.Operator);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, anna.Id));
        var shop = await BotAsync("Shop");
        await ConversationAsync(shop, "Olga", _now.AddMinutes(-3), ConversationMode.WithOperator, assignedUserId: anna.Id);
        await ConversationAsync(shop, "Pavel", _now.AddMinutes(-1), ConversationMode.WithOperator, assignedUserId: boris.Id);
        await ConversationAsync(shop, "Ivan", _now.AddMinutes(-2), ConversationMode.WithOperator, assignedUserId: anna.Id);
        await ConversationAsync(shop, "Closed", _now, ConversationMode.WithOperator, closed: true, assignedUserId: anna.Id);
        var page = Render<MessengerPage>();
        page.WaitForAssertion(() => Assert.Equal(["Pavel", "Ivan", "Olga"], Names(page)), Wait);
        Assert.Contains(Strings["Conversation.State.With", "boris"].Value, page.FindAll("[data-testid=dialog-state]")[0].TextContent);

        page.FindAll(".mud-tab")[1].Click();

        page.WaitForAssertion(() => Assert.Equal(["Ivan", "Olga"], Names(page)), Wait);
    }

    [Fact]
    public async Task Opening_a_conversation_shows_its_history_and_marks_it_read_in_the_list()
    {
        var shop = await BotAsync("Shop");
        var olga = await ConversationAsync(shop, "Olga", _now.AddMinutes(-1), ConversationMode.WaitingForOperator, unread: 2);
        await MessageAsync(olga.Id, MessageDirection.Incoming, "Где мой заказ?");
        await MessageAsync(olga.Id, MessageDirection.Incoming, "Алло?");

        var page = Render<MessengerPage>(p => p.Add(x => x.ConversationId, olga.Id));

        page.WaitForAssertion(() => Assert.Equal(["customer", "customer"],
            page.FindAll("[data-testid=history] [data-testid=bubble]").Select(b => b.GetAttribute("data-kind"))), Wait);
        Assert.Equal("Olga", page.Find("[data-testid=chat-title]").TextContent.Trim());
        Assert.Contains("selected", page.Find("[data-testid=dialog-row]").ClassList);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=dialog-unread]")), Wait);
    }

    [Fact]
    public async Task A_failed_message_in_an_open_conversation_shows_its_reason_and_retry_queues_it_again()
    {
        var shop = await BotAsync("Shop");
        var olga = await ConversationAsync(shop, "Olga", _now.AddMinutes(-1), ConversationMode.WithOperator);
        await MessageAsync(olga.Id, MessageDirection.Incoming, "Здравствуйте");
        var failed = await MessageAsync(olga.Id, MessageDirection.Outgoing, "Ваш заказ в пути", "Анна", DeliveryState.Failed,
            "Forbidden: bot was blocked by the user");
        var page = Render<MessengerPage>(p => p.Add(x => x.ConversationId, olga.Id));
        page.WaitForAssertion(() => Assert.Equal("Forbidden: bot was blocked by the user", page.Find("[data-testid=failure-reason]").TextContent.Trim()), Wait);

        page.Find("[data-testid=retry]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=failure]")), Wait);
        Assert.NotEqual(nameof(DeliveryState.Failed), page.Find("[data-testid=delivery]").GetAttribute("data-state"));
        var stored = await Service<Bots1C.Domain.Operators.ConversationList>().MessageAsync(failed.Id);
        Assert.NotEqual(DeliveryState.Failed, stored!.DeliveryState);
        Assert.Null(stored.FailureReason);
    }

    [Fact]
    public async Task A_customer_message_arriving_in_the_open_conversation_appears_live()
    {
        var shop = await BotAsync("Shop");
        var olga = await ConversationAsync(shop, "Olga", _now.AddMinutes(-1), ConversationMode.WithOperator);
        await MessageAsync(olga.Id, MessageDirection.Incoming, "Здравствуйте");
        var page = Render<MessengerPage>(p => p.Add(x => x.ConversationId, olga.Id));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history] [data-testid=bubble]")), Wait);

        var next = await MessageAsync(olga.Id, MessageDirection.Incoming, "Есть кто?");
        await Service<ConversationNotifier>().PublishAsync(new ConversationEvent(shop, olga.Id, next.Id, ConversationChange.MessageAdded));

        page.WaitForAssertion(() => Assert.Equal(["Здравствуйте", "Есть кто?"],
            page.FindAll("[data-testid=history] .bubble-text").Select(t => t.TextContent.Trim())), Wait);
    }

    [Fact]
    public async Task Enter_in_the_composer_takes_the_conversation_over_and_shows_the_operators_bubble()
    {
        var anna = await App.CreateUserAsync("anna@example.ru", HtmlForms.Password, Roles.Operator);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, anna.Id));
        var shop = await BotAsync("Shop");
        var olga = await ConversationAsync(shop, "Olga", _now.AddMinutes(-1), ConversationMode.WaitingForOperator);
        await MessageAsync(olga.Id, MessageDirection.Incoming, "Помогите");
        var page = Render<MessengerPage>(p => p.Add(x => x.ConversationId, olga.Id));
        page.WaitForElement("[data-testid=composer-text]", Wait).Input("Уже помогаю");

        page.Find("[data-testid=composer-text]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=history] [data-testid=bubble]"),
            b => b.GetAttribute("data-kind") == "operator" && b.TextContent.Contains("Уже помогаю")), Wait);
        page.WaitForAssertion(() => Assert.Equal(Strings["Conversation.State.Mine"].Value, page.Find("[data-testid=chat-state]").TextContent.Trim()), Wait);
        Assert.Equal("", page.Find("[data-testid=composer-text]").GetAttribute("value"));
    }
}
