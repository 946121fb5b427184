namespace Bots1C.Domain.ApiKeys;

/// <summary>A key for the REST API. Only its SHA-256 hash is stored; the key itself is shown once.</summary>
public class ApiKey
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The key's first characters, so people can tell keys apart without the secret.</summary>
    public string Prefix { get; set; } = "";
    public string Hash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public sealed record ApiKeyView(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, string? CreatedBy,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyView From(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt);
}
