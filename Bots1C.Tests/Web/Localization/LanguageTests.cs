using System.Net;
using System.Xml.Linq;
using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Web.Localization;

public class LanguageTests : IClassFixture<LanguageTests.AppWithAdmin>
{
    private readonly AppWithAdmin _app;

    public LanguageTests(AppWithAdmin app) => _app = app;

    [Theory]
    [InlineData("ru-RU,ru;q=0.9,en;q=0.8", "Вход", "ru")]
    [InlineData("en-US,en;q=0.9", "Sign in", "en")]
    [InlineData("de-DE", "Sign in", "en")]
    public async Task The_sign_in_page_follows_the_browser_language(string acceptLanguage, string title, string lang)
    {
        var page = await GetAsync(_app.CreateBrowserLikeClient(), "/account/login", acceptLanguage);
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("ru-RU", "Главная", "Состояние", "Мессенджер", "Чат-боты", "Сценарии", "Быстрые ответы", "Контрагенты", "Контакты", "Печатные формы", "Пользователи", "Журнал регистрации", "Ключи API", "Лицензия")]
    [InlineData("en-US", "Home", "Status", "Messenger", "Bots", "Scenarios", "Quick replies", "Counterparties", "Contacts", "Print forms", "Users", "Event log", "API keys", "License")]
    public async Task The_shell_renders_in_the_browser_language(string acceptLanguage, params string[] navigation)
    {
        var client = _app.CreateBrowserLikeClient();
        await client.SignInAsync(AppWithAdmin.Email);

        var page = await GetAsync(client, "/", acceptLanguage);

        var links = page.QuerySelectorAll("[data-testid=nav] a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(navigation, links);
    }

    [Fact]
    public async Task The_chosen_language_is_remembered_over_the_browser_language()
    {
        var client = _app.CreateBrowserLikeClient();
        var switched = await client.GetAsync("/culture/set?culture=ru&returnUrl=account/login");
        Assert.Equal("/account/login", switched.RedirectPath());

        var page = await GetAsync(client, "/account/login", "en-US");
        Assert.Equal("Вход", page.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("c=xx-YY|uic=xx-YY")]
    [InlineData("c=|uic=")]
    public async Task A_malformed_language_cookie_falls_back_to_the_browser_language(string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("Cookie", $".AspNetCore.Culture={Uri.EscapeDataString(cookie)}");
        request.Headers.Add("Accept-Language", "ru-RU");

        var response = await _app.CreateBrowserLikeClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Вход", (await HtmlForms.ParseAsync(response)).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task An_unknown_language_is_refused_with_the_supported_ones()
    {
        var response = await _app.CreateBrowserLikeClient().GetAsync("/culture/set?culture=de&returnUrl=");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ru, en", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("//evil.example/x", "/evil.example/x")]
    [InlineData("/\\evil.example", "/evil.example")]
    [InlineData("admin/users", "/admin/users")]
    public async Task The_language_switch_only_returns_inside_the_app(string returnUrl, string expected)
    {
        var response = await _app.CreateBrowserLikeClient().GetAsync($"/culture/set?culture=en&returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(expected, response.RedirectPath());
    }

    [Fact]
    public void Every_string_exists_in_both_languages()
    {
        var folder = Path.Combine(SolutionFolder(), "Bots1C.Web", "Resources");
        var english = Keys(Path.Combine(folder, "SharedResource.resx"));
        var russian = Keys(Path.Combine(folder, "SharedResource.ru.resx"));
        Assert.Empty(english.Except(russian));
        Assert.Empty(russian.Except(english));
    }

    private static HashSet<string> Keys(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();

    private static string SolutionFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bots1C.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Bots1C.sln not found above the test folder.");
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> GetAsync(HttpClient client, string url, string acceptLanguage)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Accept-Language", acceptLanguage);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlForms.ParseAsync(response);
    }

    public sealed class AppWithAdmin : Bots1CAppFactory, IAsyncLifetime
    {
        public const string Email = "admin@example.ru";
        public Task InitializeAsync() => CreateUserAsync(Email, HtmlForms.Password, Roles.Administrator);
        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }
}
