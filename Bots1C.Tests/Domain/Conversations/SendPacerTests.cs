using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bots1C.Tests.Domain.Conversations;

/// <summary>The pacer holds a message back by the pacing its messenger's adapter states, and no one else's.</summary>
public class SendPacerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private SendPacer AppPacer() => new(_clock, ChannelKit.Services().GetRequiredService<ChannelAdapters>());

    [Fact]
    public void A_second_Telegram_message_to_one_chat_waits_out_the_second()
    {
        var pacer = AppPacer();
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(Messenger.Telegram, 1, "chat"));
        _clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(TimeSpan.FromMilliseconds(700), pacer.Reserve(Messenger.Telegram, 1, "chat"));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(Messenger.Telegram, 1, "another chat"));
    }

    [Fact]
    public void A_Telegram_bot_sends_at_most_thirty_messages_a_second()
    {
        var pacer = AppPacer();
        for (var chat = 0; chat < 30; chat++)
            Assert.Equal(TimeSpan.Zero, pacer.Reserve(Messenger.Telegram, 1, $"chat {chat}"));
        Assert.Equal(TimeSpan.FromSeconds(1), pacer.Reserve(Messenger.Telegram, 1, "chat 30"));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(Messenger.Telegram, 2, "chat 30"));
    }

    [Theory]
    [InlineData(Messenger.Viber)]
    [InlineData(Messenger.WebChat)]
    public void A_messenger_without_pacing_is_never_held_back(Messenger messenger)
    {
        var pacer = AppPacer();
        for (var i = 0; i < 50; i++)
            Assert.Equal(TimeSpan.Zero, pacer.Reserve(messenger, 1, "chat"));
    }

    [Fact]
    public void The_pacer_keeps_to_the_pacing_the_adapter_states()
    {
        var slow = TraitsOnlyAdapter.Telegram(t => t with { Pacing = new SendPacing(TimeSpan.FromSeconds(3), 2) });
        var pacer = new SendPacer(_clock, new ChannelAdapters([slow]));

        Assert.Equal(TimeSpan.Zero, pacer.Reserve(Messenger.Telegram, 1, "a"));
        Assert.Equal(TimeSpan.FromSeconds(3), pacer.Reserve(Messenger.Telegram, 1, "a"));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(Messenger.Telegram, 1, "b"));
        Assert.Equal(TimeSpan.FromSeconds(1), pacer.Reserve(Messenger.Telegram, 1, "c"));
    }

    [Fact]
    public void A_messenger_the_app_has_no_adapter_for_is_not_paced() =>
        Assert.Equal(TimeSpan.Zero, new SendPacer(_clock, new ChannelAdapters([])).Reserve(Messenger.Telegram, 1, "chat"));
}
