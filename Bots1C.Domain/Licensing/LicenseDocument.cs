using System.Text.Json.Serialization;

namespace Bots1C.Domain.Licensing;

public enum LicenseType
{
    /// <summary>For developers: any number of times, bound to this installation, fixed small limits.</summary>
    Test,
    /// <summary>Issued once per contract, bound to the host of the webhook URL chosen when it was requested.</summary>
    Working,
}

/// <summary>What a license key says. Null limits mean "no limit"; null messengers mean "all".</summary>
public sealed record LicenseDocument(
    string Id,
    LicenseType Type,
    string? Inn,
    string? Contract,
    string? WebhookHost,
    string? InstallationId,
    DateTimeOffset IssuedAt,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<Bots.Messenger>? Messengers,
    int? ActiveBots,
    int? ContactsPerBot)
{
    /// <summary>The test license's fixed limits (the original's): one active bot, three contacts per bot.</summary>
    public const int TestActiveBots = 1;
    public const int TestContactsPerBot = 3;

    /// <summary>Which key signed it: a vendor key's id, or <see cref="InstallationKeyId"/> for test keys.</summary>
    [JsonPropertyName("kid")]
    public string KeyId { get; init; } = "";

    public const string InstallationKeyId = "installation";

    /// <summary>The original's 1C:Fresh clause: this license may not run on a database shared by several companies.</summary>
    public bool ForbidsSharedDatabase { get; init; }

    /// <summary>A working key names the webhook host it is bound to; one without a host is the vendor's own choice
    /// (e.g. a hosting partner's) and fits any host. A test key is bound to the installation instead.</summary>
    public bool FitsHost(string? host) =>
        Type == LicenseType.Test || WebhookHost is null || host is not null && string.Equals(WebhookHost, host, StringComparison.OrdinalIgnoreCase);

    public bool Allows(Bots.Messenger messenger) => Messengers is null || Messengers.Contains(messenger);
}
