using Bots1C.Domain.EventLog;

namespace Bots1C.Domain.ApiKeys;

/// <summary>What API keys write to the event log (see <see cref="EventDetail"/>): the name and the public prefix, never the key.</summary>
public static class ApiKeyEvents
{
    public static EventDetail ApiKeyCreated(string name, string prefix) =>
        new("ApiKeyCreated", $"API key '{name}' ({prefix}…) created.", ("name", name), ("prefix", prefix));

    public static EventDetail ApiKeyRevoked(string name, string prefix) =>
        new("ApiKeyRevoked", $"API key '{name}' ({prefix}…) revoked.", ("name", name), ("prefix", prefix));
}
