using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bots1C.Domain.Bots;

namespace Bots1C.Domain.Channels.Max;

/// <summary>MAX Bot API (dev.max.ru) over a pooled <see cref="HttpClient"/> named <see cref="HttpClientName"/>; no .NET
/// client for it is served here or well kept, and the API is small.</summary>
public sealed partial class MaxAdapter(IHttpClientFactory httpClients, TimeProvider clock) : IChannelAdapter
{
    public const string HttpClientName = "max";
    /// <summary>Fetches customers' files and takes our uploads: MAX's media servers, no token, so not bound to the API host.</summary>
    public const string MediaClientName = "max-media";
    public const string SecretHeader = "X-Max-Bot-Api-Secret";
    public const string DefaultApiServer = "https://platform-api2.max.ru";
    /// <summary>MAX takes at most 4000 characters in one message (NewMessageBody.text).</summary>
    public const int MaxMessageText = 4000;
    /// <summary>We hold a customer's file in memory: nothing larger than this is fetched.</summary>
    public const long MaxDownloadBytes = 50 * 1024 * 1024;

    public static readonly MessengerTraits MaxTraits = new()
    {
        // 30 requests a second to the API, as a third party (green-api.com's MAX FAQ) quotes it; dev.max.ru publishes no
        // figure, and none per chat. A file is three requests and every button press one more, so we keep to 20 messages
        // a second per bot, and, like Telegram's, one a second to one chat: nobody reads faster, and MAX may well count it.
        Pacing = new SendPacing(TimeSpan.FromSeconds(1), 20),
        MaxSendFileBytes = 4L * 1024 * 1024 * 1024, // "file" uploads: up to 4 GB (the app's own limit is lower)
        MaxDownloadFileBytes = MaxDownloadBytes,
        // One message takes 4000; a longer text goes as two messages (SendAsync), so the app's longest text fits.
        MaxTextLength = 2 * MaxMessageText,
        // A file message's text is its caption, with the same limit as any text.
        MaxCaptionLength = MaxMessageText,
        Token = new TokenFormat(TokenPattern(),
            "A MAX token is one long string of letters, digits, '-' and '_' (business.max.ru: Chat bots, the bot's ⋮, Settings, the token field)."),
        // schema.yaml: "Your server must be listening on port 443"; plain HTTP and self-signed certificates are refused.
        WebhookPorts = [443],
        // The inline keyboard is MAX's only keyboard; "message" buttons are its reply buttons.
        Buttons = new HashSet<ButtonKind> { ButtonKind.Reply, ButtonKind.SharePhone, ButtonKind.Callback, ButtonKind.OpenUrl },
        ApiHost = "platform-api2.max.ru",
    };

    private static readonly string[] UpdateTypes = ["message_created", "message_callback", "message_edited", "bot_started", "bot_stopped"];

