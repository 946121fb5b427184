using MessengerKind = Bots1C.Domain.Bots.Messenger;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Web.Features.Messenger;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace Bots1C.Tests.Web.MessengerScreen;

/// <summary>The composer: Enter sends, Shift+Enter does not, notes go their own way, "/" offers quick replies from the database.</summary>
public class ComposerTests : MessengerAppContext
{
    private readonly List<Composer.Outgoing> _sent = [];
    private readonly List<string> _notes = [];
    private bool _accept = true;

    private static readonly Contact Customer = new() { Id = 5, BotId = 1, ExternalUserId = "v-1", FirstName = "Ольга", LastName = "Смирнова" };

    private async Task<IRenderedComponent<Composer>> ComposerAsync(long? botId = null)
    {
        var bot = botId ?? await BotAsync("Shop");
        return Render<Composer>(p => p
            .Add(x => x.BotId, bot)
            .Add(x => x.Messenger, MessengerKind.WebChat)
            .Add(x => x.Contact, Customer)
            .Add(x => x.Conversation, new Conversation { Id = 9, BotId = bot, ContactId = Customer.Id, Contact = Customer })
            .Add(x => x.Me, new OperatorRef("op-1", "Анна"))
            .Add(x => x.Send, o => { _sent.Add(o); return Task.FromResult(_accept); })
            .Add(x => x.Note, n => { _notes.Add(n); return Task.FromResult(_accept); }));
    }

    private static AngleSharp.Dom.IElement Box(IRenderedComponent<Composer> composer) => composer.Find("[data-testid=composer-text]");

    private static string TextOf(IRenderedComponent<Composer> composer) => Box(composer).GetAttribute("value") ?? "";

    private static void Type(IRenderedComponent<Composer> composer, string text) => Box(composer).Input(text);

    private static void Press(IRenderedComponent<Composer> composer, string key, bool shift = false) =>
        Box(composer).KeyDown(new KeyboardEventArgs { Key = key, ShiftKey = shift });

    private async Task SaveReplyAsync(string shortcut, string title, string text, long? botId = null)
    {
        var saved = await Service<QuickReplies>().SaveAsync(null, new QuickReplyInput(botId, shortcut, title, text, null));
        Assert.Empty(saved.Errors);
    }

    [Fact]
    public async Task Enter_sends_the_typed_text_and_clears_the_box()
    {
        var composer = await ComposerAsync();
        Type(composer, "  Добрый день!  ");

        Press(composer, "Enter");

        var sent = Assert.Single(_sent);
        Assert.Equal("Добрый день!", sent.Text);
        Assert.Null(sent.Attachment);
        Assert.Equal("", TextOf(composer));
    }

    [Fact]
    public async Task Shift_Enter_does_not_send()
    {
        var composer = await ComposerAsync();
        Type(composer, "first line");

        Press(composer, "Enter", shift: true);

        Assert.Empty(_sent);
        Assert.Equal("first line", TextOf(composer));
    }

    [Fact]
    public async Task Enter_on_an_empty_box_sends_nothing()
    {
        var composer = await ComposerAsync();
        Type(composer, "   ");

        Press(composer, "Enter");

        Assert.Empty(_sent);
    }

    [Fact]
    public async Task A_text_the_send_refuses_stays_in_the_box()
    {
        _accept = false;
        var composer = await ComposerAsync();
        Type(composer, "will not go");

        Press(composer, "Enter");

        Assert.Single(_sent);
        Assert.Equal("will not go", TextOf(composer));
    }

    [Fact]
    public async Task In_note_mode_Enter_writes_a_note_and_sends_nothing()
    {
        var composer = await ComposerAsync();
        composer.Find("[data-testid=mode-note]").Click();
        composer.WaitForAssertion(() => Assert.Contains("composer-note", composer.Find("[data-testid=composer]").ClassList));
        Type(composer, "call them back tomorrow");

        Press(composer, "Enter");

        Assert.Equal(["call them back tomorrow"], _notes);
        Assert.Empty(_sent);
        Assert.Equal("", TextOf(composer));
    }

    [Fact]
    public async Task A_slash_and_part_of_a_shortcut_offers_the_matching_quick_replies()
    {
        var bot = await BotAsync("Shop");
        var other = await BotAsync("Other shop");
        await SaveReplyAsync("hello", "Greeting", "Здравствуйте!");
        await SaveReplyAsync("help", "How to help", "Чем помочь?", bot);
        await SaveReplyAsync("bye", "Goodbye", "До свидания!");
        await SaveReplyAsync("hey", "Another bot's", "Hey!", other);
        var composer = await ComposerAsync(bot);

        Type(composer, "/he");

        composer.WaitForAssertion(() => Assert.Equal(["/hello", "/help"],
            composer.FindAll("[data-testid=quick-reply] b").Select(b => b.TextContent.Trim())));
        Assert.Equal("open", Box(composer).GetAttribute("data-popup"));
    }

