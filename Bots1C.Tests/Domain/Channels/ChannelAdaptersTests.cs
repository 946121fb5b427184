using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;
using Bots1C.Domain.Channels.Max;
using Bots1C.Domain.Channels.Telegram;
using Bots1C.Domain.Channels.Viber;
using Bots1C.Domain.Channels.Vk;
using Bots1C.Domain.Channels.WebChat;

namespace Bots1C.Tests.Domain.Channels;

/// <summary>The registry every part of the app asks for an adapter: each registered adapter under the messenger it serves.</summary>
public class ChannelAdaptersTests
{
    [Fact]
    public void The_app_files_each_adapter_under_the_messenger_it_serves()
    {
        using var services = ChannelKit.Services();
        var adapters = services.GetRequiredService<ChannelAdapters>();
        Assert.IsType<TelegramAdapter>(adapters.For(Messenger.Telegram));
        Assert.IsType<ViberAdapter>(adapters.For(Messenger.Viber));
        Assert.IsType<WebChatAdapter>(adapters.For(Messenger.WebChat));
        Assert.IsType<VkAdapter>(adapters.For(Messenger.Vk));
        Assert.IsType<Bots1C.Domain.Channels.JivoChat.JivoChatAdapter>(adapters.For(Messenger.JivoChat));
        Assert.IsType<Bots1C.Domain.Channels.WhatsApp.WhatsAppAdapter>(adapters.For(Messenger.WhatsApp));
        Assert.Equal([Messenger.Telegram, Messenger.Viber, Messenger.WebChat, Messenger.Vk, Messenger.JivoChat, Messenger.WhatsApp, Messenger.Max],
            adapters.All.Select(a => a.Messenger));
        Assert.IsType<MaxAdapter>(adapters.For(Messenger.Max));
    }

    [Fact]
    public void A_messenger_without_an_adapter_is_not_found_and_asking_for_it_outright_throws()
    {
        var adapters = new ChannelAdapters([new WebChatAdapter()]);
        Assert.False(adapters.TryGet(Messenger.Telegram, out _));
        Assert.Null(adapters.TraitsOf(Messenger.Telegram));
        Assert.Throws<InvalidOperationException>(() => adapters.For(Messenger.Telegram));
    }

    [Fact]
    public void Two_adapters_for_one_messenger_are_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new ChannelAdapters(
            [new WebChatAdapter(), new TraitsOnlyAdapter(Messenger.WebChat, WebChatAdapter.WebChatTraits)]));
        Assert.Contains("WebChat", e.Message);
    }

    [Fact]
    public void The_traits_of_a_messenger_are_its_adapters()
    {
        var telegram = TraitsOnlyAdapter.Telegram(t => t with { MaxTextLength = 100 });
        Assert.Same(telegram.Traits, new ChannelAdapters([telegram]).TraitsOf(Messenger.Telegram));
    }
}
