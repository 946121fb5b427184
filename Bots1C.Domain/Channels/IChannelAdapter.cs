using Bots1C.Domain.Bots;

namespace Bots1C.Domain.Channels;

public enum VerifyOutcome
{
    Genuine,
    /// <summary>No or wrong secret (Telegram) → 401.</summary>
    Unauthorized,
    /// <summary>Wrong signature (Viber) → 403.</summary>
    Forbidden,
}

/// <summary>The two facts the webhook needs before it stores an update: its de-duplication key and the
/// chat it belongs to (updates of one chat are processed in order).</summary>
public sealed record UpdateEnvelope(string ExternalId, string ChatKey);

public sealed record ConnectionCheck(bool Ok, string? Reason, string? AccountName = null)
{
    /// <summary>The messenger offers no way to check a bot (JivoChat): neither green nor red, <see cref="Reason"/> says why.</summary>
    public bool NotCheckable { get; init; }

    public static ConnectionCheck CannotCheck(string reason) => new(false, reason) { NotCheckable = true };
}

public sealed record WebhookRegistration(bool Ok, string? Reason);

/// <summary>The messenger's own view of the bot's webhook: where it sends updates, how many wait, its last delivery
/// error. <see cref="Failure"/> says why the messenger could not be asked.</summary>
public sealed record WebhookView(string? Failure, string? Url, int? PendingUpdates = null, DateTimeOffset? LastErrorAt = null, string? LastErrorMessage = null)
{
    public bool Ok => Failure is null;
    public static WebhookView Unreadable(string failure) => new(failure, null);
}

public enum DownloadFailure
{
    /// <summary>Larger than the messenger lets a bot fetch (Telegram's Bot API: 20 MB) or than we fetch at all.</summary>
    TooBig,
    /// <summary>The messenger no longer has the file (an expired link, an unknown file id).</summary>
    Gone,
    /// <summary>The messenger could not be reached, timed out or answered with an error.</summary>
    Unreachable,
    /// <summary>The channel has no files to fetch (the web chat).</summary>
    NotSupported,
}

/// <summary>A file a customer sent, fetched from the messenger: its bytes (the caller disposes <see cref="Content"/>),
/// or why there are none. <see cref="ContentType"/> and <see cref="FileName"/> are what the messenger says, if anything.</summary>
public sealed record DownloadResult(Stream? Content, string? ContentType, string? FileName, DownloadFailure? Failure, string? Reason)
{
    public bool Ok => Content is not null;

    public static DownloadResult Downloaded(Stream content, string? contentType, string? fileName) => new(content, contentType, fileName, null, null);

    public static DownloadResult Failed(DownloadFailure failure, string reason) => new(null, null, null, failure, reason);
}

/// <summary>An answer the webhook gives at once, as plain text, to a request that is not an update (VK's confirmation,
/// WhatsApp's verification GET). Nothing of such a request is stored.</summary>
public sealed record WebhookReply(int Status, string Body);

/// <summary>One messenger. Adapters only transport and translate; the outbox dispatcher owns retries and pacing.</summary>
public interface IChannelAdapter
{
    Messenger Messenger { get; }

    /// <summary>What the messenger allows and offers: pacing, file and text limits, token shape, webhook ports, buttons.</summary>
    MessengerTraits Traits { get; }

    /// <summary>Can the request be from the messenger, judging by its headers alone? Runs before the body is read, so a
    /// stranger without the secret or signature cannot make the app read (and hold) a megabyte first.</summary>
    VerifyOutcome VerifyHeaders(BotCredentials bot, Func<string, string?> header);

    /// <summary>Is the request really from the messenger, for this bot? Runs on the raw body before any parsing.</summary>
    VerifyOutcome Verify(BotCredentials bot, Func<string, string?> header, ReadOnlySpan<byte> body);

    /// <summary>Reads just the de-duplication key and chat; null when the body is not a valid update (→ 400).</summary>
    UpdateEnvelope? ReadEnvelope(ReadOnlySpan<byte> body);

    /// <summary>Translates a stored update into events. Never throws for a well-formed but unknown kind:
    /// that becomes an <see cref="InboundKind.Service"/> event. Throws <see cref="UnreadableUpdateException"/> for a
    /// body the messenger's format does not allow.</summary>
    IReadOnlyList<InboundEvent> Parse(ReadOnlySpan<byte> body);

    /// <summary>The body of the 200 the messenger expects for an update it may stop resending (VK's "ok"); null: empty.</summary>
    string? Acknowledgement => null;

    /// <summary>A GET the messenger sends to check the address is ours (WhatsApp's <c>hub.challenge</c>): the answer, or
    /// null for a GET that is not one (a person's browser, which gets the original's "Status: Ready").</summary>
    WebhookReply? AnswerGet(BotCredentials bot, Func<string, string?> query) => null;

    /// <summary>A verified POST that only proves the address (VK's <c>confirmation</c>): the answer, never stored; null
    /// for an update. May ask the messenger's API (the confirmation string), so it is async and bounded by the caller.</summary>
    Task<WebhookReply?> AnswerHandshakeAsync(BotCredentials bot, byte[] body, CancellationToken ct) => Task.FromResult<WebhookReply?>(null);

    Task<SendResult> SendAsync(BotCredentials bot, OutgoingMessage message, CancellationToken ct);

    Task<ConnectionCheck> CheckConnectionAsync(BotCredentials bot, CancellationToken ct);

    Task<WebhookRegistration> RegisterWebhookAsync(BotCredentials bot, string webhookUrl, CancellationToken ct);

    /// <summary>Asks the messenger where it delivers this bot's updates (the diagnostics' "messenger's view"); null for
    /// a channel this app serves itself. Never throws for a refusal or a network failure.</summary>
    Task<WebhookView?> ReadWebhookAsync(BotCredentials bot, CancellationToken ct);

    /// <summary>Fetches a file a customer sent, by what the update carried (<see cref="InboundFile.FileId"/>). Never throws for
    /// a refusal or a network failure: that is a <see cref="DownloadResult.Failed"/> with a reason people can read.</summary>
    Task<DownloadResult> DownloadAsync(BotCredentials bot, string fileId, CancellationToken ct);
}
