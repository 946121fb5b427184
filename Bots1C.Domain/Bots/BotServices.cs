using Bots1C.Domain.Channels;
using Bots1C.Domain.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Domain.Bots;

public static class BotServices
{
    /// <summary>Bots (their tokens protected, held in a cache), the messengers' adapters and the web chat's visitors.</summary>
    public static IServiceCollection AddBots(this IServiceCollection services)
    {
        services.AddSingleton<TokenProtector>();
        services.AddSingleton<BotCache>();
        services.AddSingleton<BotCatalog>();
        services.AddSingleton<BotConnection>();
        services.AddChannelAdapters();
        services.AddOptions<MessengerOptions>().BindConfiguration(MessengerOptions.Section)
            .WithAllowedHostsAsOneValue(MessengerOptions.ApiAllowedHostsKey, o => o.ApiAllowedHosts);
        services.AddSingleton<Channels.WebChat.WebChatVisitors>();
        return services;
    }
}
