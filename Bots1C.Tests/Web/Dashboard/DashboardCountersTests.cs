using Bots1C.Domain.Conversations;
using Bots1C.Domain.Dashboard;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Dashboard;

/// <summary>The tiles' and charts' figures against a seeded set of dialogs, messages and deliveries (real SQLite).</summary>
public class DashboardCountersTests : IAsyncLifetime
{
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey().WithFakeClock();
    private DateTimeOffset _noon;
    private long _shop, _site;

    public async Task InitializeAsync()
    {
        // Midday of tomorrow (the fake clock only moves forward), so "today" and "the last 24 hours" never straddle midnight.
        var localNoon = DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.Local).Date.AddDays(1).AddHours(12), DateTimeKind.Unspecified);
        _noon = new DateTimeOffset(localNoon, TimeZoneInfo.Local.GetUtcOffset(localNoon)).ToUniversalTime();
        _app.Clock!.SetUtcNow(_noon);
        var api = _app.CreateApiClient();
        _shop = (await api.CreateBotAsync(new { name = "Shop", messenger = "WebChat", publicBaseUrl = "http://localhost:5080" })).GetProperty("id").GetInt64();
        _site = (await api.CreateBotAsync(new { name = "Site", messenger = "WebChat", publicBaseUrl = "http://localhost:5080" })).GetProperty("id").GetInt64();

        await using var db = await _app.Db();
        Conversation NewConversation(long botId, string user, ConversationMode mode, bool closed = false)
        {
            var contact = new Contact { BotId = botId, ExternalUserId = user, FirstName = user, CreatedAt = _noon.AddDays(-3), UpdatedAt = _noon.AddDays(-3) };
            return new Conversation { BotId = botId, Contact = contact, ChatId = user, Mode = mode, IsClosed = closed, CreatedAt = _noon.AddDays(-3), LastMessageAt = _noon };
        }
        Message In(DateTimeOffset at) => new() { Direction = MessageDirection.Incoming, Kind = MessageKind.Text, Text = "?", CreatedAt = at };
        Message Bot(DateTimeOffset at) => new() { Direction = MessageDirection.Outgoing, Kind = MessageKind.Text, Text = "bot", Author = Bots1C.Domain.Scenarios.ScenarioResponder.Author, CreatedAt = at };
        Message Operator(DateTimeOffset at) => new() { Direction = MessageDirection.Outgoing, Kind = MessageKind.Text, Text = "hi", Author = "anna", AuthorUserId = "u1", CreatedAt = at };

        var waiting = NewConversation(_shop, "w", ConversationMode.WaitingForOperator);
        var withBot = NewConversation(_shop, "b", ConversationMode.Bot);
        var closed = NewConversation(_shop, "c", ConversationMode.Bot, closed: true);
        db.Conversations.AddRange(waiting, withBot, closed);
        await db.SaveChangesAsync();
        foreach (var (conversation, message) in new[]
        {
            (waiting, In(_noon.AddHours(-3))), (waiting, Bot(_noon.AddHours(-3).AddSeconds(1))),
            (waiting, In(_noon.AddHours(-2))), (waiting, Operator(_noon.AddHours(-2).AddMinutes(10))),
            (waiting, new Message { Direction = MessageDirection.Internal, Kind = MessageKind.Note, Text = "note", CreatedAt = _noon.AddHours(-1) }),
            (withBot, In(_noon.AddDays(-1))), (withBot, Bot(_noon.AddDays(-1).AddSeconds(1))),
        })
        {
            message.ConversationId = conversation.Id;
            db.Messages.Add(message);
            await db.SaveChangesAsync(); // one by one: ids keep the order the dialog happened in
        }
        db.Outbox.AddRange(
            new OutboxItem { BotId = _shop, ChatId = "w", State = OutboxState.Pending, CreatedAt = _noon.AddMinutes(-5), NextAttemptAt = _noon.AddHours(1) },
            new OutboxItem { BotId = _shop, ChatId = "w", State = OutboxState.Failed, CreatedAt = _noon.AddHours(-4), NextAttemptAt = _noon },
            new OutboxItem { BotId = _shop, ChatId = "b", State = OutboxState.Failed, CreatedAt = _noon.AddDays(-1), NextAttemptAt = _noon });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    [Fact]
    public async Task Tiles_count_todays_messages_conversations_and_deliveries_per_bot()
    {
        var tiles = await Service<DashboardQueries>().TilesAsync();

        var shop = Assert.Single(tiles, t => t.BotId == _shop);
        Assert.Equal((2, 2), (shop.InToday, shop.OutToday));
        Assert.Equal((_noon.AddHours(-2), _noon.AddHours(-2).AddMinutes(10)), (shop.LastIn, shop.LastOut));
        Assert.Equal((2, 1), (shop.OpenConversations, shop.WaitingConversations));
        Assert.Equal((1, 1), (shop.OutboxBacklog, shop.FailedToday));
        var site = Assert.Single(tiles, t => t.BotId == _site);
        Assert.Equal((0, 0, 0, 0, null), (site.InToday, site.OutToday, site.OpenConversations, site.OutboxBacklog, site.LastIn));
    }

    [Fact]
    public async Task Hourly_and_daily_charts_count_messages_in_and_out_per_period()
    {
        var charts = Service<DashboardCharts>();

        var hourly = await charts.HourlyAsync(_shop);
        var daily = await charts.DailyAsync(null);

        Assert.Equal(24, hourly.Starts.Count);
        Assert.Equal((2, 2), (hourly.In.Sum(), hourly.Out.Sum())); // yesterday's noon is before the window's first hour
        Assert.Equal(1, hourly.In[hourly.Starts.ToList().IndexOf(_noon.AddHours(-3))]);
        Assert.Equal(30, daily.Starts.Count);
        Assert.Equal((2, 2), (daily.In[^1], daily.Out[^1]));
        Assert.Equal((1, 1), (daily.In[^2], daily.Out[^2]));
    }

    [Fact]
    public async Task First_response_counts_from_the_customers_message_the_bot_did_not_answer_to_the_operators_reply()
    {
        var response = await Service<DashboardCharts>().FirstResponseAsync(_shop);

        Assert.Equal(10.0, response.AverageMinutes[^1]);
        Assert.Equal(1, response.Answered[^1]);
        Assert.Null(response.AverageMinutes[^2]);
    }
}
