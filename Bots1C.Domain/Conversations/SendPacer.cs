using Bots1C.Domain.Bots;

namespace Bots1C.Domain.Conversations;

/// <summary>
/// Keeps us inside the messenger's published limits before it has to tell us (Telegram: about one message a
/// second per chat, about thirty a second per bot). Returns how long to wait, or zero and books the slot.
/// </summary>
public class SendPacer(TimeProvider clock)
{
    public static readonly TimeSpan PerChat = TimeSpan.FromSeconds(1);
    public const int PerBotPerSecond = 30;

    private readonly Lock _gate = new();
    private readonly Dictionary<(long, string), DateTimeOffset> _chatNext = new();
    private readonly Dictionary<long, Queue<DateTimeOffset>> _botRecent = new();

    public TimeSpan Reserve(Messenger messenger, long botId, string chatId)
    {
        if (messenger != Messenger.Telegram)
            return TimeSpan.Zero;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_chatNext.TryGetValue((botId, chatId), out var next) && next > now)
                return next - now;
            var recent = _botRecent.TryGetValue(botId, out var q) ? q : _botRecent[botId] = new Queue<DateTimeOffset>();
            while (recent.Count > 0 && recent.Peek() <= now - TimeSpan.FromSeconds(1))
                recent.Dequeue();
            if (recent.Count >= PerBotPerSecond)
                return recent.Peek() + TimeSpan.FromSeconds(1) - now;

            recent.Enqueue(now);
            _chatNext[(botId, chatId)] = now + PerChat;
            if (_chatNext.Count > 100_000)
                foreach (var stale in _chatNext.Where(p => p.Value <= now).Select(p => p.Key).ToList())
                    _chatNext.Remove(stale);
            return TimeSpan.Zero;
        }
    }
}
