using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Tests.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Operators;

/// <summary>A file we send is held to the messenger's limit (its adapter's traits) and to the app's own for stored files.</summary>
public class MessengerFileLimitsTests
{
    private const long MB = 1024 * 1024;
    private static readonly MessengerFileLimits AppLimits = new(ChannelKit.Services().GetRequiredService<ChannelAdapters>());

    [Theory]
    [InlineData(Messenger.Telegram, 20 * MB)]
    [InlineData(Messenger.Viber, 20 * MB)]
    [InlineData(Messenger.WebChat, 10 * MB)]
    public void Each_messenger_gets_files_up_to_the_smaller_of_its_limit_and_the_apps(Messenger messenger, long limit) =>
        Assert.Equal(limit, AppLimits.MaxBytes(messenger));

    [Fact]
    public void A_messenger_that_takes_less_than_the_app_stores_sets_the_limit()
    {
        var small = TraitsOnlyAdapter.Telegram(t => t with { MaxSendFileBytes = 5 * MB });
        Assert.Equal(5 * MB, new MessengerFileLimits(new ChannelAdapters([small])).MaxBytes(Messenger.Telegram));
    }

    [Fact]
    public void The_apps_limit_for_stored_files_caps_a_messenger_that_takes_more() =>
        Assert.Equal(OutgoingTextValidator.MaxFileBytes, AppLimits.MaxBytes(Messenger.Telegram));
}
