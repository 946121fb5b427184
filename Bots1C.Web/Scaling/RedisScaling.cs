using Microsoft.AspNetCore.SignalR;
using Bots1C.Domain.Operators;
using StackExchange.Redis;

namespace Bots1C.Web.Scaling;

/// <summary>Two or more instances behind one address (docs/scaling.md): with <c>Bots1C:Redis:Connection</c> set, the
/// hub's backplane and the <see cref="InstanceLink"/> go through Redis; without it, nothing is registered and the app
/// runs as one instance, in process only.</summary>
public static class RedisScaling
{
    public static void AddRedisScaling(this IServiceCollection services, ISignalRServerBuilder signalR, IConfiguration configuration)
    {
        services.AddOptions<RedisSettings>().BindConfiguration(RedisSettings.Section);
        var settings = configuration.GetSection(RedisSettings.Section).Get<RedisSettings>() ?? new RedisSettings();
        if (!settings.IsSet)
            return;

        // Start, and keep working, while Redis is away: StackExchange.Redis keeps reconnecting in the background.
        var options = ConfigurationOptions.Parse(settings.Connection!);
        options.AbortOnConnectFail = false;

        signalR.AddStackExchangeRedis(o =>
        {
            o.Configuration = options.Clone();
            o.Configuration.ChannelPrefix = RedisChannel.Literal(settings.ChannelPrefix);
        });
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options.Clone()));
        services.AddSingleton<ThisInstance>();
        services.AddSingleton<InstanceOutbox>();
        services.AddSingleton<OtherInstancesPresence>();
        services.AddSingleton<IPresenceExchange>(sp => sp.GetRequiredService<OtherInstancesPresence>());
        services.AddHostedService<InstanceLink>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
    }
}
