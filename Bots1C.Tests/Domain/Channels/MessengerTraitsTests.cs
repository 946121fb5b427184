using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Domain.Channels;

/// <summary>What each adapter states about its messenger: the numbers the pacer, the bot validator and the file checks
/// keep to. A change here is a change of behaviour towards that messenger.</summary>
public class MessengerTraitsTests
{
    private const long MB = 1024 * 1024;
    private static readonly ChannelAdapters Adapters = ChannelKit.Services().GetRequiredService<ChannelAdapters>();

    private static MessengerTraits Of(Messenger messenger) => Adapters.For(messenger).Traits;

    [Fact]
    public void Telegram_is_paced_at_one_message_a_second_per_chat_and_thirty_a_second_per_bot() =>
        Assert.Equal(new SendPacing(TimeSpan.FromSeconds(1), 30), Of(Messenger.Telegram).Pacing);

    [Fact]
    public void WhatsApp_is_paced_at_one_message_a_second_per_chat_and_eighty_a_second_per_number() =>
        Assert.Equal(new SendPacing(TimeSpan.FromSeconds(1), 80), Of(Messenger.WhatsApp).Pacing);

    [Fact]
    public void WhatsApp_asks_for_a_phone_number_id_and_an_app_secret_and_its_webhook_is_set_in_Metas_dashboard()
    {
        var traits = Of(Messenger.WhatsApp);
        Assert.Equal((true, true, false), (traits.NeedsAppSecret, traits.AdminCopiesWebhookSecret, traits.WebhookSetByApi));
        Assert.Equal((true, false), (traits.ExtraId!.Matches("106540352242922"), traits.ExtraId.Matches("+7 495 123-45-67")));
        Assert.Equal((true, false), (traits.Token!.Matches("EAAJB3ZCZAi7ZBwBAL0nZCQZC8ZBZBtestZCtokenZCforZCfakeZCgraph"), traits.Token.Matches(MessagePath.TelegramToken)));
    }

    [Fact]
    public void MAX_is_paced_at_one_message_a_second_per_chat_and_twenty_a_second_per_bot_within_its_30_requests() =>
        Assert.Equal(new SendPacing(TimeSpan.FromSeconds(1), 20), Of(Messenger.Max).Pacing);

    [Theory]
    [InlineData(Messenger.Viber)]
    [InlineData(Messenger.WebChat)]
    [InlineData(Messenger.JivoChat)]
    public void Viber_and_the_web_chat_are_not_paced_ahead_of_their_answers(Messenger messenger) =>
        Assert.Null(Of(messenger).Pacing);

    [Theory]
    [InlineData(Messenger.Telegram, 50 * MB, 20 * MB)]
    [InlineData(Messenger.Viber, 50 * MB, 50 * MB)]
    [InlineData(Messenger.WebChat, 10 * MB, 0)]
    [InlineData(Messenger.Vk, 200 * MB, 50 * MB)]
    [InlineData(Messenger.JivoChat, 50 * MB, 20 * MB)]
    [InlineData(Messenger.WhatsApp, 100 * MB, 100 * MB)]
    [InlineData(Messenger.Max, 4096 * MB, 50 * MB)]
    public void Each_messenger_states_the_files_it_takes_and_gives(Messenger messenger, long send, long download) =>
        Assert.Equal((send, download), (Of(messenger).MaxSendFileBytes, Of(messenger).MaxDownloadFileBytes));

    [Theory]
    [InlineData(Messenger.Telegram, 4096, 1024)]
    [InlineData(Messenger.Viber, 7000, 0)]
    [InlineData(Messenger.WebChat, 4096, 4096)]
    [InlineData(Messenger.Vk, 9000, 9000)]
    [InlineData(Messenger.JivoChat, 4096, 1024)]
    [InlineData(Messenger.WhatsApp, 4096, 1024)]
    [InlineData(Messenger.Max, 8000, 4000)] // 4000 a message; a longer text goes as two
    public void Each_messenger_states_its_text_and_caption_limits(Messenger messenger, int text, int caption) =>
        Assert.Equal((text, caption), (Of(messenger).MaxTextLength, Of(messenger).MaxCaptionLength));

    [Fact]
    public void Every_messenger_takes_the_longest_text_the_app_lets_people_write()
    {
        // The app has one limit for operators' answers and scenario texts; it must fit every messenger it sends to.
        foreach (var adapter in Adapters.All)
        {
            Assert.True(adapter.Traits.MaxTextLength >= OutgoingTextValidator.MaxText, $"{adapter.Messenger}: {adapter.Traits.MaxTextLength}");
            Assert.True(adapter.Traits.MaxTextLength >= ScenarioChecker.MaxTextLength, $"{adapter.Messenger}: {adapter.Traits.MaxTextLength}");
            Assert.True(adapter.Traits.MaxCaptionLength is 0 || adapter.Traits.MaxCaptionLength >= OutgoingTextValidator.MaxCaption,
                $"{adapter.Messenger}: {adapter.Traits.MaxCaptionLength}");
        }
    }

    [Fact]
    public void Telegram_calls_webhooks_on_four_ports_only() =>
        Assert.Equal([443, 80, 88, 8443], Of(Messenger.Telegram).WebhookPorts!);

    [Fact]
    public void MAX_calls_webhooks_on_443_only() =>
        Assert.Equal([443], Of(Messenger.Max).WebhookPorts!);