    [Fact]
    public async Task ArrowDown_and_Enter_insert_the_chosen_reply_with_its_variables_filled_instead_of_sending()
    {
        await SaveReplyAsync("hello", "Greeting", "Здравствуйте!");
        await SaveReplyAsync("help", "How to help", "{{contact.firstName}}, меня зовут {{operator.name}}. Чем помочь?");
        var composer = await ComposerAsync();
        Type(composer, "/hel");
        composer.WaitForAssertion(() => Assert.Equal(2, composer.FindAll("[data-testid=quick-reply]").Count));

        Press(composer, "ArrowDown");
        composer.WaitForAssertion(() => Assert.Contains("active", composer.FindAll("[data-testid=quick-reply]")[1].ClassList));
        Assert.Equal(["false", "true"], composer.FindAll("[data-testid=quick-reply]").Select(o => o.GetAttribute("aria-selected")));
        Press(composer, "Enter");

        Assert.Empty(_sent);
        Assert.Equal("Ольга, меня зовут Анна. Чем помочь?", TextOf(composer));
        Assert.Empty(composer.FindAll("[data-testid=quick-replies]"));
    }

    [Fact]
    public async Task The_snake_case_spelling_of_a_contact_field_is_filled_too()
    {
        await SaveReplyAsync("hi", "Hi", "Hi {{contact.first_name}}!");
        var composer = await ComposerAsync();
        Type(composer, "/hi");

        Press(composer, "Enter");

        Assert.Equal("Hi Ольга!", TextOf(composer));
    }

    [Fact]
    public async Task A_mousedown_on_a_quick_reply_inserts_it()
    {
        await SaveReplyAsync("thanks", "Thanks", "Спасибо, {{contact.firstName}}!");
        var composer = await ComposerAsync();
        Type(composer, "/th");

        composer.WaitForElement("[data-testid=quick-reply]").MouseDown();

        Assert.Equal("Спасибо, Ольга!", TextOf(composer));
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task After_inserting_a_reply_Enter_sends_it()
    {
        await SaveReplyAsync("thanks", "Thanks", "Спасибо, {{contact.firstName}}!");
        var composer = await ComposerAsync();
        Type(composer, "/thanks");
        composer.WaitForElement("[data-testid=quick-reply]");
        Press(composer, "Enter");

        Press(composer, "Enter");

        Assert.Equal("Спасибо, Ольга!", Assert.Single(_sent).Text);
    }

    [Fact]
    public async Task A_slash_with_no_matching_shortcut_says_there_is_none()
    {
        await SaveReplyAsync("hello", "Greeting", "Здравствуйте!");
        var composer = await ComposerAsync();
        Type(composer, "/zzz");

        composer.WaitForElement("[data-testid=quick-replies]");
        Assert.Empty(composer.FindAll("[data-testid=quick-reply]"));
        Assert.Contains(Strings["Composer.NoQuickReplies"].Value, composer.Find("[data-testid=quick-replies]").TextContent);
    }

    [Fact]
    public async Task Escape_closes_the_quick_replies_and_clears_the_slash()
    {
        await SaveReplyAsync("hello", "Greeting", "Здравствуйте!");
        var composer = await ComposerAsync();
        Type(composer, "/hel");
        composer.WaitForElement("[data-testid=quick-reply]");

        Press(composer, "Escape");

        Assert.Empty(composer.FindAll("[data-testid=quick-replies]"));
        Assert.Equal("", TextOf(composer));
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task In_note_mode_a_slash_offers_no_quick_replies()
    {
        await SaveReplyAsync("hello", "Greeting", "Здравствуйте!");
        var composer = await ComposerAsync();
        composer.Find("[data-testid=mode-note]").Click();
        composer.WaitForAssertion(() => Assert.Contains("composer-note", composer.Find("[data-testid=composer]").ClassList));

        Type(composer, "/hel");

        Assert.Empty(composer.FindAll("[data-testid=quick-replies]"));
    }

    [Fact]
    public async Task A_quick_reply_with_a_file_attaches_it_and_sends_it_with_the_text()
    {
        var file = await Service<Bots1C.Domain.Files.FileStore>().SaveAsync("price.pdf", "application/pdf", [1, 2, 3]);
        var saved = await Service<QuickReplies>().SaveAsync(null, new QuickReplyInput(null, "price", "Price list", "Наш прайс", file));
        Assert.Empty(saved.Errors);
        var composer = await ComposerAsync();
        Type(composer, "/price");
        composer.WaitForElement("[data-testid=quick-reply]");

        Press(composer, "Enter");
        Assert.Contains("price.pdf", composer.Find("[data-testid=attachment]").TextContent);
        Press(composer, "Enter");

        var sent = Assert.Single(_sent);
        Assert.Equal("Наш прайс", sent.Text);
        Assert.Equal("price.pdf", sent.Attachment?.FileName);
        Assert.Equal(new byte[] { 1, 2, 3 }, sent.Attachment?.Content);
        Assert.Empty(composer.FindAll("[data-testid=attachment]"));
    }
}