    /// <summary>While MAX still processes an uploaded file, the message naming it is refused with this code.</summary>
    private const string AttachmentNotReady = "attachment.not.ready";
    /// <summary>How long to wait before each new try of a file message MAX is not ready for: 5 s in all, then the outbox's backoff.</summary>
    private static readonly TimeSpan[] AttachmentRetryDelays =
        [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2)];

    // Escaping Cyrillic as \uXXXX would only make requests longer.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly MaxUpdateParser _parser = new(clock);

    public Messenger Messenger => Messenger.Max;

    public MessengerTraits Traits => MaxTraits;

    /// <summary>MAX signs nothing: the secret given to POST /subscriptions, sent back in a header, is the whole proof.</summary>
    public VerifyOutcome VerifyHeaders(BotCredentials bot, Func<string, string?> header)
    {
        if (string.IsNullOrEmpty(bot.WebhookSecret) || header(SecretHeader) is not { } presented)
            return VerifyOutcome.Unauthorized;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(bot.WebhookSecret))
            ? VerifyOutcome.Genuine
            : VerifyOutcome.Unauthorized;
    }

    public VerifyOutcome Verify(BotCredentials bot, Func<string, string?> header, ReadOnlySpan<byte> body) => VerifyHeaders(bot, header);

    public UpdateEnvelope? ReadEnvelope(ReadOnlySpan<byte> body) => MaxEnvelope.Read(body);

    public IReadOnlyList<InboundEvent> Parse(ReadOnlySpan<byte> body) => _parser.Parse(body);

    public async Task<SendResult> SendAsync(BotCredentials bot, OutgoingMessage message, CancellationToken ct)
    {
        try
        {
            if (message.CallbackAnswerId is { } callbackId)
                return await AnswerCallbackAsync(bot, callbackId, message.Text, ct);

            var recipient = RecipientQuery(message.ChatId);
            if (message.File is { } file)
                return await SendFileAsync(bot, recipient, file, message, ct);
            if (string.IsNullOrEmpty(message.Text))
                return SendResult.Failed(KnownReasons.NothingToSend.English);

            // A text longer than MAX takes goes in parts; the buttons go with the last.
            var parts = Parts(message.Text);
            SendResult result = SendResult.Failed("Nothing sent");
            for (var i = 0; i < parts.Count; i++)
            {
                var body = new JsonObject { ["text"] = parts[i] };
                if (i == parts.Count - 1 && MaxKeyboard.For(message.Buttons) is { } keyboard)
                    body["attachments"] = new JsonArray(keyboard);
                result = await PostMessageAsync(bot, recipient, body, ct);
                if (result.Outcome != SendOutcome.Sent)
                    return result;
            }
            return result;
        }
        catch (HttpRequestException e)
        {
            return SendResult.Transient(Describe(e));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendResult.Transient(KnownReasons.TimedOut.English);
        }
    }

    public async Task<ConnectionCheck> CheckConnectionAsync(BotCredentials bot, CancellationToken ct)
    {
        try
        {
            var answer = await CallAsync(bot, HttpMethod.Get, "/me", null, ct);
            if (!answer.Ok)
                return new ConnectionCheck(false, answer.Status == 401 ? TokenRefused(answer) : Words(answer));
            var me = answer.Body;
            var name = (string?)me?["username"] is { Length: > 0 } username ? "@" + username
                : (string?)me?["first_name"] ?? (string?)me?["name"];
            return new ConnectionCheck(true, null, name);
        }
        catch (HttpRequestException e)
        {
            return new ConnectionCheck(false, Describe(e));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ConnectionCheck(false, KnownReasons.TimedOut.English);
        }
    }

    public async Task<WebhookRegistration> RegisterWebhookAsync(BotCredentials bot, string webhookUrl, CancellationToken ct)
    {
        // Without a secret every update would be refused by Verify: better to say so now than to lose them later.
        if (string.IsNullOrEmpty(bot.WebhookSecret))
            return new WebhookRegistration(false, "The bot has no webhook secret");
        try
        {
            var answer = await CallAsync(bot, HttpMethod.Post, "/subscriptions", new JsonObject
            {
                ["url"] = webhookUrl,
                ["update_types"] = new JsonArray([.. UpdateTypes.Select(t => JsonValue.Create(t))]),
                ["secret"] = bot.WebhookSecret,
            }, ct);
            if (!answer.Ok)
                return new WebhookRegistration(false, answer.Status == 401 ? TokenRefused(answer) : Words(answer));
            if (answer.Body?["success"] is JsonValue success && success.TryGetValue<bool>(out var ok) && !ok)
                return new WebhookRegistration(false, (string?)answer.Body["message"] is { Length: > 0 } why ? why : "MAX did not take the subscription");
            await RemoveOtherSubscriptionsAsync(bot, webhookUrl, ct);
            return new WebhookRegistration(true, null);
        }
        catch (HttpRequestException e)
        {
            return new WebhookRegistration(false, Describe(e));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookRegistration(false, KnownReasons.TimedOut.English);
        }
    }

    /// <summary>MAX keeps every address it was given and posts to each: an address the bot had before (the app moved) would
    /// go on receiving, and refusing, its updates. Telegram's setWebhook replaces; this does the same by hand.</summary>
    private async Task RemoveOtherSubscriptionsAsync(BotCredentials bot, string webhookUrl, CancellationToken ct)
    {
        try
        {
            var listed = await CallAsync(bot, HttpMethod.Get, "/subscriptions", null, ct);
            foreach (var url in SubscriptionUrls(listed).Where(u => u != webhookUrl).ToList())
                await CallAsync(bot, HttpMethod.Delete, "/subscriptions?url=" + Uri.EscapeDataString(url), null, ct);
        }
        catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            // The new address is registered; an old one left behind only fails on MAX's side, and the next registration tries again.
        }
    }

    /// <summary>GET /subscriptions names the addresses MAX posts to; it keeps no backlog or error figures for bots.</summary>
    public async Task<WebhookView?> ReadWebhookAsync(BotCredentials bot, CancellationToken ct)
    {
        try
        {
            var answer = await CallAsync(bot, HttpMethod.Get, "/subscriptions", null, ct);
            if (!answer.Ok)
                return WebhookView.Unreadable(answer.Status == 401 ? TokenRefused(answer) : Words(answer));
            return new WebhookView(null, SubscriptionUrls(answer).FirstOrDefault());
        }
        catch (HttpRequestException e)
        {
            return WebhookView.Unreadable(Describe(e));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return WebhookView.Unreadable(KnownReasons.TimedOut.English);
        }
    }

    /// <summary><paramref name="fileId"/> is the attachment's payload.url, MAX's own download link; it needs no token.</summary>
    public Task<DownloadResult> DownloadAsync(BotCredentials bot, string fileId, CancellationToken ct) =>
        PublicFileLink.DownloadAsync(httpClients.CreateClient(MediaClientName), fileId, MaxDownloadBytes, "MAX", TooBigReason, ct);

    private const string TooBigReason = "The file is larger than 50 MB, more than this app fetches from MAX.";

    /// <summary>POST /answers; our answers carry no text, and the schema lets both of its fields (message, notification) be left out.</summary>
    private async Task<SendResult> AnswerCallbackAsync(BotCredentials bot, string callbackId, string? text, CancellationToken ct)
    {
        var body = string.IsNullOrEmpty(text) ? new JsonObject() : new JsonObject { ["notification"] = text };
        var answer = await CallAsync(bot, HttpMethod.Post, "/answers?callback_id=" + Uri.EscapeDataString(callbackId), body, ct);
        // A press cannot be "blocked": a refusal of its answer is just that answer's failure.
        return answer.Ok ? SendResult.Sent(null) : Refusal(answer, forbiddenMeansBlocked: false);
    }

    /// <summary>
    /// MAX's three steps: ask for an upload address, post the bytes there (field "data"), then send a message naming the
    /// token the upload gave. A file must be a message's only attachment, so buttons, if any, follow in a message of
    /// their own with the text; otherwise the text is the file's caption.
    /// </summary>
    private async Task<SendResult> SendFileAsync(BotCredentials bot, string recipient, OutgoingFile file, OutgoingMessage message, CancellationToken ct)
    {
        var slot = await CallAsync(bot, HttpMethod.Post, "/uploads?type=file", null, ct);
        if (!slot.Ok)
            return Refusal(slot, forbiddenMeansBlocked: false);
        if ((string?)slot.Body?["url"] is not { } uploadUrl || !Uri.TryCreate(uploadUrl, UriKind.Absolute, out var uploadAddress))
            return SendResult.Transient("MAX gave no upload address");

        using var form = new MultipartFormDataContent();
        var bytes = new ByteArrayContent(file.Content);
        bytes.Headers.ContentType = MediaTypeHeaderValue.TryParse(file.MimeType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        form.Add(bytes, "data", file.FileName);
        using var uploaded = await httpClients.CreateClient(MediaClientName).PostAsync(uploadAddress, form, ct);
        var upload = await ReadAsync(uploaded, ct);
        if (!upload.Ok)
            return Refusal(upload, forbiddenMeansBlocked: false);
        if (((string?)upload.Body?["token"] ?? (string?)slot.Body?["token"]) is not { Length: > 0 } token)
            return SendResult.Transient("MAX's upload gave no file token");

        var buttons = MaxKeyboard.For(message.Buttons);
        var body = new JsonObject { ["attachments"] = new JsonArray(new JsonObject { ["type"] = "file", ["payload"] = new JsonObject { ["token"] = token } }) };
        if (buttons is null && !string.IsNullOrEmpty(message.Text))
            body["text"] = TextLimits.Cut(message.Text, MaxMessageText);

        var sent = await PostMessageAsync(bot, recipient, body, ct);
        for (var i = 0; sent.Reason == AttachmentNotReady && i < AttachmentRetryDelays.Length; i++)
        {
            await Task.Delay(AttachmentRetryDelays[i], clock, ct);
            sent = await PostMessageAsync(bot, recipient, body, ct);
        }
        if (sent.Reason == AttachmentNotReady)
            return SendResult.Transient("MAX is still processing the uploaded file (attachment.not.ready)");
        if (sent.Outcome != SendOutcome.Sent || buttons is null)
            return sent;
        return await PostMessageAsync(bot, recipient,
            new JsonObject { ["text"] = TextLimits.Cut(string.IsNullOrEmpty(message.Text) ? file.FileName : message.Text, MaxMessageText), ["attachments"] = new JsonArray(buttons) }, ct);
    }

    /// <summary>POST /messages: the sent message's mid, or the refusal. A file not processed yet comes back as a
    /// Failed whose reason is exactly <see cref="AttachmentNotReady"/>, for <see cref="SendFileAsync"/> to try again.</summary>
    private async Task<SendResult> PostMessageAsync(BotCredentials bot, string recipient, JsonObject body, CancellationToken ct)
    {
        var answer = await CallAsync(bot, HttpMethod.Post, "/messages?" + recipient, body, ct);
        if (answer.Ok)
            return SendResult.Sent((string?)answer.Body?["message"]?["body"]?["mid"]);
        if (answer.Code == AttachmentNotReady)
            return SendResult.Failed(AttachmentNotReady);
        return Refusal(answer, forbiddenMeansBlocked: true);
    }

    /// <summary>What the outbox does with a refusal. 403 on a message: the person stopped the bot (MAX: "user suspended
    /// bot") or may not be written to — either way, not worth retrying, and the contact is marked as having blocked it.</summary>
    private SendResult Refusal(MaxAnswer answer, bool forbiddenMeansBlocked) => answer.Status switch
    {
        429 => SendResult.RateLimited(RetryAfter(answer.RetryAfter), Words(answer)),
        >= 500 => SendResult.Transient(Words(answer)),
        401 => SendResult.Failed(TokenRefused(answer)),
        403 when forbiddenMeansBlocked => SendResult.Blocked(Words(answer)),
        _ => SendResult.Failed(Words(answer)),
    };

    private static string TokenRefused(MaxAnswer answer) => $"MAX refused the bot's token ({Words(answer)}): copy it again from business.max.ru.";

    /// <summary>"HTTP 400 proto.payload: text too long": the status, MAX's error key and its words, whichever there are.</summary>
    private static string Words(MaxAnswer answer)
    {
        var words = $"HTTP {answer.Status}";
        if (!string.IsNullOrEmpty(answer.Code))
            words += $" {answer.Code}";
        return string.IsNullOrEmpty(answer.Message) ? words : $"{words}: {answer.Message}";
    }

    private TimeSpan RetryAfter(RetryConditionHeaderValue? header) =>
        header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when date > clock.GetUtcNow() => date - clock.GetUtcNow(),
            _ => TimeSpan.FromSeconds(1),
        };

    /// <summary>
    /// Why a call did not reach MAX. A certificate MAX's server presents and this one does not trust is said plainly:
    /// MAX's chain ends at the Russian Trusted Root CA, which operating systems do not trust by default.
    /// </summary>
    internal static string Describe(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is AuthenticationException tls)
                return $"The API server's TLS certificate is not trusted here ({tls.Message}). MAX's certificate is issued under the "
                    + "Russian Trusted Root CA (Минцифры), which is not trusted by default: add it to this server's trusted certificates "
                    + "(docs/channels.md, MAX).";
        return NetworkFailure.Describe(e);
    }

    /// <summary>A dialog is addressed by its person (user_id), a group chat by its chat_id (see <see cref="MaxUpdate.ChatOf"/>).</summary>
    private static string RecipientQuery(string chatId) =>
        chatId.StartsWith(MaxUpdate.GroupChatPrefix, StringComparison.Ordinal)
            ? "chat_id=" + Uri.EscapeDataString(chatId[MaxUpdate.GroupChatPrefix.Length..])
            : "user_id=" + Uri.EscapeDataString(chatId);

    /// <summary>The text in parts MAX takes, cut after a line or a space where there is one near the end of a part.</summary>
    internal static List<string> Parts(string text)
    {
        var parts = new List<string>();
        while (text.Length > MaxMessageText)
        {
            var part = TextLimits.Cut(text, MaxMessageText);
            var breakAt = part.LastIndexOfAny(['\n', ' ']);
            if (breakAt >= MaxMessageText * 3 / 4)
                part = part[..(breakAt + 1)];
            parts.Add(part);
            text = text[part.Length..];
        }
        parts.Add(text);
        return parts;
    }

    private static IEnumerable<string> SubscriptionUrls(MaxAnswer answer) =>
        answer is { Ok: true, Body: { } body } && body["subscriptions"] is JsonArray list
            ? list.Select(s => (string?)s?["url"]).OfType<string>()
            : [];

    private async Task<MaxAnswer> CallAsync(BotCredentials bot, HttpMethod method, string pathAndQuery, JsonObject? body, CancellationToken ct)
    {
        var server = string.IsNullOrEmpty(bot.ApiServerUrl) ? DefaultApiServer : bot.ApiServerUrl;
        using var request = new HttpRequestMessage(method, new Uri(new Uri(server), pathAndQuery));
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(Json), Encoding.UTF8, "application/json");
        // The raw token, no "Bearer": MAX takes it only in this header (never in the query, which servers log).
        request.Headers.TryAddWithoutValidation("Authorization", bot.Token);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
        return await ReadAsync(response, ct);
    }

    private static async Task<MaxAnswer> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonNode? body = null;
        try
        {
            body = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // A proxy's error page: the status says enough.
        }
        var error = body as JsonObject;
        return new MaxAnswer((int)response.StatusCode, body,
            error?["code"] is JsonValue code && code.TryGetValue<string>(out var key) ? key : null,
            error?["message"] is JsonValue message && message.TryGetValue<string>(out var words) ? words : null,
            response.Headers.RetryAfter);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9_-]{20,256}$")]
    private static partial System.Text.RegularExpressions.Regex TokenPattern();

    private sealed record MaxAnswer(int Status, JsonNode? Body, string? Code, string? Message, RetryConditionHeaderValue? RetryAfter)
    {
        public bool Ok => Status is >= 200 and < 300;
    }
}
