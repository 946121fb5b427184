using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Bots;

/// <summary>The guide's advice: use port 443 for every channel; a port the messenger never calls is worse than a warning.</summary>
public class WebhookPortAdviceTests : IDisposable
{
    private readonly Bots1CAppFactory _app = new();

    private MessengerTraits? Traits(Messenger messenger) => _app.Services.GetRequiredService<ChannelAdapters>().TraitsOf(messenger);

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData(Messenger.Telegram, "https://bot.example.ru/bots_unf", WebhookPortVerdict.Fine)]
    [InlineData(Messenger.Telegram, "https://bot.example.ru:8443/bots_unf", WebhookPortVerdict.Recommend443)]
    [InlineData(Messenger.Telegram, "https://bot.example.ru:8080/bots_unf", WebhookPortVerdict.NotCalled)]
    [InlineData(Messenger.Max, "https://bot.example.ru:8443/bots_unf", WebhookPortVerdict.NotCalled)]
    [InlineData(Messenger.Viber, "https://bot.example.ru:8443/bots_unf", WebhookPortVerdict.Recommend443)]
    [InlineData(Messenger.WebChat, "https://bot.example.ru:8443/bots_unf", WebhookPortVerdict.Fine)]
    [InlineData(Messenger.Telegram, "not an address", WebhookPortVerdict.Fine)]
    public void Says_whether_the_messenger_calls_the_port_and_recommends_443(Messenger messenger, string url, WebhookPortVerdict expected) =>
        Assert.Equal(expected, WebhookPortAdvice.For(Traits(messenger), url));
}
