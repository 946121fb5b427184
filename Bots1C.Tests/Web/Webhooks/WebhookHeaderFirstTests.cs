using System.Net.Sockets;
using System.Text;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>A caller without the messenger's secret is sent away on its headers: the app does not wait for (or hold)
/// a megabyte of body first. Real Kestrel and a raw socket, so nothing between the test and the server buffers.</summary>
public class WebhookHeaderFirstTests : IDisposable
{
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_wrong_secret_is_answered_401_before_the_body_is_sent()
    {
        var address = new Uri(_app.StartOnKestrel());
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru",
        });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();

        // Headers announce a body of almost a megabyte, none of which is ever sent.
        var head = $"POST /webhooks/{ApiClient.BotKeyOf(bot)} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\n"
            + "Content-Length: 1000000\r\nX-Telegram-Bot-Api-Secret-Token: wrong\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        Assert.StartsWith("HTTP/1.1 401", Encoding.ASCII.GetString(buffer, 0, read));
    }
}
