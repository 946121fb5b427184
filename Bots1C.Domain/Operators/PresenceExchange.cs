namespace Bots1C.Domain.Operators;

/// <summary>One instance's people, as other instances of the app see them: who is online there and who watches (and
/// types in) which dialog.</summary>
public sealed record PresenceSnapshot(IReadOnlyList<string> Online, IReadOnlyList<PresenceSnapshot.Watching> Watchers)
{
    public static readonly PresenceSnapshot Empty = new([], []);

    public sealed record Watching(string UserId, string Name, long BotId, long ConversationId, DateTimeOffset TypingUntil);
}

/// <summary>
/// How <see cref="OperatorPresence"/> shares its people with the app's other instances and sees theirs. One instance
/// (no Redis set) has nobody to share with: <see cref="NoOtherInstances"/>. With Redis, Bots1C.Web/Scaling does it.
/// </summary>
public interface IPresenceExchange
{
    /// <summary>This instance's people changed; returns once others will hear of it before any later event.</summary>
    Task ShareAsync(PresenceSnapshot mine);

    /// <summary>The other instances' people, as last heard from each instance that is still alive.</summary>
    IReadOnlyCollection<PresenceSnapshot> Others();
}

public sealed class NoOtherInstances : IPresenceExchange
{
    public Task ShareAsync(PresenceSnapshot mine) => Task.CompletedTask;

    public IReadOnlyCollection<PresenceSnapshot> Others() => [];
}
