using System.Net.Http.Json;
using System.Text.Json;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Web.WebChat;

/// <summary>A quiet chat window's event stream is not dropped by proxies that close idle connections (often after 60 s):
/// the server writes an SSE comment line every so often (Bots1C:WebChat:KeepAliveSeconds, 20 by default).</summary>
public class WebChatKeepAliveTests
{
    [Fact]
    public async Task A_quiet_event_stream_gets_a_comment_line_at_the_keep_alive_interval()
    {
        using var app = new Bots1CAppFactory().WithApiKey().With("Bots1C:WebChat:KeepAliveSeconds", "0.3");
        var botKey = ApiClient.BotKeyOf(await app.CreateApiClient().CreateBotAsync(new
        {
            name = "Site chat", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru",
        }));
        var visitor = app.CreateClient();
        var session = await visitor.PostAsJsonAsync($"/webchat/{botKey}/session", new { });
        var token = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await visitor.GetAsync($"/webchat/{botKey}/events?token={Uri.EscapeDataString(token)}",
            HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var lines = new List<string>();
        while (!lines.Any(l => l.StartsWith(':')) && lines.Count < 100)
            lines.Add(await reader.ReadLineAsync(timeout.Token) ?? throw new Xunit.Sdk.XunitException("The stream ended: " + string.Join(" | ", lines)));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("event: ready", lines[0]);
        Assert.StartsWith(":", lines[^1]);
    }
}
