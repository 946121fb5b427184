using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Hubs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Tests.Web.Deployment;

/// <summary>
/// deploy/nginx-bots1c.conf, as docs/deployment.md tells administrators to install it, in front of the real app on
/// Kestrel (told to believe the proxy on 127.0.0.1): the web chat's live replies, the WebSockets of the operators' hub
/// and of Blazor pages, the visitor's own address and https, and uploads as large as the app takes.
/// </summary>
public class NginxInFrontTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey()
        .With("Bots1C:ReverseProxy:KnownProxies:0", "127.0.0.1")
        .With("Bots1C:WebChat:KeepAliveSeconds", "600"); // no keep-alive comment pushes an event out of a buffer
    private NginxProxy _nginx = null!;

    public async Task InitializeAsync() => _nginx = await NginxProxy.StartAsync(_app.StartOnKestrel());

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
            await _nginx.DisposeAsync();
        _app.Dispose();
    }

    [NginxFact]
    public async Task The_web_chat_event_stream_passes_each_event_as_the_app_writes_it()
    {
        var botKey = ApiClient.BotKeyOf(await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Site chat", messenger = "WebChat", publicBaseUrl = $"https://{NginxProxy.Domain}",
        }));
        using var visitor = _nginx.Client(IPAddress.Parse("127.0.0.7"));
        var session = await visitor.PostAsJsonAsync($"/webchat/{botKey}/session", new { });
        var token = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        using var bound = new CancellationTokenSource(Bound);
        using var stream = await visitor.GetAsync($"/webchat/{botKey}/events?token={Uri.EscapeDataString(token)}",
            HttpCompletionOption.ResponseHeadersRead, bound.Token);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(bound.Token));
        Assert.Equal("event: ready", await events.ReadLineAsync(bound.Token));

        var message = new HttpRequestMessage(HttpMethod.Post, $"/webchat/{botKey}/messages") { Content = JsonContent.Create(new { id = "m-1", text = "Hello" }) };
        message.Headers.Add("X-Visitor-Token", token);
        Assert.Equal(HttpStatusCode.Accepted, (await visitor.SendAsync(message, bound.Token)).StatusCode);
        var contact = (await Eventually.GetAsync(_app.ContactsAsync, c => c.Count == 1, "the visitor to be stored")).Single();
        var reply = await _app.CreateApiClient().PostJsonAsync("/api/v1/messages", new { contactId = contact.Id, text = "An operator answers" });
        Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);

        var lines = new List<string>();
        while (!lines.Any(l => l.Contains("An operator answers")) && lines.Count < 100)
            lines.Add(await events.ReadLineAsync(bound.Token) ?? throw new Xunit.Sdk.XunitException("The stream ended: " + string.Join(" | ", lines)));
        Assert.Contains(lines, l => l.StartsWith("data: ") && l.Contains("An operator answers"));
    }

    [NginxFact]
    public async Task A_signed_in_program_connects_to_the_operators_hub_over_a_WebSocket_only()
    {
        var cookie = await SignedInCookieAsync();
        await using var connection = new HubConnectionBuilder()
            .WithUrl($"https://127.0.0.1:{_nginx.Port}{OperatorHub.Path}", o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true; // straight to the upgrade: nothing else could carry the connection
                o.Headers["Cookie"] = cookie;
                o.WebSocketConfiguration = ws => ws.RemoteCertificateValidationCallback = (_, c, _, _) => _nginx.Trusted(c);
            })
            .Build();

        await connection.StartAsync().WaitAsync(Bound);
        await connection.InvokeAsync("Watch", (long?)null).WaitAsync(Bound); // a round trip over the socket

        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [NginxFact]
    public async Task A_Blazor_page_connection_is_upgraded_to_a_WebSocket()
    {
        var cookie = await SignedInCookieAsync();
        using var socket = new ClientWebSocket();
        socket.Options.RemoteCertificateValidationCallback = (_, c, _, _) => _nginx.Trusted(c);
        socket.Options.SetRequestHeader("Cookie", cookie);
        using var bound = new CancellationTokenSource(Bound);

        await socket.ConnectAsync(new Uri($"wss://127.0.0.1:{_nginx.Port}/_blazor"), bound.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, bound.Token);
        var buffer = new byte[1024];
        var answer = await socket.ReceiveAsync(buffer, bound.Token);

        Assert.Equal("{}\u001e", Encoding.UTF8.GetString(buffer, 0, answer.Count)); // SignalR's handshake accepted
    }

    [NginxFact]
    public async Task The_app_sees_the_visitors_own_address_and_https()
    {
        await _app.CreateUserAsync("anna@example.ru", HtmlForms.Password, Roles.Operator); // or every page leads to /setup
        using var visitor = _nginx.Client(IPAddress.Parse("127.0.0.9"));

        await visitor.SignInAsync("anna@example.ru", "Wr0ngPassword");
        var page = await visitor.GetAsync("/account/login");

        await using var db = await _app.Db();
        var failed = Assert.Single(await db.Events.AsNoTracking().Where(e => e.Code == "SignInFailed").ToListAsync());
        Assert.Contains("127.0.0.9", failed.Message); // not nginx's 127.0.0.1
        Assert.True(page.Headers.Contains("Strict-Transport-Security"), "HSTS is sent only to requests the app saw as https");
    }

    [NginxFact]
    public async Task A_20_MB_PDF_for_the_print_forms_API_reaches_the_app()
    {
        using var api = _nginx.Client(IPAddress.Parse("127.0.0.10"));
        api.DefaultRequestHeaders.Add("X-Api-Key", ApiClient.Key);
        var pdf = new byte[Bots1C.Domain.Conversations.OutgoingTextValidator.MaxFileBytes];
        "%PDF-1.4\n"u8.CopyTo(pdf);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(pdf), "file", "invoice.pdf" },
            { new StringContent("987654"), "counterpartyId" },
        };

        var response = await api.PostAsync("/api/v1/print-forms/send", form);

        // The app's own answer about the unknown counterparty, given after it read the whole form: not nginx's 413.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Counterparty 987654 does not exist", await response.Content.ReadAsStringAsync());
    }

    private async Task<string> SignedInCookieAsync()
    {
        await _app.CreateUserAsync("anna@example.ru", HtmlForms.Password, Roles.Operator);
        var cookies = new CookieContainer();
        using var browser = _nginx.Client(IPAddress.Parse("127.0.0.8"), cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("anna@example.ru")).StatusCode);
        var header = cookies.GetCookieHeader(browser.BaseAddress!);
        Assert.Contains(".Bots1C.Auth=", header);
        return header;
    }
}
