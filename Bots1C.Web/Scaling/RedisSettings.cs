namespace Bots1C.Web.Scaling;

/// <summary><c>Bots1C:Redis</c>: set <see cref="Connection"/> to run two or more instances behind one address
/// (docs/scaling.md). Unset, the app is one instance and needs no Redis.</summary>
public sealed class RedisSettings
{
    public const string Section = "Bots1C:Redis";

    /// <summary>A StackExchange.Redis configuration string (<c>host:6379,password=…</c>). It may hold a password: never
    /// log it or show it.</summary>
    public string? Connection { get; set; }

    /// <summary>Starts every Redis channel this app uses, the SignalR backplane's included, so installations (or tests)
    /// sharing one Redis do not hear each other.</summary>
    public string ChannelPrefix { get; set; } = "bots1c";

    public bool IsSet => !string.IsNullOrWhiteSpace(Connection);
}
