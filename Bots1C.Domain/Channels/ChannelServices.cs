using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels.Max;
using Bots1C.Domain.Channels.Telegram;
using Bots1C.Domain.Channels.Viber;
using Bots1C.Domain.Channels.Vk;
using Bots1C.Domain.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bots1C.Domain.Channels;

public static class ChannelServices
{
    /// <summary>Bounds one messenger call: both answer in well under a second, and a hung call must free the outbox worker.</summary>
    public static readonly TimeSpan MessengerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Registers every messenger adapter, one instance each, and <see cref="ChannelAdapters"/>, through which the rest
    /// of the app finds them by messenger. A new messenger is one <c>Add</c> line here (plus its HTTP client, if it has an API).</summary>
    public static IServiceCollection AddChannelAdapters(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MessengerOptions>();
        services.TryAddSingleton<MessengerApiServers>();
        services.TryAddSingleton<ChannelAdapters>();
        AddMessengerClient(services, TelegramAdapter.HttpClientName, Messenger.Telegram);
        AddMessengerClient(services, ViberAdapter.HttpClientName, Messenger.Viber);
        // Files customers send on Viber come from its media servers (dl-media.viber.com and others), not its API host, and
        // the request carries no token: any public server, or a listed one, may serve them; redirects are checked hop by hop.
        services.AddHttpClient(ViberAdapter.MediaClientName, c => c.Timeout = MessengerTimeout)
            .ThroughOutboundGuard(sp => sp.GetRequiredService<MessengerApiServers>().AllowList, followRedirects: true, useProxy: true);
        AddMessengerClient(services, VkAdapter.HttpClientName, Messenger.Vk);
        // VK's files: customers' come from its content servers by public signed links; ours go to the upload address VK
        // names for each file. Neither is VK's API host and neither request carries the token; no redirects on the upload.
        services.AddHttpClient(VkAdapter.MediaClientName, c => c.Timeout = MessengerTimeout)
            .ThroughOutboundGuard(sp => sp.GetRequiredService<MessengerApiServers>().AllowList, followRedirects: true, useProxy: true);
        services.AddHttpClient(VkAdapter.UploadClientName, c => c.Timeout = MessengerTimeout)
            .ThroughOutboundGuard(sp => sp.GetRequiredService<MessengerApiServers>().AllowList, followRedirects: false, useProxy: true);
        AddMessengerClient(services, JivoChat.JivoChatAdapter.HttpClientName, Messenger.JivoChat);
        // Customers' files on JivoChat are links to Jivo's file servers, fetched without the token, like Viber's.
        services.AddHttpClient(JivoChat.JivoChatAdapter.MediaClientName, c => c.Timeout = MessengerTimeout)
            .ThroughOutboundGuard(sp => sp.GetRequiredService<MessengerApiServers>().AllowList, followRedirects: true, useProxy: true);
        AddMessengerClient(services, WhatsApp.WhatsAppAdapter.HttpClientName, Messenger.WhatsApp);
        // WhatsApp's media links are fetched with the token: only Meta's media host (or a listed one), and no redirects.
        services.AddHttpClient(WhatsApp.WhatsAppAdapter.MediaClientName, c => c.Timeout = MessengerTimeout)
            .AddHttpMessageHandler(sp => new WhatsApp.WhatsAppMediaHostCheck(sp.GetRequiredService<MessengerApiServers>().AllowList))
            .ThroughOutboundGuard(sp => sp.GetRequiredService<MessengerApiServers>().AllowList, followRedirects: false, useProxy: true);

        AddMessengerClient(services, MaxAdapter.HttpClientName, Messenger.Max);
        // MAX's media servers (customers' files, our uploads) are not its API host, and those requests carry no token.
        services.AddHttpClient(MaxAdapter.MediaClientName, c => c.Timeout = MessengerTimeout)
            .ThroughOutboundGuard(sp => sp.GetRequiredService<MessengerApiServers>().AllowList, followRedirects: true, useProxy: true);

        Add<TelegramAdapter>(services);
        Add<ViberAdapter>(services);
        Add<WebChat.WebChatAdapter>(services);
        Add<VkAdapter>(services);
        Add<JivoChat.JivoChatAdapter>(services);
        Add<WhatsApp.WhatsAppAdapter>(services);
        Add<MaxAdapter>(services);
        return services;
    }

    /// <summary>
    /// The host is checked by name first (only the messenger's own or a listed one gets the token), then every
    /// connection by address. No redirects: Viber's token travels in a header that a redirect would carry along.
    /// A configured proxy is still used (some offices reach Telegram only through one); its own address must then
    /// be public or listed.
    /// </summary>
    private static void AddMessengerClient(IServiceCollection services, string name, Messenger messenger) =>
        services.AddHttpClient(name, c => c.Timeout = MessengerTimeout)
            .AddHttpMessageHandler(sp => new MessengerApiServerCheck(sp.GetRequiredService<MessengerApiServers>(), messenger))
            .ThroughOutboundGuard(sp => sp.GetRequiredService<MessengerApiServers>().AllowList, followRedirects: false, useProxy: true);

    /// <summary>The adapter says which messenger it serves; <see cref="ChannelAdapters"/> files it under that.</summary>
    private static void Add<TAdapter>(IServiceCollection services) where TAdapter : class, IChannelAdapter
    {
        services.AddSingleton<TAdapter>();
        services.AddSingleton<IChannelAdapter>(sp => sp.GetRequiredService<TAdapter>());
    }
}
