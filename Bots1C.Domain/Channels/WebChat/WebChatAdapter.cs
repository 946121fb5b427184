using System.Text.Json;
using Bots1C.Domain.Bots;

namespace Bots1C.Domain.Channels.WebChat;

/// <summary>
/// Our own channel. Visitor messages arrive through the chat window's endpoints (not a webhook) and go through
/// the same inbox; replies need no transport: the stored message is what the window shows, pushed live.
/// </summary>
public sealed class WebChatAdapter : IChannelAdapter
{
    public Messenger Messenger => Messenger.WebChat;

    public static readonly MessengerTraits WebChatTraits = new()
    {
        // Replies are rows this app shows the window itself: there is no messenger to outpace.
        Pacing = null,
        MaxSendFileBytes = 10L * 1024 * 1024, // visitors' browsers download it from us
        MaxDownloadFileBytes = 0,             // visitors cannot send files
        MaxTextLength = 4096,
        MaxCaptionLength = 4096,
        Token = null,
        WebhookPorts = null,
        // A browser has no phone number of its own to share: the visitor types it.
        Buttons = new HashSet<ButtonKind> { ButtonKind.Reply, ButtonKind.Callback, ButtonKind.OpenUrl },
        ApiHost = null,
    };

    public MessengerTraits Traits => WebChatTraits;

    /// <summary>The web chat has no webhook: anything posted to one is refused.</summary>
    public VerifyOutcome Verify(BotCredentials bot, Func<string, string?> header, ReadOnlySpan<byte> body) => VerifyOutcome.Unauthorized;

    public VerifyOutcome VerifyHeaders(BotCredentials bot, Func<string, string?> header) => VerifyOutcome.Unauthorized;

    public UpdateEnvelope? ReadEnvelope(ReadOnlySpan<byte> body) =>
        Read(body) is { } p ? new UpdateEnvelope($"{p.VisitorId}:{p.ClientMessageId}", p.VisitorId) : null;

    public IReadOnlyList<InboundEvent> Parse(ReadOnlySpan<byte> body)
    {
        var payload = Read(body) ?? throw new UnreadableUpdateException("Not a web-chat message.");
        // A pressed Callback button arrives as a press with the button's text; there is no CallbackId because the
        // window needs no answer (Telegram's answerCallbackQuery only stops a spinner).
        var kind = payload.ButtonPayload is { Length: > 0 } ? InboundKind.ButtonPress : InboundKind.Text;
        return
        [
            new InboundEvent(kind, payload.VisitorId, payload.At)
            {
                Sender = new Sender(payload.VisitorId, payload.Name, null, null, payload.Language),
                ExternalMessageId = payload.ClientMessageId,
                Text = payload.Text,
                ButtonData = kind == InboundKind.ButtonPress ? payload.ButtonPayload : null,
            },
        ];
    }

    public Task<SendResult> SendAsync(BotCredentials bot, OutgoingMessage message, CancellationToken ct) =>
        Task.FromResult(SendResult.Sent(message.TrackingId));

    public Task<ConnectionCheck> CheckConnectionAsync(BotCredentials bot, CancellationToken ct) =>
        Task.FromResult(new ConnectionCheck(true, null));

    public Task<WebhookRegistration> RegisterWebhookAsync(BotCredentials bot, string webhookUrl, CancellationToken ct) =>
        Task.FromResult(new WebhookRegistration(true, null));

    /// <summary>The window talks to this app directly: there is no messenger to ask.</summary>
    public Task<WebhookView?> ReadWebhookAsync(BotCredentials bot, CancellationToken ct) => Task.FromResult<WebhookView?>(null);

    /// <summary>The window sends text and button presses only: no visitor file ever reaches a conversation.</summary>
    public Task<DownloadResult> DownloadAsync(BotCredentials bot, string fileId, CancellationToken ct) =>
        Task.FromResult(DownloadResult.Failed(DownloadFailure.NotSupported, "Web chat visitors cannot send files, so there is nothing to fetch."));

    public static byte[] Serialize(WebChatPayload payload) => JsonSerializer.SerializeToUtf8Bytes(payload);

    private static WebChatPayload? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<WebChatPayload>(body) is { VisitorId.Length: > 0, ClientMessageId.Length: > 0, Text: not null } p ? p : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
