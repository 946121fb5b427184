using Bots1C.Domain.Accounts;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bots1C.Tests.Web.Browser;

/// <summary>The scenario editor never loses what was typed: edits reach the step as they are typed, a draft of
/// unsaved changes is kept in the browser, and leaving with unsaved changes asks first.</summary>
public class ScenarioEditorKeepsWorkBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Typed = "Hello! How can we help?";

    [Fact]
    public async Task Text_typed_into_a_step_is_kept_when_another_step_is_clicked_before_saving()
    {
        await using var editor = await EditorAsync();
        await editor.TypeIntoTextOfAsync("m1", Typed);

        await editor.Page.ClickAsync("[data-node-id=m2] .step-node-head");
        await ShowsAsync(editor.Page.Locator("[data-testid=step-properties][data-step-id=m2]"));
        await editor.SaveAsync();

        await TypedTextIsKeptAfterReloadAsync(editor);
    }

    [Fact]
    public async Task Text_typed_into_a_step_is_kept_when_the_empty_canvas_is_clicked_before_saving()
    {
        await using var editor = await EditorAsync();
        await editor.TypeIntoTextOfAsync("m1", Typed);

        await editor.ClickEmptyCanvasAsync();
        await ShowsAsync(editor.Page.Locator("[data-testid=scenario-settings]"));
        await editor.SaveAsync();

        await TypedTextIsKeptAfterReloadAsync(editor);
    }

    private static async Task TypedTextIsKeptAfterReloadAsync(Editor editor)
    {
        await editor.Page.ReloadAsync();
        await editor.Page.WaitForCircuitAsync();
        await HasTextAsync(editor.Page.Locator("[data-node-id=m1] .step-node-text"), Typed);
        Assert.Equal(Typed, (await editor.StoredAsync()).FindStep("m1")!.Text);
    }

    [Fact]
    public async Task Unsaved_changes_of_a_closed_page_are_offered_back_and_restored_when_the_editor_is_reopened()
    {
        await using var editor = await EditorAsync();
        await editor.TypeIntoTextOfAsync("m1", Typed);
        await HasTextAsync(editor.Page.Locator("[data-node-id=m1] .step-node-text"), Typed);
        await editor.WaitForDraftAsync();
        await editor.Page.CloseAsync();

        var page = await editor.OpenAgainAsync();

        await ShowsAsync(page.Locator("[data-testid=draft-offer]"));
        await page.ClickAsync("[data-testid=draft-restore]");
        await HasTextAsync(page.Locator("[data-node-id=m1] .step-node-text"), Typed);
        await ShowsAsync(page.Locator("[data-testid=unsaved]"));
        await GoneAsync(page.Locator("[data-testid=draft-offer]"));
    }

    [Fact]
    public async Task After_saving_the_editor_offers_no_draft_when_reopened()
    {
        await using var editor = await EditorAsync();
        await editor.TypeIntoTextOfAsync("m1", Typed);
        await editor.WaitForDraftAsync();
        await editor.SaveAsync();
        await editor.Page.CloseAsync();

        var page = await editor.OpenAgainAsync();

        await HasTextAsync(page.Locator("[data-node-id=m1] .step-node-text"), Typed);
        await GoneAsync(page.Locator("[data-testid=draft-offer]"));
        Assert.Empty(await editor.DraftKeysAsync());
    }

    [Fact]
    public async Task A_draft_is_not_offered_to_another_person_who_signs_in_on_the_same_browser()
    {
        await using var editor = await EditorAsync();
        await editor.App.CreateUserAsync("olga@example.ru", HtmlForms.Password, Roles.Manager);
        await editor.TypeIntoTextOfAsync("m1", Typed);
        await editor.WaitForDraftAsync();
        await editor.Page.CloseAsync();
        await editor.Context.ClearCookiesAsync(); // the first person's session ends without signing out (it expired)

        var page = await editor.Context.NewPageAsync();
        await page.SignInAsync(editor.BaseUrl, "olga@example.ru");
        var reopened = await editor.OpenAgainAsync(page);

        await DraftsCheckedAsync(reopened);
        await GoneAsync(reopened.Locator("[data-testid=draft-offer]"));
        await Expect(reopened.Locator("[data-node-id=m1]")).Not.ToContainTextAsync(Typed);
    }

    [Fact]
    public async Task Signing_out_leaves_no_draft_in_the_browser()
    {
        await using var editor = await EditorAsync();
        editor.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // "leave the site" with unsaved changes
        await editor.TypeIntoTextOfAsync("m1", Typed);
        await editor.WaitForDraftAsync();

        await editor.Page.ClickAsync("[data-testid=sign-out]");

        await Expect(editor.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"), new() { Timeout = Live });
        Assert.Empty(await editor.DraftKeysAsync());
    }

    [Fact]
    public async Task A_draft_older_than_a_week_is_not_offered_and_is_forgotten()
    {
        await using var editor = await EditorAsync();
        await editor.TypeIntoTextOfAsync("m1", Typed);
        await editor.WaitForDraftAsync();
        await editor.Page.CloseAsync();
        // The draft was written eight days ago, after the last save ten days ago: only its age stands against it.
        var now = DateTimeOffset.UtcNow;
        await editor.SetStoredUpdatedAtAsync(now.AddDays(-10));
        var page = await editor.Context.NewPageAsync();
        await page.GotoAsync(editor.BaseUrl + "/health");
        var key = Assert.Single(await editor.DraftKeysAsync(page));
        await page.EvaluateAsync("([key, at]) => { const d = JSON.parse(localStorage.getItem(key)); d.at = at; localStorage.setItem(key, JSON.stringify(d)); }",
            new object[] { key, now.AddDays(-8).ToUnixTimeMilliseconds() });

        var reopened = await editor.OpenAgainAsync(page);

        await DraftsCheckedAsync(reopened);
        await GoneAsync(reopened.Locator("[data-testid=draft-offer]"));
        Assert.Empty(await editor.DraftKeysAsync());
    }

    /// <summary>The editor has looked for a draft: it offers one, or marks that it found none to offer.</summary>
    private static Task DraftsCheckedAsync(IPage page) =>
        Expect(page.Locator("[data-testid=draft-offer], [data-drafts=checked]").First).ToHaveCountAsync(1, new() { Timeout = Live });

    [Fact]
    public async Task Following_a_link_with_unsaved_changes_asks_first_and_stay_keeps_the_editor_and_its_changes()
    {
        await using var editor = await EditorAsync();
        await editor.TypeIntoTextOfAsync("m1", Typed);

        await editor.Page.Locator("a[href='scenarios']").First.ClickAsync();

        await ShowsAsync(editor.Page.Locator("[data-testid=leave-dialog]"));
        await editor.Page.ClickAsync("[data-testid=leave-stay]");
        await GoneAsync(editor.Page.Locator("[data-testid=leave-dialog]"));
        Assert.EndsWith($"/scenarios/{editor.Id}", editor.Page.Url);
        await ShowsAsync(editor.Page.Locator("[data-testid=unsaved]"));
        await HasTextAsync(editor.Page.Locator("[data-node-id=m1] .step-node-text"), Typed);
    }

    [Fact]
    public async Task Leaving_without_saving_goes_where_the_link_points_and_keeps_the_stored_scenario()
    {
        await using var editor = await EditorAsync();
        await editor.TypeIntoTextOfAsync("m1", Typed);

        await editor.Page.Locator("a[href='scenarios']").First.ClickAsync();
        await editor.Page.ClickAsync("[data-testid=leave-discard]");

        await Assertions.Expect(editor.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/scenarios$"), new() { Timeout = 30_000 });
        await ShowsAsync(editor.Page.Locator("[data-testid=scenarios-export]"));
        Assert.Null((await editor.StoredAsync()).FindStep("m1")!.Text);
    }

    [Fact]
    public async Task Save_and_leave_stores_the_changes_then_goes_where_the_link_points()
    {
        await using var editor = await EditorAsync();
        await editor.TypeIntoTextOfAsync("m1", Typed);

        await editor.Page.Locator("a[href='scenarios']").First.ClickAsync();
        await editor.Page.ClickAsync("[data-testid=leave-save]");

        await Assertions.Expect(editor.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/scenarios$"), new() { Timeout = 30_000 });
        Assert.Equal(Typed, (await editor.StoredAsync()).FindStep("m1")!.Text);
    }

    [Fact]
    public async Task Following_a_link_without_changes_asks_nothing()
    {
        await using var editor = await EditorAsync();

        await editor.Page.Locator("a[href='scenarios']").First.ClickAsync();

        await Assertions.Expect(editor.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/scenarios$"), new() { Timeout = 30_000 });
        await ShowsAsync(editor.Page.Locator("[data-testid=scenarios-export]"));
        await GoneAsync(editor.Page.Locator("[data-testid=leave-dialog]"));
    }

    [Fact]
    public async Task Closing_the_tab_with_unsaved_changes_lets_the_browser_ask_first_and_without_changes_it_does_not()
    {
        await using var editor = await EditorAsync();
        var asked = new List<string>();
        editor.Page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Type);
            await dialog.DismissAsync(); // "stay on the page"
        };
        await editor.TypeIntoTextOfAsync("m1", Typed);
        await ShowsAsync(editor.Page.Locator("[data-testid=unsaved]"));
        await PresentAsync(editor.Page.Locator("html[data-unsaved-changes]"));

        await editor.Page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        await Eventually.GetAsync(() => Task.FromResult(asked.Count), n => n > 0, "the browser's leave warning");
        Assert.Equal(["beforeunload"], asked);
        Assert.False(editor.Page.IsClosed);

        await editor.SaveAsync();
        await GoneAsync(editor.Page.Locator("html[data-unsaved-changes]"));
        await editor.Page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        await Eventually.GetAsync(() => Task.FromResult(editor.Page.IsClosed), closed => closed, "the page to close");
        Assert.Single(asked);
    }

    [Fact]
    public async Task In_Russian_the_test_chat_and_the_check_for_problems_have_different_labels()
    {
        await using var editor = await EditorAsync(locale: "ru-RU");

        var test = (await editor.Page.Locator("[data-testid=test-toggle]").InnerTextAsync()).Trim();
        var check = (await editor.Page.Locator("[data-testid=check]").InnerTextAsync()).Trim();

        Assert.NotEqual(test.ToLowerInvariant(), check.ToLowerInvariant());
        Assert.Matches("^[А-Яа-яЁё ]+$", test);
        Assert.Matches("^[А-Яа-яЁё ]+$", check);
    }

    // The machine is shared with other builds: a live page may take a while to answer.
    private const float Live = 15_000;

    private static Task ShowsAsync(ILocator locator) => Expect(locator).ToBeVisibleAsync(new() { Timeout = Live });

    private static Task PresentAsync(ILocator locator) => Expect(locator).ToHaveCountAsync(1, new() { Timeout = Live });

    private static Task GoneAsync(ILocator locator) => Expect(locator).ToHaveCountAsync(0, new() { Timeout = Live });

    private static Task HasTextAsync(ILocator locator, string text) => Expect(locator).ToHaveTextAsync(text, new() { Timeout = Live });

    /// <summary>A manager in the editor of a scenario with two unconnected messages, m1 and m2.</summary>
    private async Task<Editor> EditorAsync(string locale = "en-US")
    {
        var app = new Bots1CAppFactory();
        var baseUrl = app.StartOnKestrel();
        await app.CreateUserAsync("manager@example.ru", HtmlForms.Password, Roles.Manager);
        var definition = ScenarioDefinition.New("Greeting");
        definition.Steps.Add(new Step { Id = "m1", Kind = StepKind.Message, X = 320, Y = 60 });
        definition.Steps.Add(new Step { Id = "m2", Kind = StepKind.Message, X = 320, Y = 260 });
        var catalog = app.Services.GetRequiredService<ScenarioCatalog>();
        var id = (await catalog.CreateAsync(definition, "test")).Scenario!.Id;
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale, ViewportSize = new ViewportSize { Width = 1600, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.SignInAsync(baseUrl, "manager@example.ru");
        await page.OpenAsync($"{baseUrl}/scenarios/{id}");
        await page.Locator("[data-node-id=m2] .step-node-head").WaitForAsync();
        return new Editor(app, context, page, catalog, baseUrl, id);
    }

    private sealed class Editor(Bots1CAppFactory app, IBrowserContext context, IPage page, ScenarioCatalog catalog, string baseUrl, long id)
        : IAsyncDisposable
    {
        public IPage Page { get; private set; } = page;
        public long Id => id;
        public Bots1CAppFactory App => app;
        public IBrowserContext Context => context;
        public string BaseUrl => baseUrl;

        public async Task TypeIntoTextOfAsync(string stepId, string text)
        {
            await Page.ClickAsync($"[data-node-id={stepId}] .step-node-head");
            var field = Page.Locator($"[data-testid=step-properties][data-step-id={stepId}] textarea[data-testid=step-text]");
            await field.PressSequentiallyAsync(text);
        }

        public async Task ClickEmptyCanvasAsync()
        {
            var canvas = (await Page.Locator("[data-testid=scenario-canvas]").BoundingBoxAsync())!;
            await Page.Mouse.ClickAsync(canvas.X + canvas.Width - 30, canvas.Y + canvas.Height - 30);
        }

        public async Task SaveAsync()
        {
            await Page.ClickAsync("[data-testid=save]");
            await ShowsAsync(Page.Locator(".mud-snackbar").First);
            await GoneAsync(Page.Locator("[data-testid=unsaved]"));
        }

        /// <summary>The editor's drafts this browser keeps for the scenario, whoever they were kept for.</summary>
        private const string DraftsOfScenario =
            "id => Object.keys(localStorage).filter(k => k.startsWith('bots1c.scenario-draft.') && k.endsWith('.' + id))";

        public async Task<string[]> DraftKeysAsync(IPage? on = null) => await (on ?? Page).EvaluateAsync<string[]>(DraftsOfScenario, id);

        public Task WaitForDraftAsync() =>
            Eventually.GetAsync(() => Page.EvaluateAsync<string?>($"id => ({DraftsOfScenario})(id).map(k => localStorage.getItem(k)).join()", id),
                draft => draft is not null && draft.Contains(Typed), "the draft in the browser");

        public async Task SetStoredUpdatedAtAsync(DateTimeOffset at)
        {
            await using var db = await app.Db();
            await db.Scenarios.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, at));
        }

        public async Task<IPage> OpenAgainAsync(IPage? on = null)
        {
            Page = on ?? await context.NewPageAsync();
            await Page.OpenAsync($"{baseUrl}/scenarios/{id}");
            await Page.Locator("[data-node-id=m2] .step-node-head").WaitForAsync();
            return Page;
        }

        public async Task<ScenarioDefinition> StoredAsync() => (await catalog.GetAsync(id))!.Definition;

        public async ValueTask DisposeAsync()
        {
            await context.DisposeAsync();
            app.Dispose();
        }
    }
}
