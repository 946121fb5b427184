using System.Diagnostics.CodeAnalysis;
using Bots1C.Domain.Bots;

namespace Bots1C.Domain.Channels;

/// <summary>
/// The messenger adapters the app has, by messenger: what every part of the app asks for an adapter or a messenger's
/// traits, instead of looking one up in the service provider. Filled from the adapters <see cref="ChannelServices"/>
/// registers, each under the messenger it says it serves.
/// </summary>
public sealed class ChannelAdapters
{
    private readonly Dictionary<Messenger, IChannelAdapter> _byMessenger = new();
    private readonly List<IChannelAdapter> _all = [];

    public ChannelAdapters(IEnumerable<IChannelAdapter> adapters)
    {
        foreach (var adapter in adapters)
            if (!_byMessenger.TryAdd(adapter.Messenger, adapter))
                throw new InvalidOperationException($"Two adapters serve {adapter.Messenger}: {_byMessenger[adapter.Messenger].GetType().Name} and {adapter.GetType().Name}.");
            else
                _all.Add(adapter);
    }

    /// <summary>Every adapter, in the order they were registered.</summary>
    public IReadOnlyList<IChannelAdapter> All => _all;

    /// <summary>The adapter of <paramref name="messenger"/>; throws when the app has none (a programming error).</summary>
    public IChannelAdapter For(Messenger messenger) =>
        TryGet(messenger, out var adapter) ? adapter : throw new InvalidOperationException($"No adapter serves {messenger}.");

    /// <summary>The adapter of <paramref name="messenger"/>, if the app has one (a stored bot may name one it no longer has).</summary>
    public bool TryGet(Messenger messenger, [NotNullWhen(true)] out IChannelAdapter? adapter) =>
        _byMessenger.TryGetValue(messenger, out adapter);

    /// <summary>What <paramref name="messenger"/> allows; null when the app has no adapter for it.</summary>
    public MessengerTraits? TraitsOf(Messenger messenger) => TryGet(messenger, out var adapter) ? adapter.Traits : null;
}
