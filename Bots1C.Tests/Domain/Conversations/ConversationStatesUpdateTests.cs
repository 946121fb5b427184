using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Tests.Domain.Conversations;

/// <summary>The take-over as one conditional UPDATE (real SQLite): the same columns as the tracked transition, and the
/// database decides who came first.</summary>
public class ConversationStatesUpdateTests : IAsyncLifetime
{
    // Recent (whole seconds, as stored): an operator's dialog idle for long would be returned by the app's idle worker.
    private static readonly DateTimeOffset Earlier = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        Now = Earlier.AddSeconds(1);
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private long _botId;
    private string _anna = "", _boris = "";

    public async Task InitializeAsync()
    {
        _botId = (await _app.CreateApiClient().CreateBotAsync(new { name = "Site", messenger = "WebChat", publicBaseUrl = "http://localhost:5080" }))
            .GetProperty("id").GetInt64();
        _anna = (await _app.CreateUserAsync("anna@example.ru", HtmlForms.Password, [Bots1C.Domain.Accounts.Roles.Operator])).Id;
        _boris = (await _app.CreateUserAsync("boris@example.ru", HtmlForms.Password, [Bots1C.Domain.Accounts.Roles.Operator])).Id;
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private static Conversation Closed(string user) => new()
    {
        ChatId = user, Mode = ConversationMode.Bot, IsClosed = true, ClosedAt = Earlier, ScenarioId = null, StepId = "q", StepTries = 2,
        WaitingSince = Earlier, CreatedAt = Earlier, LastMessageAt = Earlier,
    };

    private async Task<long> StoreAsync(Conversation conversation)
    {
        await using var db = await _app.Db();
        conversation.BotId = _botId;
        conversation.Contact = new Contact { BotId = _botId, ExternalUserId = conversation.ChatId, CreatedAt = Earlier, UpdatedAt = Earlier };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    private async Task<Conversation> LoadAsync(long id)
    {
        await using var db = await _app.Db();
        return await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private static object Columns(Conversation c) =>
        (c.Mode, c.IsClosed, c.ClosedAt, c.AssignedUserId, c.OperatorSince, c.ScenarioId, c.StepId, c.StepTries, c.WaitingSince);

    [Fact]
    public async Task The_take_over_statement_leaves_the_row_as_the_tracked_take_over_leaves_the_entity()
    {
        var id = await StoreAsync(Closed("u1"));
        var tracked = Closed("u1");

        await using (var db = await _app.Db())
            Assert.Equal(1, await ConversationStates.TakeOverAsync(db.Conversations.Where(c => c.Id == id), _anna, Now, CancellationToken.None));
        ConversationStates.TakeOver(tracked, _anna, Now);

        Assert.Equal(Columns(tracked), Columns(await LoadAsync(id)));
        Assert.Equal(ConversationState.WithOperator, ConversationStates.Of(tracked));
    }

    [Fact]
    public async Task The_take_over_statement_changes_no_row_another_operator_has()
    {
        var id = await StoreAsync(new Conversation
        {
            ChatId = "u2", Mode = ConversationMode.WithOperator, AssignedUserId = _anna, OperatorSince = Earlier, CreatedAt = Earlier, LastMessageAt = Earlier,
        });
        var before = Columns(await LoadAsync(id));

        await using (var db = await _app.Db())
            Assert.Equal(0, await ConversationStates.TakeOverAsync(db.Conversations.Where(c => c.Id == id), _boris, Now, CancellationToken.None));

        Assert.Equal(before, Columns(await LoadAsync(id)));
    }

    [Fact]
    public async Task Of_two_simultaneous_take_over_statements_exactly_one_changes_the_row()
    {
        for (var round = 0; round < 5; round++)
        {
            var id = await StoreAsync(Closed($"race{round}"));

            async Task<int> TakeAsync(string userId)
            {
                await using var db = await _app.Db();
                return await ConversationStates.TakeOverAsync(db.Conversations.Where(c => c.Id == id), userId, Now, CancellationToken.None);
            }
            var changed = await Task.WhenAll(Task.Run(() => TakeAsync(_anna)), Task.Run(() => TakeAsync(_boris)));

            Assert.Equal(1, changed.Sum());
            Assert.Equal(changed[0] == 1 ? _anna : _boris, (await LoadAsync(id)).AssignedUserId);
        }
    }
}
