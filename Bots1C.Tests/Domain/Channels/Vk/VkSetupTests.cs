using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Channels.Vk;

/// <summary>What the bot card and the diagnostics do: check the token, register the callback server, read VK's view of it.</summary>
public sealed class VkSetupTests : IDisposable
{
    private const string Url = "https://bots.example.ru/bots_unf/webhooks/k3y";
    private readonly VkApiFake _api = new();
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter Vk => _services.Adapter(Messenger.Vk);

    public void Dispose()
    {
        _api.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task A_working_token_checks_Ok_with_the_communitys_name()
    {
        _api.Answers("groups.getById", """{"response":{"groups":[{"id":214167102,"name":"Ромашка: доставка","screen_name":"romashka","is_closed":0,"type":"group"}],"profiles":[]}}""");

        Assert.Equal(new ConnectionCheck(true, null, "Ромашка: доставка"), await Vk.CheckConnectionAsync(_api.Bot, CancellationToken.None));
        ChannelKit.SameJson($$"""{"group_id":"{{VkApiFake.Community}}","v":"5.199"}""", Assert.Single(_api.Calls("groups.getById")).Form());
    }

    [Fact]
    public async Task A_refused_token_checks_not_Ok_in_VKs_words()
    {
        _api.Answers("groups.getById", """{"error":{"error_code":5,"error_msg":"User authorization failed: invalid access_token (4)."}}""");

        Assert.Equal(new ConnectionCheck(false, "User authorization failed: invalid access_token (4). (VK error 5)"),
            await Vk.CheckConnectionAsync(_api.Bot, CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_server_checks_not_Ok_and_says_why()
    {
        var check = await Vk.CheckConnectionAsync(_api.Bot with { ApiServerUrl = "http://127.0.0.1:1" }, CancellationToken.None);
        Assert.False(check.Ok);
        Assert.False(string.IsNullOrWhiteSpace(check.Reason));
    }

    [Fact]
    public async Task Registering_adds_our_server_with_the_secret_key_and_turns_on_the_events_we_read()
    {
        _api.Answers("groups.getCallbackServers", """{"response":{"count":1,"items":[{"id":3,"title":"CRM","creator_id":1,"url":"https://crm.example.ru/vk","secret_key":"x","status":"ok"}]}}""")
            .Answers("groups.addCallbackServer", """{"response":{"server_id":4}}""")
            .Answers("groups.setCallbackSettings", """{"response":1}""");

        Assert.Equal(new WebhookRegistration(true, null), await Vk.RegisterWebhookAsync(_api.Bot, Url, CancellationToken.None));

        ChannelKit.SameJson($$"""{"group_id":"{{VkApiFake.Community}}","url":"{{Url}}","title":"Bots1C","secret_key":"{{VkApiFake.Secret}}","v":"5.199"}""",
            Assert.Single(_api.Calls("groups.addCallbackServer")).Form());
        ChannelKit.SameJson($$"""
            {"group_id":"{{VkApiFake.Community}}","server_id":"4","api_version":"5.199","message_new":"1","message_event":"1",
             "message_allow":"1","message_deny":"1","message_read":"1","message_edit":"1","v":"5.199"}
            """, Assert.Single(_api.Calls("groups.setCallbackSettings")).Form());
    }

    [Fact]
    public async Task Registering_again_reuses_our_server_and_puts_our_secret_key_on_it()
    {
        _api.Answers("groups.getCallbackServers", $$$"""{"response":{"count":1,"items":[{"id":4,"title":"Bots1C","creator_id":1,"url":"{{{Url}}}","secret_key":"old","status":"failed"}]}}""")
            .Answers("groups.editCallbackServer", """{"response":1}""")
            .Answers("groups.setCallbackSettings", """{"response":1}""");

        Assert.True((await Vk.RegisterWebhookAsync(_api.Bot, Url, CancellationToken.None)).Ok);

        Assert.Empty(_api.Calls("groups.addCallbackServer"));
        Assert.Equal("4", (string?)Assert.Single(_api.Calls("groups.editCallbackServer")).Form()["server_id"]);
        Assert.Equal("4", (string?)Assert.Single(_api.Calls("groups.setCallbackSettings")).Form()["server_id"]);
    }

    [Fact]
    public async Task A_refused_server_reports_VKs_words()
    {
        _api.Answers("groups.getCallbackServers", """{"response":{"count":0,"items":[]}}""")
            .Answers("groups.addCallbackServer", """{"error":{"error_code":2000,"error_msg":"Servers number limit is reached"}}""");

        Assert.Equal(new WebhookRegistration(false, "Servers number limit is reached (VK error 2000)"),
            await Vk.RegisterWebhookAsync(_api.Bot, Url, CancellationToken.None));
        Assert.Empty(_api.Calls("groups.setCallbackSettings"));
    }

    [Fact]
    public async Task VKs_view_is_the_server_with_our_secret_key_and_a_failed_status_is_its_error()
    {
        _api.Answers("groups.getCallbackServers", $$$"""
            {"response":{"count":2,"items":[{"id":3,"title":"CRM","url":"https://crm.example.ru/vk","secret_key":"x","status":"ok"},
              {"id":4,"title":"Bots1C","url":"{{{Url}}}","secret_key":"{{{VkApiFake.Secret}}}","status":"failed"}]}}
            """);

        var view = await Vk.ReadWebhookAsync(_api.Bot, CancellationToken.None);

        Assert.Equal(Url, view!.Url);
        Assert.Contains("failed", view.LastErrorMessage);
    }

    [Fact]
    public async Task A_confirmed_server_has_no_error_and_no_server_means_no_webhook()
    {
        _api.Answers("groups.getCallbackServers", $$$"""{"response":{"count":1,"items":[{"id":4,"url":"{{{Url}}}","secret_key":"{{{VkApiFake.Secret}}}","status":"ok"}]}}""");
        Assert.Equal(new WebhookView(null, Url), await Vk.ReadWebhookAsync(_api.Bot, CancellationToken.None));

        _api.Server.Reset();
        _api.Answers("groups.getCallbackServers", """{"response":{"count":0,"items":[]}}""");
        Assert.Equal(new WebhookView(null, null), await Vk.ReadWebhookAsync(_api.Bot, CancellationToken.None));
    }

    [Fact]
    public async Task VKs_view_that_cannot_be_read_says_why()
    {
        _api.Answers("groups.getCallbackServers", """{"error":{"error_code":15,"error_msg":"Access denied: no access to call this method"}}""");

        var view = await Vk.ReadWebhookAsync(_api.Bot, CancellationToken.None);

        Assert.False(view!.Ok);
        Assert.Contains("Access denied", view.Failure);
    }
}
