using System.Collections.Concurrent;
using Bots1C.Domain.Operators;

namespace Bots1C.Web.Scaling;

/// <summary>
/// Presence across instances: this instance's people go out through the <see cref="InstanceOutbox"/>, the others' are
/// kept as last heard. Every instance repeats its own every <see cref="InstanceLink.RefreshEvery"/>; one not heard
/// for <see cref="ForgetAfter"/> (killed, or cut off from Redis) is forgotten, so its people do not stay online.
/// </summary>
public sealed class OtherInstancesPresence(InstanceOutbox outbox, TimeProvider clock) : IPresenceExchange
{
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromSeconds(8);

    private sealed record Heard(PresenceSnapshot Snapshot, DateTimeOffset Until);

    private readonly ConcurrentDictionary<string, Heard> _others = new();

    public Task ShareAsync(PresenceSnapshot mine)
    {
        outbox.Post(new LinkMessage("", Presence: mine));
        return Task.CompletedTask;
    }

    public IReadOnlyCollection<PresenceSnapshot> Others()
    {
        var now = clock.GetUtcNow();
        return _others.Values.Where(h => h.Until > now).Select(h => h.Snapshot).ToList();
    }

    public void Receive(string instance, PresenceSnapshot snapshot) => _others[instance] = new Heard(snapshot, clock.GetUtcNow() + ForgetAfter);

    /// <summary>Removes the instances not heard from in time; returns what they had, so screens can be told.</summary>
    public IReadOnlyList<PresenceSnapshot> ForgetSilent()
    {
        var now = clock.GetUtcNow();
        var gone = new List<PresenceSnapshot>();
        foreach (var (instance, heard) in _others)
            if (heard.Until <= now && _others.TryRemove(new KeyValuePair<string, Heard>(instance, heard)))
                gone.Add(heard.Snapshot);
        return gone;
    }
}
