namespace Bots1C.Domain.Conversations;

/// <summary>What recording changed, to announce once it is committed (ids exist only after the save).</summary>
public sealed record RecordedChange(long BotId, Conversation Conversation, Message? Message, ConversationChange Change)
{
    public ConversationEvent ToEvent() => new(BotId, Conversation.Id, Message?.Id, Change, Conversation.Contact?.ExternalUserId);
}
