using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Channels.Telegram;
using Bots1C.Domain.Channels.Viber;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Channels;

public class ChannelServicesTests
{
    [Fact]
    public void Each_messenger_has_its_adapter_under_its_key()
    {
        using var services = ChannelKit.Services();
        Assert.IsType<TelegramAdapter>(services.Adapter(Messenger.Telegram));
        Assert.IsType<ViberAdapter>(services.Adapter(Messenger.Viber));
        Assert.IsType<Bots1C.Domain.Channels.WebChat.WebChatAdapter>(services.Adapter(Messenger.WebChat));
        Assert.IsType<Bots1C.Domain.Channels.Vk.VkAdapter>(services.Adapter(Messenger.Vk));
        Assert.IsType<Bots1C.Domain.Channels.Max.MaxAdapter>(services.Adapter(Messenger.Max));
    }

    [Fact]
    public void The_list_of_adapters_holds_the_same_single_instances_as_the_keys()
    {
        using var services = ChannelKit.Services();
        var all = services.GetServices<IChannelAdapter>().ToList();
        Assert.Equal([Messenger.Telegram, Messenger.Viber, Messenger.WebChat, Messenger.Vk, Messenger.JivoChat, Messenger.WhatsApp, Messenger.Max], all.Select(a => a.Messenger));
        // One instance each: a second copy would be harmless today, but would split any state an adapter grows later.
        Assert.Same(services.Adapter(Messenger.Telegram), all[0]);
        Assert.Same(services.Adapter(Messenger.Viber), all[1]);
        Assert.Same(services.Adapter(Messenger.WebChat), all[2]);
        Assert.Same(services.Adapter(Messenger.Vk), all[3]);
        Assert.Same(services.Adapter(Messenger.JivoChat), all[4]);
        Assert.Same(services.Adapter(Messenger.WhatsApp), all[5]);
        Assert.Same(services.Adapter(Messenger.Max), all[6]);
    }
}
