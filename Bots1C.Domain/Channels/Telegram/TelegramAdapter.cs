using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bots1C.Domain.Bots;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bots1C.Domain.Channels.Telegram;

/// <summary>Telegram Bot API through Telegram.Bot, one short-lived client per call on a pooled
/// <see cref="HttpClient"/> named <see cref="HttpClientName"/>.</summary>
public sealed partial class TelegramAdapter(IHttpClientFactory httpClients, TimeProvider clock) : IChannelAdapter
{
    public const string HttpClientName = "telegram";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    /// <summary>The Bot API's own limit: getFile refuses anything larger ("file is too big").</summary>
    public const long MaxDownloadBytes = 20 * 1024 * 1024;

    public static readonly MessengerTraits TelegramTraits = new()
    {
        // Telegram's published limits: about one message a second to one chat, about thirty a second from one bot.
        Pacing = new SendPacing(TimeSpan.FromSeconds(1), 30),
        MaxSendFileBytes = 50L * 1024 * 1024, // sendDocument multipart upload
        MaxDownloadFileBytes = MaxDownloadBytes,
        MaxTextLength = 4096,
        MaxCaptionLength = 1024,
        Token = new TokenFormat(TokenPattern(), "A Telegram token looks like 123456789:AAE… (digits, a colon, 35 letters, digits, '-' or '_')."),
        WebhookPorts = [443, 80, 88, 8443],
        Buttons = new HashSet<ButtonKind> { ButtonKind.Reply, ButtonKind.SharePhone, ButtonKind.Callback, ButtonKind.OpenUrl },
        ApiHost = "api.telegram.org",
    };
    public const string TooBigReason = "The file is too big for the Telegram Bot API (over 20 MB): open it in Telegram itself.";

    private static readonly UpdateType[] AllowedUpdates =
        [UpdateType.Message, UpdateType.EditedMessage, UpdateType.CallbackQuery, UpdateType.MyChatMember];

    private readonly TelegramUpdateParser _parser = new(clock);

    public Messenger Messenger => Messenger.Telegram;

    public MessengerTraits Traits => TelegramTraits;

    /// <summary>The secret header is the whole proof, so the check before the body is the complete one.</summary>
    public VerifyOutcome Verify(BotCredentials bot, Func<string, string?> header, ReadOnlySpan<byte> body) => VerifyHeaders(bot, header);

