using System.Net;
using System.Net.Http.Json;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Tests.Web.WebChat;

/// <summary>The web chat tells the bot the visitor's language: the window sends the browser's <c>navigator.language</c>
/// with each message, stored on the contact (as Telegram's language_code is) once it is a short BCP-47 tag.</summary>
public class WebChatLanguageTests : IAsyncLifetime
{
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private string _botKey = "";

    public async Task InitializeAsync() =>
        (_, _botKey) = await WebChatSite.CreateBotAsync(_app, ScenarioBuilder.Named("Hi").OnCommand("/hi").StartsWith("m").Message("m", "Hi").Then("end").End("end"));

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private async Task<string?> LanguageStoredAsync(string? language, string acceptLanguage)
    {
        var visitor = _app.CreateClient();
        visitor.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var token = await WebChatSite.OpenSessionAsync(visitor, _botKey);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webchat/{_botKey}/messages")
        {
            Content = JsonContent.Create(new { id = "m-1", text = "/hi", language }),
        };
        request.Headers.Add("X-Visitor-Token", token);
        Assert.Equal(HttpStatusCode.Accepted, (await visitor.SendAsync(request)).StatusCode);
        var contact = await Eventually.GetAsync(async () =>
        {
            await using var db = await _app.Db();
            return await db.Contacts.AsNoTracking().SingleOrDefaultAsync();
        }, c => c is not null, "the visitor's contact to be stored");
        return contact!.LanguageCode;
    }

    [Fact]
    public async Task The_browsers_language_sent_with_the_message_is_stored_on_the_contact()
    {
        Assert.Equal("en-GB", await LanguageStoredAsync("en-GB", "ru-RU,ru;q=0.9"));
    }

    [Fact]
    public async Task Without_a_browser_language_the_requests_first_accept_language_counts()
    {
        Assert.Equal("de-DE", await LanguageStoredAsync(null, "de-DE,de;q=0.9,en;q=0.8"));
    }

    [Fact]
    public async Task Something_that_is_no_language_tag_is_not_stored_and_the_message_still_arrives()
    {
        Assert.Null(await LanguageStoredAsync("<b>x</b>", "<i>y</i>"));
    }
}
