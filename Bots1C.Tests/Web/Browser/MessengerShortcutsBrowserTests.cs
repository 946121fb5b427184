using Bots1C.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.Browser;

/// <summary>The operator's keyboard: the shortcut sheet (`?` and the help button) and moving between dialogs.</summary>
public class MessengerShortcutsBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 15_000 };

    [Fact]
    public async Task A_question_mark_outside_a_text_field_opens_the_shortcut_sheet()
    {
        await using var messenger = await PhoneMessenger.StartAsync(visitors: 1);
        var page = await OpenAsync(messenger, $"/messenger/{messenger.ConversationIds[0]}");
        await Assertions.Expect(page.Locator("[data-testid=chat]")).ToBeVisibleAsync(Live);

        await page.Locator("[data-testid=history]").ClickAsync();
        await page.Keyboard.PressAsync("?");

        var sheet = page.Locator("[data-testid=shortcut-sheet]");
        await Assertions.Expect(sheet).ToBeVisibleAsync(Live);
        await Assertions.Expect(sheet).ToContainTextAsync("Shift+Enter");
        await Assertions.Expect(sheet).ToContainTextAsync("Alt+↓");
    }

    [Fact]
    public async Task The_help_button_in_the_messenger_toolbar_opens_the_shortcut_sheet()
    {
        await using var messenger = await PhoneMessenger.StartAsync(visitors: 1);
        var page = await OpenAsync(messenger, "/messenger");

        await page.Locator("[data-testid=shortcuts-open]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=shortcut-sheet]")).ToBeVisibleAsync(Live);
    }

    [Fact]
    public async Task A_question_mark_typed_in_the_composer_is_text_and_does_not_open_the_sheet()
    {
        await using var messenger = await PhoneMessenger.StartAsync(visitors: 1);
        var page = await OpenAsync(messenger, $"/messenger/{messenger.ConversationIds[0]}");
        await page.Locator("[data-testid=mode-note]").ClickAsync();
        var composer = page.Locator("[data-testid=composer-text]");

        await composer.PressSequentiallyAsync("Why?");
        await Assertions.Expect(composer).ToHaveValueAsync("Why?");
        await composer.PressAsync("Enter");

        // The note went the same way as the key presses before it: by the time it shows, a sheet would have too.
        await Assertions.Expect(page.Locator("[data-testid=bubble][data-kind=note]", new() { HasText = "Why?" })).ToBeVisibleAsync(Live);
        await Assertions.Expect(page.Locator("[data-testid=shortcut-sheet]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Alt_arrow_down_and_up_move_to_the_next_and_previous_dialog_in_the_list()
    {
        await using var messenger = await PhoneMessenger.StartAsync(visitors: 2);
        // The list shows the newest activity first; which of the two visitors that is depends on which message the
        // background processing stored last, so the order is read from the list itself.
        var page = await OpenAsync(messenger, "/messenger");
        var rows = page.Locator("[data-testid=dialog-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        var order = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.dialogId)");
        var (top, below) = (order[0], order[1]);
        await rows.First.ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid=chat][data-dialog-id='{top}']")).ToBeVisibleAsync(Live);

        await page.Locator("[data-testid=composer-text]").FocusAsync();
        await page.Keyboard.PressAsync("Alt+ArrowDown");
        await Assertions.Expect(page.Locator($"[data-testid=chat][data-dialog-id='{below}']")).ToBeVisibleAsync(Live);
        Assert.EndsWith($"/messenger/{below}", page.Url);

        await page.Keyboard.PressAsync("Alt+ArrowUp");
        await Assertions.Expect(page.Locator($"[data-testid=chat][data-dialog-id='{top}']")).ToBeVisibleAsync(Live);
    }

    private async Task<IPage> OpenAsync(PhoneMessenger messenger, string path)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US", ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        messenger.Contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync(messenger.AppUrl, PhoneMessenger.Operator);
        await page.OpenAsync(messenger.AppUrl + path);
        await page.Locator("[data-testid=dialog-list]").WaitForAsync();
        return page;
    }
}
