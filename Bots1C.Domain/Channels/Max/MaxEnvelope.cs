namespace Bots1C.Domain.Channels.Max;

/// <summary>Reads an update's de-duplication key and chat inside the webhook request: small, and no object graph.</summary>
internal static class MaxEnvelope
{
    public static UpdateEnvelope? Read(ReadOnlySpan<byte> body)
    {
        using var document = MaxUpdate.Open(body);
        if (document is null || MaxUpdate.TypeOf(document.RootElement) is not { } type)
            return null;
        var update = document.RootElement;
        if (MaxUpdate.ExternalIdOf(update, type) is not { } id)
            return null;
        // An update with neither chat nor user (none is documented) still keeps its own order, apart from everyone's.
        return new UpdateEnvelope(id, MaxUpdate.ChatOf(update, type) ?? $"update:{type}");
    }
}
