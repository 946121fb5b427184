using System.Threading.Channels;

namespace Bots1C.Web.Scaling;

/// <summary>
/// Messages waiting to go to the other instances, in the order they were posted: a presence change posted before its
/// event reaches the others before it. Posting never waits, so the message path is never held up by Redis; when Redis
/// is slow or away the oldest are dropped (screens catch up with the next event).
/// </summary>
public sealed class InstanceOutbox(ThisInstance me)
{
    private readonly Channel<LinkMessage> _queue =
        Channel.CreateBounded<LinkMessage>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Post(LinkMessage message) => _queue.Writer.TryWrite(message with { From = me.Id });

    public IAsyncEnumerable<LinkMessage> ReadAllAsync(CancellationToken ct) => _queue.Reader.ReadAllAsync(ct);
}
