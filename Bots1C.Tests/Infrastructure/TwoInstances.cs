using Bots1C.Web.Scaling;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Bots1C.Tests.Infrastructure;

/// <summary>The database several app instances share. Each instance is a new app on it.</summary>
public interface ISharedDatabase : IDisposable
{
    Bots1CAppFactory NewInstance();
}

/// <summary>Today's shared database: one SQLite data folder both instances open (the data protection keys come with it).</summary>
public sealed class SharedSqliteFolder : ISharedDatabase
{
    private readonly TempFolder _folder = new();

    public Bots1CAppFactory NewInstance() => new(_folder.Path);

    public void Dispose() => _folder.Dispose();
}

/// <summary>
/// Two real app instances, <see cref="A"/> and <see cref="B"/>, on one database and one Redis (BOTS1C_TEST_REDIS), each
/// with its own notifier, caches and presence joined through Redis as in production. Their channels have a prefix of
/// their own, so tests running at once do not hear each other.
/// </summary>
public sealed class TwoInstances : IDisposable
{
    private readonly ISharedDatabase _database;

    private TwoInstances(ISharedDatabase database, Bots1CAppFactory a, Bots1CAppFactory b) => (_database, A, B) = (database, a, b);

    public Bots1CAppFactory A { get; }
    public Bots1CAppFactory B { get; }

    /// <summary>Starts A (which prepares the database), then B; returns once both hear each other through Redis.</summary>
    public static async Task<TwoInstances> StartAsync(Func<Bots1CAppFactory, Bots1CAppFactory>? configureA = null, ISharedDatabase? database = null,
        string? redis = null)
    {
        redis ??= RedisFactAttribute.Connection;
        Assert.False(string.IsNullOrWhiteSpace(redis), $"{RedisFactAttribute.Variable} is not set");
        database ??= new SharedSqliteFolder();
        var prefix = $"bots1c-tests-{Guid.NewGuid():N}";
        Bots1CAppFactory Instance(Bots1CAppFactory app) => app
            .With($"{RedisSettings.Section}:Connection", redis)
            .With($"{RedisSettings.Section}:ChannelPrefix", prefix);

        var a = Instance(configureA is null ? database.NewInstance() : configureA(database.NewInstance()));
        _ = a.Services;
        var b = Instance(database.NewInstance());
        _ = b.Services;
        var both = new TwoInstances(database, a, b);
        var multiplexer = a.Services.GetRequiredService<IConnectionMultiplexer>();
        Assert.True(multiplexer.IsConnected, $"{RedisFactAttribute.Variable} is set, but Redis at {redis} cannot be reached");
        var channel = prefix + ":instances";
        await Eventually.GetAsync(async () => (long)((RedisResult[])(await multiplexer.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", channel))!)[1],
            subscribers => subscribers == 2, "both instances to listen on Redis", seconds: 10);
        return both;
    }

    public void Dispose()
    {
        B.Dispose();
        A.Dispose();
        _database.Dispose();
    }
}
