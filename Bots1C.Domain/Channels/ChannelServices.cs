using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels.Telegram;
using Bots1C.Domain.Channels.Viber;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bots1C.Domain.Channels;

public static class ChannelServices
{
    /// <summary>Bounds one messenger call: both answer in well under a second, and a hung call must free the outbox worker.</summary>
    public static readonly TimeSpan MessengerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Registers every messenger adapter, keyed by its <see cref="Messenger"/> and as <c>IEnumerable&lt;IChannelAdapter&gt;</c>, one instance each.</summary>
    public static IServiceCollection AddChannelAdapters(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(TelegramAdapter.HttpClientName, c => c.Timeout = MessengerTimeout);
        services.AddHttpClient(ViberAdapter.HttpClientName, c => c.Timeout = MessengerTimeout);

        Add<TelegramAdapter>(services, Messenger.Telegram);
        Add<ViberAdapter>(services, Messenger.Viber);
        Add<WebChat.WebChatAdapter>(services, Messenger.WebChat);
        return services;
    }

    private static void Add<TAdapter>(IServiceCollection services, Messenger messenger) where TAdapter : class, IChannelAdapter
    {
        services.AddSingleton<TAdapter>();
        services.AddKeyedSingleton<IChannelAdapter>(messenger, (sp, _) => sp.GetRequiredService<TAdapter>());
        services.AddSingleton<IChannelAdapter>(sp => sp.GetRequiredService<TAdapter>());
    }
}
