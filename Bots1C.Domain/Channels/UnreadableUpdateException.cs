namespace Bots1C.Domain.Channels;

/// <summary>
/// A stored update that the messenger's own format does not allow (a message without a chat, text that is a number,
/// an id out of range). Trying again would fail the same way, so the processor keeps the row as ignored, with this
/// reason, and says so in the event log instead of retrying it.
/// </summary>
public sealed class UnreadableUpdateException(string reason, Exception? inner = null) : Exception(reason, inner);
