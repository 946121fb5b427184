using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Tests.Domain.Channels.Telegram;
using Bots1C.Tests.Domain.Channels.Viber;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Channels;

/// <summary>
/// A bot stored with an API server the rule does not allow (saved before the rule, or the allow-list changed since)
/// sends its token nowhere: the messenger clients refuse the request before a connection is made.
/// </summary>
public sealed class MessengerApiGuardTests : IDisposable
{
    private const string Setting = "Bots1C:Messengers:ApiAllowedHosts";
    private readonly ServiceProvider _strict = ChannelKit.Services(allowLoopback: false);

    public void Dispose() => _strict.Dispose();

    [Fact]
    public async Task Telegram_sends_nothing_to_an_api_server_on_loopback_that_is_not_listed()
    {
        using var api = new TelegramApiFake();
        api.Answers("getMe", 200, """{"ok":true,"result":{"id":7000000,"is_bot":true,"first_name":"Shop bot","username":"shop_bot"}}""");

        var check = await _strict.Adapter(Messenger.Telegram).CheckConnectionAsync(api.Bot, CancellationToken.None);

        Assert.False(check.Ok);
        Assert.Contains(Setting, check.Reason);
        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task Viber_sends_nothing_to_an_api_server_on_loopback_that_is_not_listed()
    {
        using var api = new ViberApiFake();

        var check = await _strict.Adapter(Messenger.Viber).CheckConnectionAsync(api.Bot, CancellationToken.None);

        Assert.False(check.Ok);
        Assert.Contains(Setting, check.Reason);
        Assert.Empty(api.Server.LogEntries);
    }
}
