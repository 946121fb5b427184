using System.Net;
using System.Net.Sockets;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Channels.JivoChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bots1C.Tests.Domain.Channels.JivoChat;

/// <summary>Our events to Jivo's endpoint: the exact bodies, and what each answer means for the outbox.</summary>
public sealed class JivoChatSendTests : IDisposable
{
    private const string Chat = "2037/1233";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1665415900);
    private readonly JivoChatApiFake _api = new();
    private readonly ServiceProvider _services = ChannelKit.Services(clock: new FakeTimeProvider(Now));
    private IChannelAdapter Jivo => _services.Adapter(Messenger.JivoChat);

    private Task<SendResult> Send(OutgoingMessage message, BotCredentials? bot = null) => Jivo.SendAsync(bot ?? _api.Bot, message, CancellationToken.None);

    public void Dispose()
    {
        _api.Dispose();
        _services.Dispose();
    }

    /// <summary>The body Jivo got, with the event's own id (a new UUID each time) checked and taken out.</summary>
    private System.Text.Json.Nodes.JsonNode Posted()
    {
        var request = Assert.Single(_api.Server.Requests());
        Assert.Equal(JivoChatApiFake.EndpointPath, request.RequestMessage.Path);
        var body = request.JsonBody()!.AsObject();
        Assert.True(Guid.TryParse(body["id"]!.GetValue<string>(), out _), $"id {body["id"]}");
        body.Remove("id");
        return body;
    }

    [Fact]
    public async Task A_text_is_a_BOT_MESSAGE_to_the_chat_and_its_client_posted_to_the_provider_and_token_path()
    {
        _api.Answers(200);

        var result = await Send(new OutgoingMessage(Chat, "Здравствуйте!"));

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        ChannelKit.SameJson("""
            {"event":"BOT_MESSAGE","chat_id":"2037","client_id":"1233","message":{"type":"TEXT","text":"Здравствуйте!","timestamp":1665415900}}
            """, Posted());
    }

    [Fact]
    public async Task Buttons_are_a_BUTTONS_message_whose_ids_are_the_buttons_payloads_and_links_become_lines()
    {
        _api.Answers(200);

        await Send(new OutgoingMessage(Chat, "Choose:")
        {
            Buttons = [new Button(ButtonKind.Callback, "Prices", "s7:m1:b1"), new Button(ButtonKind.Reply, "Later"), new Button(ButtonKind.OpenUrl, "Site", "https://example.ru")],
        });

        ChannelKit.SameJson("""
            {"event":"BOT_MESSAGE","chat_id":"2037","client_id":"1233","message":{"type":"BUTTONS","text":"Choose:\nSite: https://example.ru",
             "buttons":[{"text":"Prices","id":"s7:m1:b1"},{"text":"Later","id":"Later"}],"timestamp":1665415900}}
            """, Posted());
    }

    [Fact]
    public async Task A_file_is_a_text_with_its_name_and_public_link_after_the_caption()
    {
        _api.Answers(200);

        await Send(new OutgoingMessage(Chat, "Your invoice")
        {
            File = new OutgoingFile("invoice-7.pdf", "application/pdf", [1, 2, 3], "https://bot.example.ru/bots_unf/files/abc"),
        });

        ChannelKit.SameJson("""
            {"event":"BOT_MESSAGE","chat_id":"2037","client_id":"1233","message":{"type":"TEXT",
             "text":"Your invoice\ninvoice-7.pdf: https://bot.example.ru/bots_unf/files/abc","timestamp":1665415900}}
            """, Posted());
    }

    [Fact]
    public async Task A_file_without_a_public_link_is_refused_without_a_call()
    {
        var result = await Send(new OutgoingMessage(Chat, null) { File = new OutgoingFile("a.pdf", "application/pdf", [1], null) });

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Contains("public address", result.Reason);
        Assert.Empty(_api.Server.Requests());
    }

    [Fact]
    public async Task Inviting_an_agent_is_an_INVITE_AGENT_for_the_chat_and_its_client()
    {
        _api.Answers(200);

        Assert.Equal(SendOutcome.Sent, (await Send(new OutgoingMessage(Chat, null) { InviteAgent = true })).Outcome);

        ChannelKit.SameJson("""{"event":"INVITE_AGENT","chat_id":"2037","client_id":"1233"}""", Posted());
    }

    [Fact]
    public async Task Too_many_requests_waits_as_long_as_Jivo_asks()
    {
        _api.Answers(429, retryAfter: "7");

        var result = await Send(new OutgoingMessage(Chat, "Hi"));

        Assert.Equal((SendOutcome.RateLimited, TimeSpan.FromSeconds(7)), (result.Outcome, result.RetryAfter));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task A_refused_provider_id_or_token_fails_with_a_reason_an_operator_can_read(int status)
    {
        _api.Answers(status);

        var result = await Send(new OutgoingMessage(Chat, "Hi"));

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Equal($"JivoChat refused the bot's provider id or token (HTTP {status})", result.Reason);
    }

    [Fact]
    public async Task A_malformed_message_fails_for_good()
    {
        _api.Answers(400);
        Assert.Equal(SendOutcome.Failed, (await Send(new OutgoingMessage(Chat, "Hi"))).Outcome);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task A_server_error_is_tried_again_later(int status)
    {
        _api.Answers(status);
        Assert.Equal(SendOutcome.Transient, (await Send(new OutgoingMessage(Chat, "Hi"))).Outcome);
    }

    [Fact]
    public async Task An_unreachable_Jivo_is_tried_again_later_and_the_reason_never_holds_the_address_with_the_token()
    {
        var bot = _api.Bot with { ApiServerUrl = $"http://127.0.0.1:{ClosedPort()}" };

        var result = await Send(new OutgoingMessage(Chat, "Hi"), bot);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.DoesNotContain(JivoChatApiFake.Token, result.Reason);
        Assert.DoesNotContain("/webhooks/", result.Reason);
    }

    [Fact]
    public async Task A_server_not_allowed_for_the_token_is_refused_before_anything_leaves_and_the_reason_holds_no_token()
    {
        using var strict = ChannelKit.Services(allowLoopback: false);

        var result = await strict.Adapter(Messenger.JivoChat).SendAsync(_api.Bot, new OutgoingMessage(Chat, "Hi"), CancellationToken.None);

        Assert.NotEqual(SendOutcome.Sent, result.Outcome);
        Assert.DoesNotContain(JivoChatApiFake.Token, result.Reason);
        Assert.Empty(_api.Server.Requests());
    }

    [Fact]
    public async Task A_chat_without_its_client_is_refused_without_a_call()
    {
        Assert.Equal(SendOutcome.Failed, (await Send(new OutgoingMessage("2037", "Hi"))).Outcome);
        Assert.Empty(_api.Server.Requests());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
