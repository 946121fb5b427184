using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bots1C.Domain.Bots;

namespace Bots1C.Domain.Channels.WhatsApp;

/// <summary>
/// WhatsApp Business Cloud API (Meta's Graph API) over a pooled <see cref="HttpClient"/> named <see cref="HttpClientName"/>.
/// The bot's token is a system user's access token, its extra id the business phone number's id, its app secret the Meta
/// app's secret (webhook signatures), and its webhook secret the verify token the administrator pastes into Meta's dashboard.
/// </summary>
public sealed partial class WhatsAppAdapter(IHttpClientFactory httpClients, TimeProvider clock) : IChannelAdapter
{
    public const string HttpClientName = "whatsapp";
    /// <summary>Fetches customers' media from Meta's media host with the token (<see cref="WhatsAppMediaHostCheck"/>).</summary>
    public const string MediaClientName = "whatsapp-media";
    public const string SignatureHeader = "X-Hub-Signature-256";
    public const string DefaultApiServer = "https://graph.facebook.com";
    /// <summary>One Graph API version for every call, the current one in Meta's examples when this was written.</summary>
    public const string GraphVersion = "v26.0";
    /// <summary>Meta takes documents of up to 100 MB, both ways; nothing larger is held in memory here.</summary>
    public const long MaxFileBytes = 100L * 1024 * 1024;

    private const string SignaturePrefix = "sha256=";

    public static readonly MessengerTraits WhatsAppTraits = new()
    {
        // 80 messages a second per business number is Meta's default throughput. Per customer Meta counts a "pair rate" of
        // about one message every 6 seconds, but lets a short burst through first: pacing every chat at 6 s would make a
        // scenario's two-message reply wait 6 s for its second half. One second per chat keeps a reply's messages in order
        // on the customer's phone (WhatsApp may show messages sent in the same instant out of order), and a real pair-limit
        // refusal (131056) makes the outbox wait the 6 seconds (WhatsAppErrors).
        Pacing = new SendPacing(TimeSpan.FromSeconds(1), 80),
        MaxSendFileBytes = MaxFileBytes,
        MaxDownloadFileBytes = MaxFileBytes,
        MaxTextLength = WhatsAppMessages.MaxText,
        MaxCaptionLength = WhatsAppMessages.MaxCaption,
        Token = new TokenFormat(TokenPattern(),
            "A WhatsApp access token (a system user's token from Meta Business Settings) starts with EAA and is a long string of letters and digits."),
        // Meta calls any HTTPS port with a certificate from a public authority.
        WebhookPorts = null,
        // No phone-request button: a phone request is shown as a reply button whose press shares the number WhatsApp
        // already gives for the sender (WhatsAppWebhook.SharePhoneButtonId).
        Buttons = new HashSet<ButtonKind> { ButtonKind.Reply, ButtonKind.Callback, ButtonKind.OpenUrl },
        CanRequestPhone = true,
        ApiHost = "graph.facebook.com",
        ExtraId = new TokenFormat(PhoneNumberIdPattern(),
            "The phone number ID is the long number Meta shows under WhatsApp → API Setup next to your business number (digits only, not the phone number itself)."),
        NeedsAppSecret = true,
        AdminCopiesWebhookSecret = true,
        WebhookSetByApi = false,
    };

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WhatsAppWebhook _webhook = new(clock);

    public Messenger Messenger => Messenger.WhatsApp;

    public MessengerTraits Traits => WhatsAppTraits;

