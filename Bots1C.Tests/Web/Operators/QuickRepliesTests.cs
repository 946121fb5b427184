using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Operators;

/// <summary>Managers' prepared answers: what a valid one is, global and per-bot ones, and the text as it goes out.</summary>
public class QuickRepliesTests : OperatorTestBase
{
    private QuickReplies Replies => _app.Services.GetRequiredService<QuickReplies>();

    private static QuickReplyInput Input(string shortcut = "hello", string title = "Greeting", string text = "Hello!", long? botId = null) =>
        new(botId, shortcut, title, text, null);

    [Theory]
    [InlineData("", "Greeting", "Hello!", "ShortcutRequired", "Give the quick reply a shortcut.")]
    [InlineData("two words", "Greeting", "Hello!", "ShortcutFormat", "A shortcut is letters, digits, '-' and '_' without spaces (it is typed after '/').")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", "Greeting", "Hello!", "ShortcutTooLong", "A shortcut is at most 32 characters.")]
    [InlineData("hello", "", "Hello!", "TitleRequired", "Give the quick reply a title.")]
    [InlineData("hello", "Greeting", "  ", "TextRequired", "Write the reply's text (or attach a file).")]
    public async Task An_invalid_quick_reply_is_refused_with_a_message_saying_what_to_fix(
        string shortcut, string title, string text, string code, string message)
    {
        var result = await Replies.SaveAsync(null, Input(shortcut, title, text));

        var error = Assert.Single(result.Errors);
        Assert.Equal((code, message), (error.ErrorCode, error.ErrorMessage));
        Assert.Null(result.Reply);
        Assert.Empty(await Replies.AllAsync());
    }

    [Theory]
    [InlineData("/привет")]
    [InlineData("order_status-2")]
    public async Task A_shortcut_may_be_Cyrillic_with_digits_dashes_and_underscores_and_its_slash_is_dropped(string shortcut)
    {
        var result = await Replies.SaveAsync(null, Input(shortcut));

        Assert.Empty(result.Errors);
        Assert.Equal(shortcut.TrimStart('/'), Assert.Single(await Replies.AllAsync()).Shortcut);
    }

    [Fact]
    public async Task A_second_reply_with_the_same_shortcut_in_the_same_place_is_refused_whatever_the_case()
    {
        await Replies.SaveAsync(null, Input("hello"));

        var result = await Replies.SaveAsync(null, Input("/HELLO", "Another greeting"));

        Assert.Equal("ShortcutTaken", Assert.Single(result.Errors).ErrorCode);
        Assert.Single(await Replies.AllAsync());
    }

    [Fact]
    public async Task A_reply_keeps_its_own_shortcut_when_edited()
    {
        var saved = await Replies.SaveAsync(null, Input("hello"));

        var edited = await Replies.SaveAsync(saved.Reply!.Id, Input("hello", "Greeting", "Good afternoon!"));

        Assert.Empty(edited.Errors);
        Assert.Equal("Good afternoon!", Assert.Single(await Replies.AllAsync()).Text);
    }

    [Fact]
    public async Task A_bots_own_reply_hides_the_global_one_with_the_same_shortcut_in_that_bot_only()
    {
        var other = (await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Support", messenger = "Telegram", token = "987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawy",
            publicBaseUrl = "https://bot.example.ru/bots_unf", apiServerUrl = _telegram.Url,
        })).GetProperty("id").GetInt64();
        await Replies.SaveAsync(null, Input("hello", text: "Hello from everyone"));
        Assert.Empty((await Replies.SaveAsync(null, Input("hello", text: "Hello from the shop", botId: _botId))).Errors);
        await Replies.SaveAsync(null, Input("bye", "Farewell", "Goodbye"));

        var inShop = await Replies.ForBotAsync(_botId, null);
        var inSupport = await Replies.ForBotAsync(other, null);

        Assert.Equal(["Goodbye", "Hello from the shop"], inShop.Select(r => r.Text));
        Assert.Equal(["Goodbye", "Hello from everyone"], inSupport.Select(r => r.Text));
        Assert.Equal(["Hello from the shop"], (await Replies.ForBotAsync(_botId, "hel")).Select(r => r.Text));
    }

    [Fact]
    public void Render_fills_in_the_contacts_name_the_scenarios_variables_and_the_operators_name()
    {
        var reply = new QuickReply { Text = "Hello, {{contact.first_name}}! Order {{vars.order}} is ready. {{operator.name}}, Shop" };
        var conversation = new Conversation { VariablesJson = """{"order":"A-17"}""" };
        var contact = new Contact { FirstName = "Иван", LastName = "Петров" };

        Assert.Equal("Hello, Иван! Order A-17 is ready. Anna, Shop", QuickReplies.Render(reply, conversation, contact, "Anna"));
    }
}