    public VerifyOutcome VerifyHeaders(BotCredentials bot, Func<string, string?> header)
    {
        // Telegram signs nothing; the secret we gave setWebhook is the only proof. A bot without one cannot be verified at all.
        if (string.IsNullOrEmpty(bot.WebhookSecret) || header(SecretHeader) is not { } presented)
            return VerifyOutcome.Unauthorized;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(bot.WebhookSecret))
            ? VerifyOutcome.Genuine
            : VerifyOutcome.Unauthorized;
    }

    public UpdateEnvelope? ReadEnvelope(ReadOnlySpan<byte> body) => TelegramEnvelope.Read(body);

    public IReadOnlyList<InboundEvent> Parse(ReadOnlySpan<byte> body) => _parser.Parse(body);

    public async Task<SendResult> SendAsync(BotCredentials bot, OutgoingMessage message, CancellationToken ct)
    {
        if (Client(bot) is not { } client)
            return SendResult.Failed(KnownReasons.NotATelegramToken.English);
        try
        {
            if (message.CallbackAnswerId is { } callbackId)
            {
                await client.AnswerCallbackQuery(callbackId, message.Text, cancellationToken: ct);
                return SendResult.Sent(null);
            }

            var chat = ChatOf(message.ChatId);
            var markup = TelegramMarkup.For(message.Buttons);
            Message sent;
            if (message.File is { } file)
            {
                // MemoryStream over the bytes: Telegram.Bot uploads it as multipart form data under the file's name.
                sent = await client.SendDocument(chat, InputFile.FromStream(new MemoryStream(file.Content, writable: false), file.FileName),
                    caption: message.Text is { } caption ? TextLimits.Cut(caption, TelegramTraits.MaxCaptionLength) : null, replyMarkup: markup, cancellationToken: ct);
            }
            else
            {
                if (string.IsNullOrEmpty(message.Text))
                    return SendResult.Failed(KnownReasons.NothingToSend.English);
                sent = await client.SendMessage(chat, message.Text, replyMarkup: markup, cancellationToken: ct);
            }
            return SendResult.Sent(sent.Id.ToString(CultureInfo.InvariantCulture));
        }
        catch (ApiRequestException e)
        {
            return e.ErrorCode switch
            {
                429 => SendResult.RateLimited(TimeSpan.FromSeconds(e.Parameters?.RetryAfter ?? 1), e.Message),
                403 => SendResult.Blocked(e.Message),
                >= 400 and < 500 => SendResult.Failed(e.Message),
                _ => SendResult.Transient(e.Message),
            };
        }
        catch (RequestException e) when (!ct.IsCancellationRequested)
        {
            // Telegram.Bot wraps network failures, timeouts and non-JSON answers (a proxy's error page) in RequestException.
            return e.HttpStatusCode switch
            {
                HttpStatusCode.TooManyRequests => SendResult.RateLimited(TimeSpan.FromSeconds(1), e.Message),
                { } status when (int)status is >= 400 and < 500 => SendResult.Failed($"{(int)status} {e.Message}"),
                _ => SendResult.Transient(Describe(e)),
            };
        }
        catch (HttpRequestException e)
        {
            return SendResult.Transient(NetworkFailure.Describe(e));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendResult.Transient(KnownReasons.TimedOut.English);
        }
    }

    public async Task<ConnectionCheck> CheckConnectionAsync(BotCredentials bot, CancellationToken ct)
    {
        if (Client(bot) is not { } client)
            return new ConnectionCheck(false, KnownReasons.NotATelegramToken.English);
        try
        {
            var me = await client.GetMe(ct);
            return new ConnectionCheck(true, null, $"@{me.Username}");
        }
        catch (Exception e) when (e is RequestException or HttpRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new ConnectionCheck(false, Describe(e));
        }
    }

    public async Task<WebhookRegistration> RegisterWebhookAsync(BotCredentials bot, string webhookUrl, CancellationToken ct)
    {
        // Without a secret every update would be refused by Verify: better to say so now than to lose them later.
        if (string.IsNullOrEmpty(bot.WebhookSecret))
            return new WebhookRegistration(false, KnownReasons.NoWebhookSecret.English);
        if (Client(bot) is not { } client)
            return new WebhookRegistration(false, KnownReasons.NotATelegramToken.English);
        try
        {
            await client.SetWebhook(webhookUrl, secretToken: bot.WebhookSecret, allowedUpdates: AllowedUpdates, cancellationToken: ct);
            return new WebhookRegistration(true, null);
        }
        catch (Exception e) when (e is RequestException or HttpRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new WebhookRegistration(false, Describe(e));
        }
    }

    public async Task<WebhookView?> ReadWebhookAsync(BotCredentials bot, CancellationToken ct)
    {
        if (Client(bot) is not { } client)
            return WebhookView.Unreadable(KnownReasons.NotATelegramToken.English);
        try
        {
            var info = await client.GetWebhookInfo(ct);
            return new WebhookView(null, info.Url, info.PendingUpdateCount,
                info.LastErrorDate is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
                string.IsNullOrEmpty(info.LastErrorMessage) ? null : info.LastErrorMessage);
        }
        catch (Exception e) when (e is RequestException or HttpRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            return WebhookView.Unreadable(Describe(e));
        }
    }

    public async Task<DownloadResult> DownloadAsync(BotCredentials bot, string fileId, CancellationToken ct)
    {
        if (Client(bot) is not { } client)
            return DownloadResult.Failed(DownloadFailure.Unreachable, KnownReasons.NotATelegramToken.English);
        TGFile file;
        try
        {
            file = await client.GetFile(fileId, ct);
        }
        catch (ApiRequestException e) when (e.Message.Contains("file is too big", StringComparison.OrdinalIgnoreCase))
        {
            return DownloadResult.Failed(DownloadFailure.TooBig, TooBigReason);
        }
        catch (ApiRequestException e) when (e.ErrorCode is 400 or 404)
        {
            return DownloadResult.Failed(DownloadFailure.Gone, $"Telegram no longer has this file: {e.Message}");
        }
        catch (Exception e) when (e is RequestException or HttpRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            return DownloadResult.Failed(DownloadFailure.Unreachable, $"Telegram did not give the file: {Describe(e)}");
        }
        if (file.FileSize > MaxDownloadBytes)
            return DownloadResult.Failed(DownloadFailure.TooBig, TooBigReason);
        if (string.IsNullOrEmpty(file.FilePath))
            return DownloadResult.Failed(DownloadFailure.Gone, "Telegram gave no download path for this file");

        // file_path is good for an hour and is fetched at once; {server}/file/bot{token}/{file_path} comes from the client's options.
        var buffer = new DownloadBuffer(MaxDownloadBytes, file.FileSize);
        try
        {
            await client.DownloadFile(file, buffer, ct);
        }
        catch (Exception e) when (DownloadBuffer.TooBig(e))
        {
            return DownloadResult.Failed(DownloadFailure.TooBig, TooBigReason);
        }
        catch (ApiRequestException e) when (e.ErrorCode is 400 or 404)
        {
            return DownloadResult.Failed(DownloadFailure.Gone, $"Telegram no longer has this file: {e.Message}");
        }
        catch (Exception e) when (e is RequestException or HttpRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            return DownloadResult.Failed(DownloadFailure.Unreachable, $"Telegram did not give the file: {Describe(e)}");
        }
        // Telegram says nothing of the type; the path's extension (photos/file_0.jpg) is what there is.
        return DownloadResult.Downloaded(buffer.Rewound(), null, Path.GetFileName(file.FilePath));
    }

    private TelegramBotClient? Client(BotCredentials bot)
    {
        TelegramBotClientOptions options;
        try
        {
            options = new TelegramBotClientOptions(bot.Token, string.IsNullOrEmpty(bot.ApiServerUrl) ? null : bot.ApiServerUrl)
            {
                // Telegram.Bot would otherwise sleep through a 429 itself; the outbox owns waiting, and no request may hang on it.
                RetryThreshold = 0,
                RetryCount = 0,
            };
        }
        catch (ArgumentException)
        {
            // The message would quote the token; say nothing more than that it is malformed.
            return null;
        }
        return new TelegramBotClient(options, httpClients.CreateClient(HttpClientName));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{5,15}:[A-Za-z0-9_-]{35}$")]
    private static partial System.Text.RegularExpressions.Regex TokenPattern();

    private static ChatId ChatOf(string chatId) =>
        long.TryParse(chatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? new ChatId(id) : new ChatId(chatId);

    // ApiRequestException carries Telegram's description; the wrappers around network failures say more in the inner exception.
    /// <summary>Telegram's own words when it answered; otherwise why it could not be reached, never the exception's text.</summary>
    private static string Describe(Exception e) => e is ApiRequestException ? e.Message : NetworkFailure.Describe(e);
}
