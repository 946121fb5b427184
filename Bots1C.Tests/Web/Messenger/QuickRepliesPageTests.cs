using Bots1C.Domain.Operators;
using Bots1C.Web.Features.QuickReplies;
using Bunit;
using MudBlazor;

namespace Bots1C.Tests.Web.MessengerScreen;

/// <summary>The managers' list of quick replies: add through the dialog, see validation, see the saved reply in the table.</summary>
public class QuickRepliesPageTests : MessengerAppContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public QuickRepliesPageTests()
    {
        AddAuthorization().SetAuthorized("manager@example.ru");
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<QuickRepliesPage> Page) Open()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<QuickRepliesPage>();
        return (dialogs, page);
    }

    private static void Fill(IRenderedComponent<MudDialogProvider> dialogs, string testId, string value) =>
        dialogs.Find($"[data-testid={testId}] input, [data-testid={testId}] textarea, input[data-testid={testId}], textarea[data-testid={testId}]")
            .Change(value);

    [Fact]
    public void With_no_replies_it_says_so()
    {
        var (_, page) = Open();
        page.WaitForElement("[data-testid=quick-replies-empty]", Wait);
    }

    [Fact]
    public async Task Saving_without_a_shortcut_shows_the_validation_error_and_keeps_the_dialog_open()
    {
        var (dialogs, page) = Open();
        page.WaitForElement("[data-testid=quick-reply-add]", Wait).Click();
        dialogs.WaitForElement("[data-testid=quick-reply-save]", Wait);
        Fill(dialogs, "quick-reply-title", "Greeting");
        Fill(dialogs, "quick-reply-text", "Здравствуйте!");

        dialogs.Find("[data-testid=quick-reply-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains(Strings["ConversationError.ShortcutRequired"].Value, dialogs.Markup), Wait);
        Assert.NotEmpty(dialogs.FindAll("[data-testid=quick-reply-save]"));
        Assert.Empty(await Service<QuickReplies>().AllAsync());
    }

    [Fact]
    public async Task A_saved_reply_appears_in_the_table()
    {
        var (dialogs, page) = Open();
        page.WaitForElement("[data-testid=quick-reply-add]", Wait).Click();
        dialogs.WaitForElement("[data-testid=quick-reply-save]", Wait);
        Fill(dialogs, "quick-reply-shortcut", "hello");
        Fill(dialogs, "quick-reply-title", "Greeting");
        Fill(dialogs, "quick-reply-text", "Здравствуйте, {{contact.first_name}}!");

        dialogs.Find("[data-testid=quick-reply-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("/hello", page.Find("[data-testid=quick-replies-table]").TextContent), Wait);
        Assert.Contains("Greeting", page.Find("[data-testid=quick-replies-table]").TextContent);
        Assert.Contains("Здравствуйте, {{contact.first_name}}!", page.Find("[data-testid=quick-replies-table]").TextContent);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=quick-reply-save]")), Wait);
        var stored = Assert.Single(await Service<QuickReplies>().AllAsync());
        Assert.Equal("hello", stored.Shortcut);
    }

    [Fact]
    public async Task A_reply_saved_elsewhere_is_listed_with_its_bot_or_as_for_all_bots()
    {
        var shop = await BotAsync("Shop");
        await Service<QuickReplies>().SaveAsync(null, new QuickReplyInput(shop, "hi", "Shop greeting", "Hi!", null));
        await Service<QuickReplies>().SaveAsync(null, new QuickReplyInput(null, "bye", "Goodbye", "Bye!", null));

        var (_, page) = Open();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=quick-replies-table] tbody tr").Count), Wait);
        var rows = page.FindAll("[data-testid=quick-replies-table] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("/bye", rows[0]);
        Assert.Contains(Strings["QuickReplies.AllBots"].Value, rows[0]);
        Assert.Contains("/hi", rows[1]);
        Assert.Contains("Shop", rows[1]);
    }
}
