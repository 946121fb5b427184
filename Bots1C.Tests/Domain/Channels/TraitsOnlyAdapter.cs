using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;

namespace Bots1C.Tests.Domain.Channels;

/// <summary>A stand-in messenger that only states traits: shows that a check reads the adapter's numbers rather than
/// its own. Any transport call fails the test.</summary>
public sealed class TraitsOnlyAdapter(Messenger messenger, MessengerTraits traits) : IChannelAdapter
{
    public Messenger Messenger => messenger;
    public MessengerTraits Traits => traits;

    /// <summary>Telegram's traits with some changed.</summary>
    public static TraitsOnlyAdapter Telegram(Func<MessengerTraits, MessengerTraits> change) =>
        new(Messenger.Telegram, change(Bots1C.Domain.Channels.Telegram.TelegramAdapter.TelegramTraits));

    public VerifyOutcome VerifyHeaders(BotCredentials bot, Func<string, string?> header) => throw new NotSupportedException();
    public VerifyOutcome Verify(BotCredentials bot, Func<string, string?> header, ReadOnlySpan<byte> body) => throw new NotSupportedException();
    public UpdateEnvelope? ReadEnvelope(ReadOnlySpan<byte> body) => throw new NotSupportedException();
    public IReadOnlyList<InboundEvent> Parse(ReadOnlySpan<byte> body) => throw new NotSupportedException();
    public Task<SendResult> SendAsync(BotCredentials bot, OutgoingMessage message, CancellationToken ct) => throw new NotSupportedException();
    public Task<ConnectionCheck> CheckConnectionAsync(BotCredentials bot, CancellationToken ct) => throw new NotSupportedException();
    public Task<WebhookRegistration> RegisterWebhookAsync(BotCredentials bot, string webhookUrl, CancellationToken ct) => throw new NotSupportedException();
    public Task<WebhookView?> ReadWebhookAsync(BotCredentials bot, CancellationToken ct) => throw new NotSupportedException();
    public Task<DownloadResult> DownloadAsync(BotCredentials bot, string fileId, CancellationToken ct) => throw new NotSupportedException();
}
