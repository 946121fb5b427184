using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Files;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Tests.Domain.Conversations;

/// <summary><see cref="Outbox.Stage"/>, the one way an outgoing message is staged, for each shape it takes (real SQLite):
/// what is committed is what the dispatcher later sends and the dialog list shows.</summary>
public class OutboxStageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private long _botId;

    public async Task InitializeAsync() =>
        _botId = (await _app.CreateApiClient().CreateBotAsync(new { name = "Site", messenger = "WebChat", publicBaseUrl = "http://localhost:5080" }))
            .GetProperty("id").GetInt64();

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Stages into new dialogs (one per chat) in one unit of work and commits it; returns what was committed, as
    /// saved (read back later, the dispatcher might already have sent it).</summary>
    private async Task<List<(Message Message, OutboxItem Row, Conversation Conversation)>> StageAsync(OutgoingContent content, int chats = 1,
        string? authorUserId = null)
    {
        await using var db = await _app.Db();
        var staged = new List<(Message, Conversation)>();
        for (var i = 0; i < chats; i++)
        {
            var conversation = new Conversation
            {
                BotId = _botId, ChatId = $"chat{i}", CreatedAt = Now.AddDays(-1), LastMessageAt = Now.AddDays(-1),
                Contact = new Contact { BotId = _botId, ExternalUserId = $"chat{i}", CreatedAt = Now.AddDays(-1), UpdatedAt = Now.AddDays(-1) },
            };
            db.Conversations.Add(conversation);
            staged.Add((Outbox.Stage(db, conversation, content, "anna", Now, authorUserId), conversation));
        }
        await db.SaveChangesAsync();
        return staged.Select(s => (s.Item1, db.Outbox.Local.Single(o => o.MessageId == s.Item1.Id), s.Item2)).ToList();
    }

    [Fact]
    public async Task Text_with_buttons_is_queued_with_its_outbox_row_and_becomes_the_conversations_last_message()
    {
        var (message, row, conversation) = Assert.Single(await StageAsync(
            OutgoingContent.TextOnly("Choose:", [new Button(ButtonKind.Callback, "Yes", "yes")]), authorUserId: "u1"));

        Assert.Equal((MessageDirection.Outgoing, MessageKind.Text, "Choose:", (DeliveryState?)DeliveryState.Queued, "anna", "u1"),
            (message.Direction, message.Kind, message.Text, message.DeliveryState, message.Author, message.AuthorUserId));
        Assert.Equal([new Button(ButtonKind.Callback, "Yes", "yes")], Outbox.ButtonsOf(message));
        Assert.Equal((OutboxKind.Message, OutboxState.Pending, "chat0", Now), (row.Kind, row.State, row.ChatId, row.NextAttemptAt));
        Assert.Equal((Now, "Choose:"), (conversation.LastMessageAt, conversation.LastMessagePreview));
    }

    [Fact]
    public async Task A_new_file_with_a_blank_caption_is_stored_with_the_message_and_named_in_the_conversation_list()
    {
        var file = new StoredFile { FileName = "invoice.pdf", MimeType = "application/pdf", Size = 5, Content = "%PDF-"u8.ToArray(), CreatedAt = Now };

        var (message, _, conversation) = Assert.Single(await StageAsync(OutgoingContent.WithNewFile("  ", file)));

        Assert.Equal((MessageKind.File, (string?)null, "invoice.pdf", "application/pdf", (long?)5),
            (message.Kind, message.Text, message.FileName, message.MimeType, message.FileSize));
        Assert.NotNull(message.StoredFileId);
        Assert.Equal("invoice.pdf", conversation.LastMessagePreview);
    }

    [Fact]
    public async Task One_new_file_staged_to_several_chats_is_stored_once()
    {
        var file = new StoredFile { FileName = "act.pdf", MimeType = "application/pdf", Size = 5, Content = "%PDF-"u8.ToArray(), CreatedAt = Now };

        var staged = await StageAsync(OutgoingContent.WithNewFile("Your act", file), chats: 3);

        Assert.Equal(3, staged.Count);
        Assert.Single(staged.Select(s => s.Message.StoredFileId).Distinct());
        await using var db = await _app.Db();
        Assert.Equal(1, await db.Files.CountAsync());
    }

    [Fact]
    public async Task A_file_already_stored_is_referred_to_not_copied()
    {
        long fileId;
        await using (var db = await _app.Db())
        {
            var stored = new StoredFile { FileName = "prices.xlsx", MimeType = "application/vnd.ms-excel", Size = 3, Content = [1, 2, 3], CreatedAt = Now };
            db.Files.Add(stored);
            await db.SaveChangesAsync();
            fileId = stored.Id;
        }

        var (message, _, _) = Assert.Single(await StageAsync(
            OutgoingContent.WithStoredFile("Prices", new StoredFileRef(fileId, "prices.xlsx", "application/vnd.ms-excel", 3))));

        Assert.Equal((MessageKind.File, "Prices", (long?)fileId, "prices.xlsx", (long?)3),
            (message.Kind, message.Text, message.StoredFileId, message.FileName, message.FileSize));
        await using var read = await _app.Db();
        Assert.Equal(1, await read.Files.CountAsync());
    }

    [Fact]
    public async Task A_button_press_answer_is_an_outbox_row_without_a_message()
    {
        await using var db = await _app.Db();
        Outbox.StageCallbackAnswer(db, _botId, "chat9", "cb-1", Now);
        await db.SaveChangesAsync();

        var row = Assert.Single(db.Outbox.Local);
        Assert.True(row.Id > 0);
        Assert.Empty(db.Messages.Local);
        Assert.Equal((OutboxKind.CallbackAnswer, "cb-1", (long?)null, OutboxState.Pending, Now), (row.Kind, row.CallbackId, row.MessageId, row.State, row.NextAttemptAt));
    }
}
