using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;

namespace Bots1C.Domain.Operators;

/// <summary>What each messenger accepts as a file from us (<see cref="MessengerTraits.MaxSendFileBytes"/>), within the
/// app's own limit for stored files.</summary>
public sealed class MessengerFileLimits(ChannelAdapters adapters)
{
    public long MaxBytes(Messenger messenger) =>
        Math.Min(OutgoingTextValidator.MaxFileBytes, adapters.For(messenger).Traits.MaxSendFileBytes);
}
