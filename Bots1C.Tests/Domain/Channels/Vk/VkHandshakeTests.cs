using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Channels.Vk;

/// <summary>VK's confirmation POST: answered at once with the community's confirmation string, never stored.</summary>
public sealed class VkHandshakeTests : IDisposable
{
    private readonly VkApiFake _api = new();
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter Vk => _services.Adapter(Messenger.Vk);
    private readonly byte[] _confirmation = VkForms.Fixture("confirmation.json");

    public void Dispose()
    {
        _api.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task The_confirmation_string_typed_on_the_bot_card_is_the_answer_without_asking_VK()
    {
        var reply = await Vk.AnswerHandshakeAsync(_api.Bot with { ConfirmationCode = "a1b2c3d4" }, _confirmation, CancellationToken.None);

        Assert.Equal(new WebhookReply(200, "a1b2c3d4"), reply);
        Assert.Empty(_api.Server.LogEntries);
    }

    [Fact]
    public async Task Without_a_typed_string_VK_is_asked_for_the_communitys_code()
    {
        _api.Answers("groups.getCallbackConfirmationCode", """{"response":{"code":"f00dcafe"}}""");

        var reply = await Vk.AnswerHandshakeAsync(_api.Bot, _confirmation, CancellationToken.None);

        Assert.Equal(new WebhookReply(200, "f00dcafe"), reply);
        ChannelKit.SameJson($$"""{"group_id":"{{VkApiFake.Community}}","v":"5.199"}""", Assert.Single(_api.Calls("groups.getCallbackConfirmationCode")).Form());
    }

    [Fact]
    public async Task When_VK_cannot_be_asked_the_answer_is_503_so_VK_tries_again()
    {
        _api.Answers("groups.getCallbackConfirmationCode", """{"error":{"error_code":5,"error_msg":"User authorization failed: invalid access_token (4)."}}""");

        Assert.Equal(503, (await Vk.AnswerHandshakeAsync(_api.Bot, _confirmation, CancellationToken.None))!.Status);
        Assert.Equal(503, (await Vk.AnswerHandshakeAsync(_api.Bot with { ApiServerUrl = "http://127.0.0.1:1" }, _confirmation, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_confirmation_for_another_community_is_refused()
    {
        var reply = await Vk.AnswerHandshakeAsync(_api.Bot with { ExtraId = "999", ConfirmationCode = "a1b2c3d4" }, _confirmation, CancellationToken.None);

        Assert.Equal(403, reply!.Status);
        Assert.DoesNotContain("a1b2c3d4", reply.Body);
    }

    [Fact]
    public async Task Any_other_event_is_not_a_handshake() =>
        Assert.Null(await Vk.AnswerHandshakeAsync(_api.Bot, VkForms.Fixture("message_new_text.json"), CancellationToken.None));

    [Fact]
    public void Every_stored_event_is_acknowledged_with_ok() => Assert.Equal("ok", Vk.Acknowledgement);
}