    [Fact]
    public void A_MAX_token_fits_MAX_and_a_Telegram_token_does_not() =>
        Assert.Equal((true, false), (Of(Messenger.Max).Token!.Matches("f9LHodD0cOKxR2n0Gz3Jq8tVbW5yX7aC1eD4fH6iJ9kL0mN2oP3qR5sT8uV_w-Yz"),
            Of(Messenger.Max).Token!.Matches(MessagePath.TelegramToken)));

    [Theory]
    [InlineData(Messenger.Viber)]
    [InlineData(Messenger.WebChat)]
    [InlineData(Messenger.JivoChat)]
    public void Viber_and_the_web_chat_take_any_port(Messenger messenger) =>
        Assert.Null(Of(messenger).WebhookPorts);

    [Fact]
    public void A_Telegram_token_fits_Telegram_only() =>
        Assert.Equal((true, false), (Of(Messenger.Telegram).Token!.Matches(MessagePath.TelegramToken), Of(Messenger.Viber).Token!.Matches(MessagePath.TelegramToken)));

    [Fact]
    public void A_Viber_token_fits_Viber_only() =>
        Assert.Equal((true, false), (Of(Messenger.Viber).Token!.Matches(MessagePath.ViberToken), Of(Messenger.Telegram).Token!.Matches(MessagePath.ViberToken)));

    [Fact]
    public void The_web_chat_has_no_token() => Assert.Null(Of(Messenger.WebChat).Token);

    [Theory]
    [InlineData(Messenger.Telegram, "Reply,SharePhone,Callback,OpenUrl", true)]
    [InlineData(Messenger.Viber, "Reply,SharePhone,Callback,OpenUrl", true)]
    [InlineData(Messenger.WebChat, "Reply,Callback,OpenUrl", false)]
    [InlineData(Messenger.Vk, "Reply,Callback,OpenUrl", false)]
    [InlineData(Messenger.JivoChat, "Reply,Callback,OpenUrl", false)]
    [InlineData(Messenger.WhatsApp, "Reply,Callback,OpenUrl", true)]
    [InlineData(Messenger.Max, "Reply,SharePhone,Callback,OpenUrl", true)]
    public void Each_messenger_states_its_buttons_and_whether_it_can_ask_for_the_phone(Messenger messenger, string buttons, bool phone)
    {
        var expected = buttons.Split(',').Select(Enum.Parse<ButtonKind>).ToHashSet();
        Assert.True(expected.SetEquals(Of(messenger).Buttons), string.Join(",", Of(messenger).Buttons));
        Assert.Equal(phone, Of(messenger).CanRequestPhone);
    }

    [Theory]
    [InlineData(Messenger.Telegram, "api.telegram.org")]
    [InlineData(Messenger.Viber, "chatapi.viber.com")]
    [InlineData(Messenger.WebChat, null)]
    [InlineData(Messenger.Vk, "api.vk.com")]
    [InlineData(Messenger.JivoChat, "bot.jivosite.com")]
    [InlineData(Messenger.WhatsApp, "graph.facebook.com")]
    [InlineData(Messenger.Max, "platform-api2.max.ru")]
    public void Each_messenger_names_its_own_API_host(Messenger messenger, string? host) =>
        Assert.Equal(host, Of(messenger).ApiHost);

    [Fact]
    public void VK_is_paced_at_twenty_calls_a_second_per_bot_and_not_per_chat() =>
        Assert.Equal(new SendPacing(TimeSpan.Zero, 20), Of(Messenger.Vk).Pacing);

    [Fact]
    public void VK_takes_any_port() => Assert.Null(Of(Messenger.Vk).WebhookPorts);

    [Theory]
    [InlineData("vk1.a.kT3nBq9XyZ0aL4mNoPqRsTuVwXyZ_0123456789-abcdefGHIJKLmnopQRSTuvwxYZ", true)]
    [InlineData("533bacf01e11f55b536a565b57531ac114461ae8736d6506a3d9aa5f3a3a7a0fbd29a5d0b5ac2e12a5d45", true)]
    [InlineData(MessagePath.TelegramToken, false)]
    [InlineData(MessagePath.ViberToken, false)]
    [InlineData("vk1.a.short", false)]
    public void A_VK_community_token_starts_with_vk1_a_or_is_85_hex_characters(string token, bool fits) =>
        Assert.Equal(fits, Of(Messenger.Vk).Token!.Matches(token));

    [Fact]
    public void VK_needs_the_community_id_takes_a_confirmation_string_and_shows_the_secret_key()
    {
        var vk = Of(Messenger.Vk);
        Assert.Equal((true, false, true, true, true, false),
            (vk.ExtraId!.Matches("214167102"), vk.ExtraId.Matches("club214167102"), vk.TakesConfirmationCode, vk.AdminCopiesWebhookSecret, vk.WebhookSetByApi, vk.NeedsAppSecret));
    }

    [Fact]
    public void A_JivoChat_bot_needs_its_provider_id_is_registered_by_e_mail_and_has_agents_of_its_own()
    {
        var jivo = Of(Messenger.JivoChat);
        Assert.Equal((true, false, true), (jivo.ExtraId!.Matches("bots1c-provider"), jivo.WebhookSetByApi, jivo.HasOwnAgents));
        Assert.False(jivo.ExtraId.Matches("a/b"));
    }

    [Fact]
    public void A_JivoChat_token_goes_into_Jivos_address_so_it_may_not_hold_a_slash_or_a_query() =>
        Assert.Equal((true, false, false), (Of(Messenger.JivoChat).Token!.Matches("jivo-agreed-token-5f2c9a"),
            Of(Messenger.JivoChat).Token!.Matches("abc/def?ghi"), Of(Messenger.JivoChat).Token!.Matches("short")));
}
