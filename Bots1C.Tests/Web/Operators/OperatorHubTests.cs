using System.Net;
using Bots1C.Domain.Operators;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Hubs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Bots1C.Tests.Web.Operators;

/// <summary><c>/hubs/operators</c> as a program outside the app sees it: signed in with the app's cookie, it gets the
/// messenger's live events; without it, nothing.</summary>
public class OperatorHubTests : OperatorTestBase
{
    private const long Chat = 5001;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly List<HubConnection> _connections = [];

    public override async Task DisposeAsync()
    {
        foreach (var connection in _connections)
            await connection.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Signs in through the login form and returns the cookies a browser would send (the auth cookie among them).</summary>
    private async Task<string> SignInAsync(string email)
    {
        var cookies = new CookieContainer();
        var client = _app.CreateDefaultClient(new CookieContainerHandler(cookies));
        var response = await client.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var header = cookies.GetCookieHeader(client.BaseAddress!);
        Assert.Contains(".Bots1C.Auth=", header);
        return header;
    }

    /// <summary>Long polling shows the refusals as HTTP statuses; connected operators use WebSockets as browsers do. A
    /// long-polling client's goodbye can lose the race with its last poll, and then the server notices the leaving only
    /// at its 15-second inactivity sweep — as long as the tests' bound, which made the disconnect test flaky. A WebSocket
    /// closes with a close frame the server sees at once.</summary>
    private HubConnection Connection(string? cookie, bool webSockets = false)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.Server.BaseAddress, OperatorHub.Path.TrimStart('/')), o =>
            {
                o.HttpMessageHandlerFactory = _ => _app.Server.CreateHandler();
                if (cookie is not null)
                    o.Headers["Cookie"] = cookie;
                if (webSockets)
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                    o.WebSocketFactory = async (context, ct) =>
                    {
                        var client = _app.Server.CreateWebSocketClient();
                        client.ConfigureRequest = request => request.Headers["Cookie"] = cookie;
                        return await client.ConnectAsync(context.Uri, ct);
                    };
                }
                else
                    o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        _connections.Add(connection);
        return connection;
    }

    private async Task<(HubConnection Connection, OperatorRef Who)> ConnectedOperatorAsync(string name, string role = Bots1C.Domain.Accounts.Roles.Operator)
    {
        var who = await OperatorAsync(name, role);
        var connection = Connection(await SignInAsync($"{name}@example.ru"), webSockets: true);
        await connection.StartAsync().WaitAsync(Bound);
        return (connection, who);
    }

    private static Task<OperatorEvent> NextAsync(HubConnection connection, string eventName, Func<OperatorEvent, bool> wanted)
    {
        var received = new TaskCompletionSource<OperatorEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<OperatorEvent>(eventName, e =>
        {
            if (wanted(e))
                received.TrySetResult(e);
        });
        return received.Task;
    }

    [Fact]
    public async Task A_signed_in_operator_receives_MessageAdded_after_a_webhook_update()
    {
        var (connection, _) = await ConnectedOperatorAsync("anna");
        var added = NextAsync(connection, "MessageAdded", _ => true);

        await SayAsync(Chat, "hello");

        var change = await added.WaitAsync(Bound);
        var conversation = await ConversationAsync(Chat);
        Assert.Equal((_botId, conversation.Id), (change.BotId, change.ConversationId));
        var incoming = Assert.Single(await HistoryOfAsync(conversation.Id), m => m.Text == "hello");
        Assert.Equal(incoming.Id, change.MessageId);
    }

    /// <summary>docs/api.md publishes the event as <c>DialogChanged</c>; the code calls it a conversation change, the wire keeps the name.</summary>
    [Fact]
    public async Task A_taken_over_conversation_reaches_clients_as_DialogChanged_the_published_event_name()
    {
        await SayAsync(Chat, "hello");
        var conversation = await ConversationAsync(Chat);
        var (connection, anna) = await ConnectedOperatorAsync("anna");
        var changed = NextAsync(connection, "DialogChanged", e => e.ConversationId == conversation.Id);

        await Control.TakeOverAsync(conversation.Id, anna);

        var change = await changed.WaitAsync(Bound);
        Assert.Equal((_botId, (long?)null), (change.BotId, change.MessageId));
    }

    [Fact]
    public async Task An_anonymous_client_is_refused_with_401()
    {
        var connection = Connection(cookie: null);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync().WaitAsync(Bound));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_user_without_a_messenger_role_is_refused_with_403()
    {
        await _app.CreateUserAsync("nobody@example.ru", HtmlForms.Password);
        var connection = Connection(await SignInAsync("nobody@example.ru"));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync().WaitAsync(Bound));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_connected_operator_counts_as_online_until_the_connection_closes()
    {
        var (connection, anna) = await ConnectedOperatorAsync("anna");

        await Eventually.GetAsync(() => Task.FromResult(Presence.IsOnline(anna.UserId)), online => online, "anna online");

        await connection.DisposeAsync();
        await Eventually.GetAsync(() => Task.FromResult(Presence.IsOnline(anna.UserId)), online => !online, "anna offline");
    }

    [Fact]
    public async Task An_operator_watching_a_conversation_is_announced_to_the_others_by_name()
    {
        await SayAsync(Chat, "hello");
        var conversation = await ConversationAsync(Chat);
        var (anna, _) = await ConnectedOperatorAsync("anna");
        var (boris, _) = await ConnectedOperatorAsync("boris", Bots1C.Domain.Accounts.Roles.Manager);
        var presence = NextAsync(boris, "Presence", e => e.ConversationId == conversation.Id && e.People is { Count: > 0 });

        await anna.InvokeAsync(nameof(OperatorHub.Watch), (long?)conversation.Id).WaitAsync(Bound);

        var seen = await presence.WaitAsync(Bound);
        var watcher = Assert.Single(seen.People!);
        Assert.Equal(("anna", false), (watcher.Name, watcher.IsTyping));
        Assert.Equal(_botId, seen.BotId);
    }

    [Fact]
    public async Task An_operator_typing_in_a_watched_conversation_is_shown_typing_to_the_others()
    {
        await SayAsync(Chat, "hello");
        var conversation = await ConversationAsync(Chat);
        var (anna, _) = await ConnectedOperatorAsync("anna");
        var (boris, _) = await ConnectedOperatorAsync("boris");
        await anna.InvokeAsync(nameof(OperatorHub.Watch), (long?)conversation.Id).WaitAsync(Bound);
        var typing = NextAsync(boris, "Presence", e => e.People?.Any(p => p.IsTyping) == true);

        await anna.InvokeAsync(nameof(OperatorHub.Typing)).WaitAsync(Bound);

        Assert.Equal("anna", Assert.Single((await typing.WaitAsync(Bound)).People!).Name);
    }

    [Fact]
    public async Task A_watcher_who_disconnects_is_no_longer_shown_in_the_conversation()
    {
        await SayAsync(Chat, "hello");
        var conversation = await ConversationAsync(Chat);
        var (anna, _) = await ConnectedOperatorAsync("anna");
        var (boris, _) = await ConnectedOperatorAsync("boris");
        var watched = NextAsync(boris, "Presence", e => e.People is { Count: > 0 });
        await anna.InvokeAsync(nameof(OperatorHub.Watch), (long?)conversation.Id).WaitAsync(Bound);
        await watched.WaitAsync(Bound);
        var left = NextAsync(boris, "Presence", e => e.ConversationId == conversation.Id && e.People is { Count: 0 });

        await anna.DisposeAsync();

        await left.WaitAsync(Bound);
        Assert.Empty(Presence.Of(conversation.Id));
    }

    [Fact]
    public async Task A_hand_over_by_a_scenario_reaches_operators_as_WaitingStarted()
    {
        var (connection, _) = await ConnectedOperatorAsync("anna");
        var waiting = NextAsync(connection, "WaitingStarted", _ => true);

        await SayAsync(Chat, "/operator");

        var change = await waiting.WaitAsync(Bound);
        Assert.Equal((await ConversationAsync(Chat)).Id, change.ConversationId);
    }

    [Fact]
    public async Task Watching_a_conversation_that_does_not_exist_is_an_error_for_the_caller()
    {
        var (anna, _) = await ConnectedOperatorAsync("anna");

        var error = await Assert.ThrowsAsync<HubException>(() => anna.InvokeAsync(nameof(OperatorHub.Watch), (long?)987654).WaitAsync(Bound));

        Assert.Contains("987654", error.Message);
    }

    [Fact]
    public async Task Ping_answers_with_what_it_was_given()
    {
        var (anna, _) = await ConnectedOperatorAsync("anna");

        Assert.Equal(42L, await anna.InvokeAsync<long>(nameof(OperatorHub.Ping), 42L).WaitAsync(Bound));
    }
}
