using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Channels.JivoChat;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Channels.JivoChat;

/// <summary>What Jivo does not offer a bot provider: a "who am I" call, an API to set the address, a view of its side.</summary>
public sealed class JivoChatSetupTests : IDisposable
{
    private readonly JivoChatApiFake _api = new();
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter Jivo => _services.Adapter(Messenger.JivoChat);

    public void Dispose()
    {
        _api.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task The_connection_check_says_plainly_that_JivoChat_cannot_be_asked_and_never_shows_green()
    {
        _api.Answers(200); // even an endpoint that takes anything proves nothing about the token

        var check = await Jivo.CheckConnectionAsync(_api.Bot, CancellationToken.None);

        Assert.Equal(ConnectionCheck.CannotCheck(JivoChatAdapter.CannotCheckReason), check);
        Assert.Empty(_api.Server.Requests()); // nothing made-up is posted to Jivo
    }

    [Fact]
    public async Task The_address_is_given_to_Jivo_by_e_mail_so_registering_by_API_is_refused_with_where_to_read_how()
    {
        var registration = await Jivo.RegisterWebhookAsync(_api.Bot, "https://bot.example.ru/webhooks/key", CancellationToken.None);

        Assert.False(registration.Ok);
        Assert.Contains("e-mail", registration.Reason);
        Assert.False(Jivo.Traits.WebhookSetByApi);
        Assert.Empty(_api.Server.Requests());
    }

    [Fact]
    public async Task Jivo_shows_no_view_of_its_side() =>
        Assert.Null(await Jivo.ReadWebhookAsync(_api.Bot, CancellationToken.None));
}