    /// <summary>Meta's verification GET: <c>hub.mode=subscribe</c> with our verify token gets the challenge back; a wrong
    /// token 403; a GET without <c>hub.mode</c> is a person's browser (null).</summary>
    public WebhookReply? AnswerGet(BotCredentials bot, Func<string, string?> query)
    {
        if (query("hub.mode") is not { } mode)
            return null;
        var presented = query("hub.verify_token");
        if (mode != "subscribe" || string.IsNullOrEmpty(bot.WebhookSecret) || presented is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(bot.WebhookSecret)))
            return new WebhookReply(StatusCodes.Forbidden, "");
        return new WebhookReply(StatusCodes.Ok, query("hub.challenge") ?? "");
    }

    /// <summary>The signature covers the body; before it is read only its absence or shape can be judged, and a bot without
    /// an app secret can check nothing, so it takes nothing.</summary>
    public VerifyOutcome VerifyHeaders(BotCredentials bot, Func<string, string?> header) =>
        !string.IsNullOrEmpty(bot.AppSecret) && PresentedSignature(header) is not null ? VerifyOutcome.Genuine : VerifyOutcome.Forbidden;

    public VerifyOutcome Verify(BotCredentials bot, Func<string, string?> header, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(bot.AppSecret) || PresentedSignature(header) is not { } presented)
            return VerifyOutcome.Forbidden;
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        // Over the bytes exactly as received: Meta signs its \u-escaped text, which re-serialised JSON would not match.
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(bot.AppSecret), body, expected);
        var expectedHex = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(expected));
        return CryptographicOperations.FixedTimeEquals(expectedHex, Encoding.ASCII.GetBytes(presented.ToLowerInvariant()))
            ? VerifyOutcome.Genuine
            : VerifyOutcome.Forbidden;
    }

    /// <summary>The hex after <c>sha256=</c>, or null when the header is missing or not of that shape.</summary>
    private static string? PresentedSignature(Func<string, string?> header) =>
        header(SignatureHeader) is { } value && value.StartsWith(SignaturePrefix, StringComparison.Ordinal)
        && value[SignaturePrefix.Length..] is { Length: SHA256.HashSizeInBytes * 2 } hex && hex.All(char.IsAsciiHexDigit)
            ? hex
            : null;

    public UpdateEnvelope? ReadEnvelope(ReadOnlySpan<byte> body) => WhatsAppWebhook.ReadEnvelope(body);

    public IReadOnlyList<InboundEvent> Parse(ReadOnlySpan<byte> body) => _webhook.Parse(body);

    public async Task<SendResult> SendAsync(BotCredentials bot, OutgoingMessage message, CancellationToken ct)
    {
        // A press has nothing to answer on WhatsApp (no spinning client, no callback id).
        if (message.CallbackAnswerId is not null)
            return SendResult.Sent(null);
        if (string.IsNullOrEmpty(bot.ExtraId))
            return SendResult.Failed("The bot has no WhatsApp phone number ID; enter it on the bot card");

        JsonObject body;
        try
        {
            if (message.File is { } file)
            {
                if (message.Buttons.Count > 0)
                    return SendResult.Failed("WhatsApp cannot show buttons under a file; send the buttons in a message of their own");
                var (mediaId, refusal) = await UploadAsync(bot, file, ct);
                if (refusal is not null)
                    return refusal;
                body = WhatsAppMessages.Document(mediaId!, file.FileName, message.Text);
            }
            else
            {
                var (text, refusal) = WhatsAppMessages.Text(message.Text, message.Buttons);
                if (refusal is not null)
                    return SendResult.Failed(refusal);
                body = text!;
            }

            using var request = Request(bot, HttpMethod.Post, $"{bot.ExtraId}/messages");
            request.Content = new StringContent(WhatsAppMessages.Addressed(body, message.ChatId, message.TrackingId).ToJsonString(Json),
                Encoding.UTF8, "application/json");
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
            var answer = await ReadAsync(response, ct);
            if (!response.IsSuccessStatusCode)
                return RefusalOf(response, answer);
            return answer?["messages"]?[0]?["id"]?.GetValueKind() == JsonValueKind.String
                ? SendResult.Sent(answer["messages"]![0]!["id"]!.GetValue<string>())
                : SendResult.Transient("WhatsApp's answer named no message id");
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

    /// <summary><c>POST /&lt;phone number id&gt;/media</c>: the file goes up first and the message names its media id.</summary>
    private async Task<(string? MediaId, SendResult? Refusal)> UploadAsync(BotCredentials bot, OutgoingFile file, CancellationToken ct)
    {
        using var request = Request(bot, HttpMethod.Post, $"{bot.ExtraId}/media");
        var form = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
            { new StringContent(file.MimeType), "type" },
        };
        var content = new ByteArrayContent(file.Content);
        content.Headers.ContentType = MediaTypeHeaderValue.TryParse(file.MimeType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", file.FileName);
        request.Content = form;
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
        var answer = await ReadAsync(response, ct);
        if (!response.IsSuccessStatusCode)
            return (null, RefusalOf(response, answer));
        return answer?["id"]?.GetValueKind() == JsonValueKind.String
            ? (answer["id"]!.GetValue<string>(), null)
            : (null, SendResult.Transient("WhatsApp's answer to the upload named no media id"));
    }

    public async Task<ConnectionCheck> CheckConnectionAsync(BotCredentials bot, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(bot.ExtraId))
            return new ConnectionCheck(false, "The bot has no WhatsApp phone number ID; enter it on the bot card");
        var (answer, failure) = await GetAsync(bot, $"{bot.ExtraId}?fields=display_phone_number,verified_name", ct);
        if (answer is null)
            return new ConnectionCheck(false, failure);
        var name = answer["verified_name"]?.GetValueKind() == JsonValueKind.String ? answer["verified_name"]!.GetValue<string>() : null;
        var number = answer["display_phone_number"]?.GetValueKind() == JsonValueKind.String ? answer["display_phone_number"]!.GetValue<string>() : null;
        return new ConnectionCheck(true, null, name is not null && number is not null ? $"{name} ({number})" : name ?? number);
    }

    /// <summary>WhatsApp's callback URL is set in the Meta app's dashboard, not through an API the bot's token may call.</summary>
    public Task<WebhookRegistration> RegisterWebhookAsync(BotCredentials bot, string webhookUrl, CancellationToken ct) =>
        Task.FromResult(new WebhookRegistration(false,
            $"WhatsApp's callback URL is set in the Meta app's dashboard (WhatsApp → Configuration): enter {webhookUrl} there with the verify token from the bot card."));

    /// <summary>Meta shows an app's webhook (callback URL, subscribed fields) only to an app token, which this bot does not
    /// hold: the diagnostics cannot show WhatsApp's own view.</summary>
    public Task<WebhookView?> ReadWebhookAsync(BotCredentials bot, CancellationToken ct) => Task.FromResult<WebhookView?>(null);

    /// <summary><paramref name="fileId"/> is the media id from the message: <c>GET /&lt;media id&gt;</c> names a short-lived
    /// URL on Meta's media host, which is fetched with the same token.</summary>
    public async Task<DownloadResult> DownloadAsync(BotCredentials bot, string fileId, CancellationToken ct)
    {
        if (fileId.Length == 0 || !fileId.All(char.IsAsciiDigit))
            return DownloadResult.Failed(DownloadFailure.Gone, "The file's media id is not a WhatsApp media id");
        try
        {
            var (media, failure) = await GetAsync(bot, fileId, ct);
            if (media is null)
                return DownloadResult.Failed(failure!.StartsWith("HTTP 404", StringComparison.Ordinal) || failure.Contains("(100)", StringComparison.Ordinal)
                    ? DownloadFailure.Gone : DownloadFailure.Unreachable, $"WhatsApp did not give the file: {failure}");
            if (media["file_size"]?.GetValueKind() == JsonValueKind.Number && media["file_size"]!.GetValue<long>() > MaxFileBytes)
                return DownloadResult.Failed(DownloadFailure.TooBig, TooBigReason);
            if (media["url"]?.GetValueKind() != JsonValueKind.String || !Uri.TryCreate(media["url"]!.GetValue<string>(), UriKind.Absolute, out var url)
                || url.Scheme is not ("https" or "http"))
                return DownloadResult.Failed(DownloadFailure.Gone, "WhatsApp named no address for the file");

            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bot.Token);
            using var response = await httpClients.CreateClient(MediaClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                return DownloadResult.Failed(DownloadFailure.Gone, $"WhatsApp no longer has this file: HTTP {(int)response.StatusCode}");
            if (!response.IsSuccessStatusCode)
                return DownloadResult.Failed(DownloadFailure.Unreachable, $"WhatsApp did not give the file: HTTP {(int)response.StatusCode}");
            var length = response.Content.Headers.ContentLength;
            if (length > MaxFileBytes)
                return DownloadResult.Failed(DownloadFailure.TooBig, TooBigReason);
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var content = await DownloadBuffer.ReadAsync(stream, MaxFileBytes, length, ct);
            var mime = media["mime_type"]?.GetValueKind() == JsonValueKind.String ? media["mime_type"]!.GetValue<string>() : response.Content.Headers.ContentType?.MediaType;
            return DownloadResult.Downloaded(content, mime, null);
        }
        catch (Exception e) when (DownloadBuffer.TooBig(e))
        {
            return DownloadResult.Failed(DownloadFailure.TooBig, TooBigReason);
        }
        catch (HttpRequestException e)
        {
            return DownloadResult.Failed(DownloadFailure.Unreachable, $"WhatsApp did not give the file: {NetworkFailure.Describe(e)}");
        }
        catch (IOException e)
        {
            return DownloadResult.Failed(DownloadFailure.Unreachable, $"WhatsApp did not give the file: {NetworkFailure.Describe(e)}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return DownloadResult.Failed(DownloadFailure.Unreachable, KnownReasons.TimedOut.English);
        }
    }

    private const string TooBigReason = "The file is larger than 100 MB, more than this app fetches from WhatsApp.";

    /// <summary>A GET whose answer is a JSON object: the object, or why there is none (never throws for a network failure).</summary>
    private async Task<(JsonObject? Answer, string? Failure)> GetAsync(BotCredentials bot, string pathAndQuery, CancellationToken ct)
    {
        try
        {
            using var request = Request(bot, HttpMethod.Get, pathAndQuery);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
            var answer = await ReadAsync(response, ct);
            if (!response.IsSuccessStatusCode)
                return (null, $"HTTP {(int)response.StatusCode}: {RefusalOf(response, answer).Reason}");
            return answer is not null ? (answer, null) : (null, "WhatsApp's answer is not JSON");
        }
        catch (HttpRequestException e)
        {
            return (null, NetworkFailure.Describe(e));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, KnownReasons.TimedOut.English);
        }
    }

    /// <summary>The token goes in the Authorization header only, never in the address (which logs and errors show).</summary>
    private static HttpRequestMessage Request(BotCredentials bot, HttpMethod method, string pathAndQuery)
    {
        var server = (string.IsNullOrEmpty(bot.ApiServerUrl) ? DefaultApiServer : bot.ApiServerUrl).TrimEnd('/');
        var request = new HttpRequestMessage(method, new Uri($"{server}/{GraphVersion}/{pathAndQuery}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bot.Token);
        return request;
    }

    private SendResult RefusalOf(HttpResponseMessage response, JsonObject? answer)
    {
        var error = answer?["error"] as JsonObject;
        var code = error?["code"]?.GetValueKind() == JsonValueKind.Number && error["code"]!.AsValue().TryGetValue<int>(out var c) ? c : (int?)null;
        var title = error?["message"]?.GetValueKind() == JsonValueKind.String ? error["message"]!.GetValue<string>() : null;
        var details = error?["error_data"]?["details"]?.GetValueKind() == JsonValueKind.String ? error["error_data"]!["details"]!.GetValue<string>() : null;
        return WhatsAppErrors.Refusal(response.StatusCode, code, title ?? $"HTTP {(int)response.StatusCode}", details, RetryAfter(response));
    }

    private static async Task<JsonObject?> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsByteArrayAsync(ct)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when date > clock.GetUtcNow() => date - clock.GetUtcNow(),
            _ => null,
        };

    private static class StatusCodes
    {
        public const int Ok = 200, Forbidden = 403;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^EAA[A-Za-z0-9]{20,}$")]
    private static partial System.Text.RegularExpressions.Regex TokenPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]{5,25}$")]
    private static partial System.Text.RegularExpressions.Regex PhoneNumberIdPattern();
}
