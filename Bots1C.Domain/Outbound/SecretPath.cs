namespace Bots1C.Domain.Outbound;

/// <summary>
/// Marks a request whose address path holds a secret (JivoChat's bot token is the last segment of its endpoint), so the
/// HTTP log line names only the server (<see cref="Logging.RedactedHttpClientLogger"/>).
/// </summary>
public static class SecretPath
{
    public static readonly HttpRequestOptionsKey<bool> Key = new("Bots1C.SecretPath");

    public static HttpRequestMessage WithSecretPath(this HttpRequestMessage request)
    {
        request.Options.Set(Key, true);
        return request;
    }

    public static bool HasSecretPath(this HttpRequestMessage request) => request.Options.TryGetValue(Key, out var secret) && secret;
}
