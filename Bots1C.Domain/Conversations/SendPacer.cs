using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;

namespace Bots1C.Domain.Conversations;

/// <summary>
/// Keeps us inside the messenger's published limits before it has to tell us: the <see cref="MessengerTraits.Pacing"/>
/// its adapter states (Telegram: one message a second per chat, thirty a second per bot; a messenger without pacing is
/// never held back here). Returns how long to wait, or zero and books the slot.
/// </summary>
public class SendPacer(TimeProvider clock, ChannelAdapters adapters)
{
    private static readonly TimeSpan BotWindow = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<(long, string), DateTimeOffset> _chatNext = new();
    private readonly Dictionary<long, Queue<DateTimeOffset>> _botRecent = new();

    public TimeSpan Reserve(Messenger messenger, long botId, string chatId)
    {
        if (adapters.TraitsOf(messenger)?.Pacing is not { } pacing)
            return TimeSpan.Zero;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_chatNext.TryGetValue((botId, chatId), out var next) && next > now)
                return next - now;
            var recent = _botRecent.TryGetValue(botId, out var q) ? q : _botRecent[botId] = new Queue<DateTimeOffset>();
            while (recent.Count > 0 && recent.Peek() <= now - BotWindow)
                recent.Dequeue();
            if (recent.Count >= pacing.PerBotPerSecond)
                return recent.Peek() + BotWindow - now;

            recent.Enqueue(now);
            _chatNext[(botId, chatId)] = now + pacing.PerChat;
            if (_chatNext.Count > 100_000)
                foreach (var stale in _chatNext.Where(p => p.Value <= now).Select(p => p.Key).ToList())
                    _chatNext.Remove(stale);
            return TimeSpan.Zero;
        }
    }
}
