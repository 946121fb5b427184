using MessengerKind = Bots1C.Domain.Bots.Messenger;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Messenger;
using Bunit;
using MudBlazor;

namespace Bots1C.Tests.Web.MessengerScreen;

/// <summary>The dialog list on its own: it shows the rows it is given and reports filter changes upwards.</summary>
public class ConversationListPaneTests : MudTestContext
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static ConversationRow Row(long id, string name, int unread = 0, ConversationMode mode = ConversationMode.Bot, string? preview = null,
        bool closed = false) =>
        new(id, 1, "Shop", MessengerKind.WebChat, 100 + id, name, null, null, preview ?? $"preview of {name}", Now.AddMinutes(-id), unread,
            mode, null, null, closed);

    private IRenderedComponent<ConversationListPane> Pane(IReadOnlyList<ConversationRow> rows, Action<ComponentParameterCollectionBuilder<ConversationListPane>>? more = null) =>
        Render<ConversationListPane>(p =>
        {
            p.Add(x => x.Filter, new ConversationFilter(ConversationTab.AllOpen, "op-1"));
            p.Add(x => x.Rows, rows);
            p.Add(x => x.Bots, new List<(long, string, MessengerKind)> { (1, "Shop", MessengerKind.WebChat), (2, "Support", MessengerKind.Telegram) });
            more?.Invoke(p);
        });

    [Fact]
    public void Rows_render_in_the_given_order_with_name_and_preview()
    {
        var pane = Pane([Row(3, "Ольга", preview: "Где мой заказ?"), Row(1, "Pavel"), Row(2, "Anna")]);

        var rows = pane.FindAll("[data-testid=dialog-row]");
        Assert.Equal(["3", "1", "2"], rows.Select(r => r.GetAttribute("data-dialog-id")));
        Assert.Equal(["Ольга", "Pavel", "Anna"], pane.FindAll("[data-testid=dialog-name]").Select(n => n.TextContent.Trim()));
        Assert.Equal("Где мой заказ?", rows[0].QuerySelector(".dialog-preview")!.TextContent.Trim());
        Assert.Equal("messenger/3", rows[0].GetAttribute("href"));
    }

    [Fact]
    public void The_unread_badge_shows_only_when_a_conversation_has_unread_messages()
    {
        var pane = Pane([Row(1, "Unread", unread: 4), Row(2, "Read", unread: 0)]);

        var rows = pane.FindAll("[data-testid=dialog-row]");
        Assert.Equal("4", rows[0].QuerySelector("[data-testid=dialog-unread]")!.TextContent.Trim());
        Assert.Contains("unread", rows[0].ClassList);
        Assert.Null(rows[1].QuerySelector("[data-testid=dialog-unread]"));
        Assert.DoesNotContain("unread", rows[1].ClassList);
    }

    [Fact]
    public void The_selected_row_is_marked()
    {
        var pane = Pane([Row(1, "A"), Row(2, "B")], p => p.Add(x => x.SelectedId, 2L));

        var rows = pane.FindAll("[data-testid=dialog-row]");
        Assert.DoesNotContain("selected", rows[0].ClassList);
        Assert.Contains("selected", rows[1].ClassList);
    }

    [Fact]
    public void Waiting_rows_are_marked_and_say_so_but_a_closed_one_does_not()
    {
        var pane = Pane([Row(1, "Waits", mode: ConversationMode.WaitingForOperator), Row(2, "Bot"),
            Row(3, "Closed", mode: ConversationMode.WaitingForOperator, closed: true)]);

        var rows = pane.FindAll("[data-testid=dialog-row]");
        Assert.Contains("waiting", rows[0].ClassList);
        Assert.Equal(Strings["Conversation.State.Waiting"].Value, rows[0].QuerySelector("[data-testid=dialog-state]")!.TextContent.Trim());
        Assert.DoesNotContain("waiting", rows[1].ClassList);
        Assert.Equal(Strings["Conversation.State.Bot"].Value, rows[1].QuerySelector("[data-testid=dialog-state]")!.TextContent.Trim());
        Assert.DoesNotContain("waiting", rows[2].ClassList);
        Assert.Equal(Strings["Conversation.State.Closed"].Value, rows[2].QuerySelector("[data-testid=dialog-state]")!.TextContent.Trim());
    }

    [Fact]
    public void The_more_button_shows_only_when_there_are_more_rows_and_asks_for_them()
    {
        Assert.Empty(Pane([Row(1, "A")]).FindAll("[data-testid=dialogs-more]"));

        var asked = 0;
        var pane = Pane([Row(1, "A")], p => p.Add(x => x.HasMore, true).Add(x => x.LoadMore, () => asked++));
        pane.Find("[data-testid=dialogs-more]").Click();

        Assert.Equal(1, asked);
    }

    [Fact]
    public void An_empty_list_says_so()
    {
        var pane = Pane([]);
        Assert.Equal(Strings["Messenger.NoConversations"].Value, pane.Find("[data-testid=dialogs-empty]").TextContent.Trim());
    }

    [Fact]
    public void Choosing_a_tab_raises_FilterChanged_with_that_tab()
    {
        var changes = new List<ConversationFilter>();
        var pane = Pane([Row(1, "A")], p => p.Add(x => x.FilterChanged, f => changes.Add(f)));

        pane.FindAll(".mud-tab")[0].Click(); // "Waiting for operator"

        var last = Assert.Single(changes);
        Assert.Equal(new ConversationFilter(ConversationTab.Waiting, "op-1"), last);
    }

    [Fact]
    public void Typing_a_search_raises_FilterChanged_with_the_search()
    {
        var changes = new List<ConversationFilter>();
        var pane = Pane([Row(1, "A")], p => p.Add(x => x.FilterChanged, f => changes.Add(f)));

        pane.Find("[data-testid=dialog-search] input, input[data-testid=dialog-search]").Input("ольга");

        pane.WaitForAssertion(() => Assert.Equal(new ConversationFilter(ConversationTab.AllOpen, "op-1", Search: "ольга"), changes.LastOrDefault()),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Choosing_a_bot_raises_FilterChanged_with_the_bot()
    {
        var changes = new List<ConversationFilter>();
        var pane = Pane([Row(1, "A")], p => p.Add(x => x.FilterChanged, f => changes.Add(f)));

        var botSelect = pane.FindComponents<MudSelect<long?>>().Single();
        await pane.InvokeAsync(() => botSelect.Instance.ValueChanged.InvokeAsync(2L));

        Assert.Equal(new ConversationFilter(ConversationTab.AllOpen, "op-1", BotId: 2), changes.Last());
    }
}
