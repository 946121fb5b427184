using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.Browser;

/// <summary>A user who chose Russian sees Russian on every main page: no English UI words and no internal codes
/// (enum names, event codes, resource keys) in the visible text, placeholders, titles or aria-labels.</summary>
public partial class RussianThroughoutBrowserTests(ChromiumFixture chromium, RussianThroughoutBrowserTests.SeededApp seeded)
    : IClassFixture<ChromiumFixture>, IClassFixture<RussianThroughoutBrowserTests.SeededApp>
{
    [Fact]
    public async Task Every_main_page_in_Russian_shows_no_English_words_and_no_raw_codes()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "ru-RU", ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        // The language switch's own way of remembering the choice: the culture cookie, set by its endpoint.
        await page.GotoAsync(seeded.Url + "/culture/set?culture=ru&returnUrl=/account/login");
        await page.SignInAsync(seeded.Url, SeededApp.User);

        var failures = new StringBuilder();
        foreach (var (name, path, ready) in seeded.Pages)
        {
            await page.OpenAsync(seeded.Url + path);
            await page.Locator(ready).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            Assert.Equal("ru", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
            var (russian, english) = await VisibleTextAsync(page);
            foreach (var finding in Findings(russian, lookForEnglish: true).Concat(Findings(english, lookForEnglish: false)))
                failures.AppendLine($"{name} ({path}): {finding}");
        }

        Assert.True(failures.Length == 0, $"English or internal codes on Russian pages:\n{failures}");
    }

    /// <summary>What a user reads or hears: the rendered text, and placeholders, tooltips and labels of visible elements.
    /// Code the user copies (pre, code, kbd) is left out; text marked lang="en" (the event log's details of entries
    /// written before events kept their values, which only have the English sentence) and what a manager wrote marked
    /// data-content (a scenario's own texts on the editor's canvas, in the scenario's language: the ready-made ones hold
    /// English and Russian) are returned apart, to be checked for codes only.</summary>
    private static async Task<(string Russian, string English)> VisibleTextAsync(IPage page)
    {
        var parts = await page.EvaluateAsync<string[]>("""
            () => {
                let text = document.body.innerText;
                const english = [];
                for (const el of document.body.querySelectorAll('pre, code, kbd, [lang="en"], [data-content]')) {
                    const inner = el.innerText;
                    if (!inner) continue;
                    text = text.split(inner).join(' ');
                    if (el.matches('[lang="en"], [data-content]')) english.push(inner);
                }
                const attrs = [];
                for (const el of document.body.querySelectorAll('[placeholder], [title], [aria-label]')) {
                    if (!el.checkVisibility()) continue;
                    for (const a of ['placeholder', 'title', 'aria-label'])
                        if (el.getAttribute(a)) attrs.push(`«${el.getAttribute(a)}»`);
                }
                return [text + '\n' + attrs.join('\n'), english.join('\n')];
            }
            """);
        return (parts[0], parts[1]);
    }

    private static IEnumerable<string> Findings(string text, bool lookForEnglish)
    {
        // Addresses, commands, setting names and key names are not words of the interface: cut them out first.
        var cleaned = NotWords().Replace(text, " ");
        var seen = new HashSet<string>();
        foreach (Match m in RawCode().Matches(cleaned))
            if (!Allowed.Contains(m.Value) && seen.Add(m.Value))
                yield return $"raw code \"{m.Value}\" in \"{Around(cleaned, m)}\"";
        if (!lookForEnglish)
            yield break;
        foreach (Match m in LatinWord().Matches(cleaned))
            if (!Allowed.Contains(m.Value) && EnglishUiWords.Contains(m.Value.ToLowerInvariant()) && seen.Add(m.Value))
                yield return $"English \"{m.Value}\" in \"{Around(cleaned, m)}\"";
    }

    private static string Around(string text, Match m)
    {
        var start = Math.Max(0, m.Index - 40);
        var end = Math.Min(text.Length, m.Index + m.Length + 40);
        return text[start..end].ReplaceLineEndings(" ⏎ ");
    }

    /// <summary>Latin that is not a word of the interface: http(s) addresses, paths (webhooks, "docs/getting-started.md"),
    /// bot commands ("/start"), e-mail addresses, setting names ("Bots1C:Licensing:ServerUrl"), HTTP header names
    /// ("X-Api-Key"), key combinations and key names in hints ("Ctrl+Z", "(Delete)", "Shift+Enter"), and "e-mail",
    /// which Russian writes in Latin.</summary>
    [GeneratedRegex(@"https?://\S+|(?<![\w/])/?[A-Za-z][\w.{}-]*(?:/[\w.{}-]+)+|(?<![\w/])/[a-z]+\b|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
        + @"|\bBots1C(?::\w+)+|\bX-[A-Za-z-]+|\b(?:Ctrl|Shift|Alt)\+\w+|\((?:Delete|Del|Esc|Enter)\)|\b(?:Enter|Esc)\b|\be-mail\b")]
    private static partial Regex NotWords();

    /// <summary>Internal identifiers: PascalCase of two or more parts ("TakenOver", "ConnectionFailing"), camelCase
    /// ("waitingForOperator") and dotted resource keys ("Bots.CheckNow").</summary>
    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9]*\.[A-Z][A-Za-z0-9]+\b|\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b|\b[a-z]+(?:[A-Z][a-z0-9]+)+\b")]
    private static partial Regex RawCode();

    [GeneratedRegex(@"\b[A-Za-z]+\b")]
    private static partial Regex LatinWord();

    /// <summary>What is legitimately Latin in a Russian interface.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        // The product and the messengers, 1C and its protocol: brand names are not translated.
        "Bots1C", "Telegram", "Viber", "WhatsApp", "MAX", "VK", "JivoChat", "OData",
        // Technical abbreviations Russian IT texts keep in Latin.
        "API", "REST", "URL", "HTTP", "HTTPS", "PDF", "CSV", "JSON", "TLS", "SSL", "DNS", "ID", "IP", "XML", "SQLite",
        // The name of the 1C HTTP-service method the invoice template calls: the administrator types it in 1C as is.
        "LatestInvoice",
        // Data the seed typed: the signed-in operator's login name.
        "anna",
    };

    /// <summary>Common English interface words, lower case; a Latin word on the page is compared in lower case.</summary>
    private static readonly HashSet<string> EnglishUiWords = new(StringComparer.Ordinal)
    {
        "save", "cancel", "delete", "remove", "edit", "add", "new", "create", "search", "find", "filter", "settings",
        "status", "name", "check", "test", "close", "closed", "send", "sent", "open", "back", "next", "previous", "yes",
        "no", "none", "loading", "error", "errors", "warning", "ok", "the", "and", "or", "of", "to", "is", "are", "not",
        "in", "on", "at", "for", "with", "from", "by", "a", "an", "it", "this", "that", "be", "was", "has", "have",
        "you", "your", "we", "our", "all", "any", "some", "more", "less", "show", "hide", "copy", "paste", "upload",
        "download", "import", "export", "print", "preview", "apply", "reset", "refresh", "reload", "retry", "run",
        "start", "stop", "pause", "resume", "enable", "enabled", "disable", "disabled", "active", "inactive", "on", "off",
        "login", "logout", "sign", "user", "users", "role", "roles", "password", "email", "phone", "contact", "contacts",
        "message", "messages", "chat", "chats", "bot", "bots", "scenario", "scenarios", "step", "steps", "operator",
        "operators", "waiting", "pending", "failed", "failing", "success", "succeeded", "done", "ready", "unknown",
        "connected", "disconnected", "connection", "online", "offline", "date", "time", "today", "yesterday", "ago",
        "minutes", "hours", "days", "type", "kind", "value", "key", "keys", "license", "licence", "dashboard", "home",
        "help", "about", "welcome", "language", "theme", "dark", "light", "menu", "more", "details", "description",
        "title", "text", "note", "notes", "reply", "replies", "quick", "form", "forms", "document", "documents",
        "template", "templates", "event", "events", "log", "level", "info", "information", "debug", "source",
        "target", "owner", "owners", "counterparty", "counterparties", "organisation", "organization", "total", "count",
        "page", "rows", "row", "of", "first", "last", "select", "selected", "choose", "confirm", "submit", "continue",
        "skip", "finish", "finished", "install", "installed", "expires", "expired", "valid", "invalid", "required",
        "optional", "default", "custom", "general", "main", "bound", "unbound", "taken", "over", "returned", "assigned",
        "transferred", "reopened", "handed", "joined", "wrote", "unavailable", "visitor", "customer", "invoice",
        "diagnostics", "problems", "problem", "pass", "fail", "skipped", "webhook", "token", "channel", "channels",
        // Units: Russian writes КБ, МБ, ГБ.
        "b", "kb", "mb", "gb",
    };

    /// <summary>The app, on Kestrel, with the demo bot made by a Russian welcome tour and a conversation in Russian.</summary>
    public sealed class SeededApp : IAsyncLifetime
    {
        public const string User = "anna@example.ru";

        private readonly Bots1CAppFactory _app = new();

        public string Url { get; private set; } = "";

        public List<(string Name, string Path, string Ready)> Pages { get; } = [];

        public async Task InitializeAsync()
        {
            Url = _app.StartOnKestrel();
            var anna = await _app.CreateUserAsync(User, HtmlForms.Password, Roles.Administrator);
            var showcase = await ShowcaseSeed.SeedAsync(_app, Url, anna.Id, anna.DisplayName!, CultureInfo.GetCultureInfo("ru"));
            Pages.AddRange(showcase.MainPages());
            Pages.AddRange(
            [
                ("print documents", "/print-forms/documents", "[data-testid=pf-new-document]"),
                ("API keys", "/admin/api-keys", "[data-testid=keys-table]"),
                ("welcome", "/welcome", "[data-testid=welcome-skip]"),
            ]);
        }

        public async Task DisposeAsync() => await _app.DisposeAsync();
    }
}
