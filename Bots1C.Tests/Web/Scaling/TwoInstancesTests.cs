using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Hubs;
using Bots1C.Web.Scaling;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Scaling;

/// <summary>
/// Two instances behind one address (docs/scaling.md): one database, one Redis. What happens on one is seen on the
/// other — live, exactly once — and of two operators taking one dialog on two instances, one wins.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    /// <summary>How long a test waits after the first copy of an event for a second one that must not come.</summary>
    private static readonly TimeSpan NoSecondCopyWithin = TimeSpan.FromSeconds(2);

    private readonly WireMockServer _telegram = WireMockServer.Start();
    private readonly List<HubConnection> _hubs = [];
    private TwoInstances _apps = null!;
    private long _botId;
    private string _botKey = "", _secret = "";
    private int _updateId = 7000;

    public async Task InitializeAsync()
    {
        _telegram.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/json").WithBody("""{"ok":true,"result":{"message_id":1,"date":1441645532,"chat":{"id":1,"type":"private"},"text":"ok"}}"""));
        _apps = await TwoInstances.StartAsync(a => a.WithApiKey());
        var bot = await _apps.A.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru", apiServerUrl = _telegram.Url,
        });
        _botId = bot.GetProperty("id").GetInt64();
        _botKey = ApiClient.BotKeyOf(bot);
        _secret = (await _apps.A.StoredBotAsync(_botId)).WebhookSecret;
    }

    public async Task DisposeAsync()
    {
        foreach (var hub in _hubs)
            await hub.DisposeAsync();
        _apps.Dispose();
        _telegram.Stop();
    }

    [RedisFact]
    public async Task A_hub_client_on_one_instance_sees_a_message_that_came_in_through_the_other_exactly_once()
    {
        var hub = await HubClientAsync(_apps.A, "anna");
        var seen = new ConcurrentQueue<OperatorEvent>();
        hub.On<OperatorEvent>("MessageAdded", seen.Enqueue);

        var message = await CustomerWritesAsync(_apps.B, 501, "hello from B");

        await Eventually.GetAsync(() => Task.FromResult(seen.Count(e => e.MessageId == message.Id)), n => n >= 1, "the hub client on A to hear of it");
        await Task.Delay(NoSecondCopyWithin);
        Assert.Single(seen, e => e.MessageId == message.Id);
    }

    [RedisFact]
    public async Task A_screen_on_one_instance_hears_a_message_that_came_in_through_the_other_exactly_once()
    {
        var heard = new ConcurrentQueue<ConversationEvent>();
        using var screen = _apps.A.Services.GetRequiredService<ConversationNotifier>().Subscribe(e =>
        {
            heard.Enqueue(e);
            return Task.CompletedTask;
        });

        var message = await CustomerWritesAsync(_apps.B, 502, "hello from B");

        await Eventually.GetAsync(() => Task.FromResult(heard.Count(e => e.MessageId == message.Id)), n => n >= 1, "a screen on A to hear of it");
        await Task.Delay(NoSecondCopyWithin);
        var change = Assert.Single(heard, e => e.MessageId == message.Id);
        Assert.Equal((ConversationChange.MessageAdded, message.ConversationId, true), (change.Change, change.ConversationId, change.FromOtherInstance));
    }

    [RedisFact]
    public async Task A_bot_health_change_found_on_one_instance_reaches_the_dashboards_on_the_other_once()
    {
        var heard = new ConcurrentQueue<long>();
        using var dashboard = _apps.B.Services.GetRequiredService<Bots1C.Domain.Dashboard.DashboardSignal>().Subscribe(id =>
        {
            heard.Enqueue(id);
            return Task.CompletedTask;
        });

        await _apps.A.Services.GetRequiredService<Bots1C.Domain.Dashboard.DashboardSignal>().PublishAsync(_botId);

        await Eventually.GetAsync(() => Task.FromResult(heard.Count), n => n >= 1, "B's dashboard to hear of it");
        await Task.Delay(NoSecondCopyWithin);
        Assert.Equal([_botId], heard);
    }

    [RedisFact]
    public async Task A_bot_changed_through_one_instance_is_used_by_the_other_within_a_second()
    {
        await CustomerWritesAsync(_apps.B, 503, "B now holds the bot in its cache");

        var changed = await _apps.A.CreateApiClient().PutJsonAsync($"/api/v1/bots/{_botId}",
            new { name = "Shop", messenger = "Telegram", publicBaseUrl = "https://bot.example.ru", apiServerUrl = _telegram.Url, state = "Disabled" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var onB = _apps.B.Services.GetRequiredService<BotCache>();
        await Eventually.GetAsync(async () => (await onB.FindByIdAsync(_botId))!.State, s => s == BotState.Disabled, "B to use the disabled bot", seconds: 1);
        var updateId = await PostUpdateAsync(_apps.B, 503, "to a disabled bot");
        var row = Assert.Single(await _apps.B.InboxAsync(), r => r.ExternalId == updateId.ToString());
        Assert.Equal(InboxState.Ignored, row.State);
    }

    [RedisFact]
    public async Task An_operator_online_and_watching_on_one_instance_is_seen_so_on_the_other()
    {
        var message = await CustomerWritesAsync(_apps.A, 504, "hello");
        var anna = await _apps.A.CreateUserAsync("anna@example.ru", HtmlForms.Password, Bots1C.Domain.Accounts.Roles.Operator);
        var onA = _apps.A.Services.GetRequiredService<OperatorPresence>();
        var onB = _apps.B.Services.GetRequiredService<OperatorPresence>();
        Assert.False(onB.IsOnline(anna.Id));

        var online = onA.GoOnline(anna.Id);
        await onA.WatchAsync("anna's page", anna.Id, "Anna", _botId, message.ConversationId);

        await Eventually.GetAsync(() => Task.FromResult(onB.IsOnline(anna.Id)), o => o, "B to count Anna online", seconds: 3);
        var watching = await Eventually.GetAsync(() => Task.FromResult(onB.Of(message.ConversationId)), p => p.Count == 1, "B to see Anna in the dialog", seconds: 3);
        Assert.Equal("Anna", watching[0].Name);

        await onA.LeaveAsync("anna's page");
        online.Dispose();
        await Eventually.GetAsync(() => Task.FromResult(onB.IsOnline(anna.Id)), o => !o, "B to count Anna offline", seconds: 3);
        Assert.Empty(onB.Of(message.ConversationId));
    }

    [RedisFact]
    public async Task A_stopped_instance_s_operators_are_offline_for_the_other_within_seconds()
    {
        var anna = await _apps.A.CreateUserAsync("anna@example.ru", HtmlForms.Password, Bots1C.Domain.Accounts.Roles.Operator);
        var onB = _apps.B.Services.GetRequiredService<OperatorPresence>();
        _apps.A.Services.GetRequiredService<OperatorPresence>().GoOnline(anna.Id); // never released: the instance goes away with it
        await Eventually.GetAsync(() => Task.FromResult(onB.IsOnline(anna.Id)), o => o, "B to count Anna online", seconds: 3);

        await _apps.A.DisposeAsync();

        var bound = (int)(OtherInstancesPresence.ForgetAfter + InstanceLink.RefreshEvery).TotalSeconds + 2;
        await Eventually.GetAsync(() => Task.FromResult(onB.IsOnline(anna.Id)), o => !o, "B to forget Anna", seconds: bound);
    }

    [RedisFact]
    public async Task A_hand_over_through_one_instance_goes_to_the_main_manager_online_on_the_other()
    {
        var maria = await _apps.A.CreateUserAsync("maria@example.ru", HtmlForms.Password, Bots1C.Domain.Accounts.Roles.Manager);
        var saved = await _apps.A.Services.GetRequiredService<Bots1C.Domain.Scenarios.ScenarioCatalog>().CreateAsync(
            Bots1C.Tests.Domain.Scenarios.ScenarioBuilder.Named("Operator").OnCommand("/operator").StartsWith("h").HandOver("h", "An operator will answer soon.").Definition, "test");
        await using (var db = await _apps.A.Db())
        {
            db.BotScenarios.Add(new Bots1C.Domain.Scenarios.BotScenario { BotId = _botId, ScenarioId = saved.Scenario!.Id });
            await db.SaveChangesAsync();
        }
        _apps.A.Services.GetRequiredService<Bots1C.Domain.Scenarios.ScenarioCache>().Invalidate(); // B hears of it too
        var first = await CustomerWritesAsync(_apps.B, 505, "hello");
        await using (var db = await _apps.A.Db())
        {
            var counterparty = new Bots1C.Domain.Counterparties.Counterparty { Name = "ООО Ромашка", MainManagerUserId = maria.Id, CreatedAt = DateTimeOffset.UtcNow };
            db.Counterparties.Add(counterparty);
            (await db.Conversations.Include(c => c.Contact).SingleAsync(c => c.Id == first.ConversationId)).Contact!.Counterparty = counterparty;
            await db.SaveChangesAsync();
        }
        using var online = _apps.A.Services.GetRequiredService<OperatorPresence>().GoOnline(maria.Id);
        await Eventually.GetAsync(() => Task.FromResult(_apps.B.Services.GetRequiredService<OperatorPresence>().IsOnline(maria.Id)), o => o,
            "B to count Maria online", seconds: 3);

        await PostUpdateAsync(_apps.B, 505, "/operator");

        await using var check = await _apps.A.Db();
        var conversation = await check.Conversations.AsNoTracking().SingleAsync(c => c.Id == first.ConversationId);
        Assert.Equal((ConversationMode.WithOperator, maria.Id), (conversation.Mode, conversation.AssignedUserId));
    }

    [RedisFact]
    public async Task Of_two_take_overs_on_two_instances_exactly_one_wins()
    {
        var anna = await _apps.A.CreateUserAsync("anna@example.ru", HtmlForms.Password, Bots1C.Domain.Accounts.Roles.Operator);
        var boris = await _apps.A.CreateUserAsync("boris@example.ru", HtmlForms.Password, Bots1C.Domain.Accounts.Roles.Operator);
        for (var round = 0; round < 5; round++)
        {
            var message = await CustomerWritesAsync(_apps.A, 600 + round, "who answers?");

            var results = await Task.WhenAll(
                _apps.A.Services.GetRequiredService<ConversationControl>().TakeOverAsync(message.ConversationId, new OperatorRef(anna.Id, "Anna")),
                _apps.B.Services.GetRequiredService<ConversationControl>().TakeOverAsync(message.ConversationId, new OperatorRef(boris.Id, "Boris")));

            Assert.Single(results, r => r.Succeeded);
            await using var db = await _apps.A.Db();
            var holder = (await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == message.ConversationId)).AssignedUserId;
            Assert.Equal(results[0].Succeeded ? anna.Id : boris.Id, holder);
        }
    }

    /// <summary>The customer writes in <paramref name="chatId"/> through <paramref name="app"/>'s webhook; returns the
    /// stored message once that instance has processed it.</summary>
    private async Task<Message> CustomerWritesAsync(Bots1CAppFactory app, long chatId, string text)
    {
        await PostUpdateAsync(app, chatId, text);
        return await Eventually.GetAsync(async () => (await app.MessagesAsync()).LastOrDefault(m => m.Text == text), m => m is not null,
            $"\"{text}\" to be stored") ?? throw new InvalidOperationException();
    }

    private async Task<int> PostUpdateAsync(Bots1CAppFactory app, long chatId, string text)
    {
        var updateId = Interlocked.Increment(ref _updateId);
        var response = await app.CreateClient().PostTelegramAsync(_botKey, MessagePath.TelegramText(updateId, chatId, text), _secret);
        response.EnsureSuccessStatusCode();
        await Eventually.GetAsync(app.InboxAsync, rows => rows.Any(r => r.ExternalId == updateId.ToString() && r.State != InboxState.Pending),
            $"update {updateId} to be processed");
        return updateId;
    }

    private async Task<HubConnection> HubClientAsync(Bots1CAppFactory app, string name)
    {
        await app.CreateUserAsync($"{name}@example.ru", HtmlForms.Password, Bots1C.Domain.Accounts.Roles.Operator);
        var cookies = new CookieContainer();
        var client = app.CreateDefaultClient(new CookieContainerHandler(cookies));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync($"{name}@example.ru")).StatusCode);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, OperatorHub.Path.TrimStart('/')), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Cookie"] = cookies.GetCookieHeader(client.BaseAddress!);
            })
            .Build();
        _hubs.Add(hub);
        await hub.StartAsync().WaitAsync(Bound);
        return hub;
    }
}
