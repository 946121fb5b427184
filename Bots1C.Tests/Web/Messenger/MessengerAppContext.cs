using MessengerKind = Bots1C.Domain.Bots.Messenger;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Operators;
using Bots1C.Domain.Files;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.MessengerScreen;

/// <summary>Messenger components against the real app's domain services and its own SQLite file; dialogs are
/// written straight through the DbContext so each test states exactly the rows it needs.</summary>
public abstract class MessengerAppContext : MudTestContext
{
    protected Bots1CAppFactory App { get; } = new();

    protected MessengerAppContext()
    {
        foreach (var type in new[]
                 {
                     typeof(ConversationList), typeof(ConversationControl), typeof(QuickReplies), typeof(ConversationNotifier),
                     typeof(OperatorPresence), typeof(UserPreferences), typeof(FileStore), typeof(MessengerFileLimits),
                 })
            Services.AddSingleton(type, App.Services.GetRequiredService(type));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            App.Dispose();
    }

    protected T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    protected async Task<Bots1CDbContext> DbAsync() =>
        await Service<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();

    protected async Task<long> BotAsync(string name, MessengerKind messenger = MessengerKind.WebChat)
    {
        var change = await Service<BotCatalog>().CreateAsync(
            new BotInput { Name = name, Messenger = messenger, PublicBaseUrl = "https://bot.example.ru" }, "test");
        Assert.NotNull(change.Bot);
        return change.Bot!.Id;
    }

    protected async Task<Conversation> ConversationAsync(long botId, string firstName, DateTimeOffset lastMessageAt,
        ConversationMode mode = ConversationMode.Bot, int unread = 0, string? preview = null, bool closed = false,
        string? assignedUserId = null)
    {
        await using var db = await DbAsync();
        var contact = new Contact
        {
            BotId = botId, ExternalUserId = "u-" + Guid.NewGuid().ToString("N")[..8], FirstName = firstName,
            CreatedAt = lastMessageAt, UpdatedAt = lastMessageAt,
        };
        var conversation = new Conversation
        {
            BotId = botId, Contact = contact, ChatId = contact.ExternalUserId, CreatedAt = lastMessageAt, LastMessageAt = lastMessageAt,
            Mode = mode, UnreadCount = unread, LastMessagePreview = preview ?? $"from {firstName}", IsClosed = closed,
            ClosedAt = closed ? lastMessageAt : null, AssignedUserId = assignedUserId, OperatorSince = assignedUserId is null ? null : lastMessageAt,
        };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation;
    }

    protected async Task<Message> MessageAsync(long conversationId, MessageDirection direction, string text, string? author = null,
        DeliveryState? state = null, string? failureReason = null)
    {
        await using var db = await DbAsync();
        var message = new Message
        {
            ConversationId = conversationId, Direction = direction, Kind = MessageKind.Text, Text = text, Author = author,
            DeliveryState = state, FailureReason = failureReason, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message;
    }
}
