using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bots1C.Domain.Bots;

namespace Bots1C.Domain.Channels.Viber;

/// <summary>Viber REST Bot API over a plain pooled <see cref="HttpClient"/> named <see cref="HttpClientName"/>.</summary>
public sealed partial class ViberAdapter(IHttpClientFactory httpClients, TimeProvider clock) : IChannelAdapter
{
    public const string HttpClientName = "viber";
    /// <summary>Fetches the media links of customers' files: no token, so not bound to the API host.</summary>
    public const string MediaClientName = "viber-media";
    public const string SignatureHeader = "X-Viber-Content-Signature";
    public const string AuthHeader = "X-Viber-Auth-Token";
    public const string DefaultApiServer = "https://chatapi.viber.com";
    private const int MaxSenderName = 28;
    /// <summary>Viber lets customers send files of up to 50 MB; nothing larger is held in memory here.</summary>
    public const long MaxDownloadBytes = 50 * 1024 * 1024;

    public static readonly MessengerTraits ViberTraits = new()
    {
        // Viber publishes no per-chat or per-bot rate we keep to: we wait only when it answers "too many requests".
        Pacing = null,
        MaxSendFileBytes = 50L * 1024 * 1024, // a file message's media
        MaxDownloadFileBytes = MaxDownloadBytes,
        MaxTextLength = 7000,
        // A file message carries only the file (SendAsync).
        MaxCaptionLength = 0,
        Token = new TokenFormat(TokenPattern(), "A Viber token is letters and digits in three groups joined by '-'."),
        WebhookPorts = null,
        // Callback buttons become reply buttons that send their payload silently (Keyboard, WithSilentPayload).
        Buttons = new HashSet<ButtonKind> { ButtonKind.Reply, ButtonKind.SharePhone, ButtonKind.Callback, ButtonKind.OpenUrl },
        ApiHost = "chatapi.viber.com",
    };

    // Viber's status codes with a meaning of their own: the person is out of reach for good (not a Viber user, not
    // subscribed), or we are going too fast. Every other non-zero status is a refusal of this message.
    private const int ReceiverNotRegistered = 5, ReceiverNotSubscribed = 6, TooManyRequests = 12;

    private static readonly string[] WebhookEvents = ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"];

    // Viber caps a request at 30 KB; escaping Cyrillic as \uXXXX would triple its size for nothing.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ViberCallback _callbacks = new(clock);

    public Messenger Messenger => Messenger.Viber;

    public MessengerTraits Traits => ViberTraits;

    /// <summary>The signature covers the body; before it is read, only a request without one can be refused.</summary>
    public VerifyOutcome VerifyHeaders(BotCredentials bot, Func<string, string?> header) =>
        header(SignatureHeader) is { Length: SHA256.HashSizeInBytes * 2 } ? VerifyOutcome.Genuine : VerifyOutcome.Forbidden;

    public VerifyOutcome Verify(BotCredentials bot, Func<string, string?> header, ReadOnlySpan<byte> body)
    {
        if (header(SignatureHeader) is not { Length: SHA256.HashSizeInBytes * 2 } presented)
            return VerifyOutcome.Forbidden;
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(bot.Token), body, expected);
        Span<byte> expectedHex = stackalloc byte[SHA256.HashSizeInBytes * 2];
        // Viber sends lowercase hex; comparing the hex text keeps the comparison byte-for-byte and constant-time.
        Encoding.ASCII.GetBytes(Convert.ToHexStringLower(expected), expectedHex);
        return CryptographicOperations.FixedTimeEquals(expectedHex, Encoding.UTF8.GetBytes(presented))
            ? VerifyOutcome.Genuine
            : VerifyOutcome.Forbidden;
    }

    public UpdateEnvelope? ReadEnvelope(ReadOnlySpan<byte> body) => ViberCallback.ReadEnvelope(body);

    public IReadOnlyList<InboundEvent> Parse(ReadOnlySpan<byte> body) => _callbacks.Parse(body);

    public async Task<SendResult> SendAsync(BotCredentials bot, OutgoingMessage message, CancellationToken ct)
    {
        var request = new JsonObject
        {
            ["receiver"] = message.ChatId,
            // share-phone exists from API version 3 on; older clients would get the message without the button.
            ["min_api_version"] = message.Buttons.Any(b => b.Kind == ButtonKind.SharePhone) ? 3 : 1,
            ["sender"] = new JsonObject { ["name"] = TextLimits.Cut(bot.Name, MaxSenderName) },
        };
        if (message.File is { } file)
        {
            // Viber downloads files itself and has no caption for them: a file message carries only the file.
            if (file.PublicUrl is null)
                return SendResult.Failed("Viber needs a public URL for files");
            request["type"] = "file";
            request["media"] = file.PublicUrl;
            request["size"] = file.Content.LongLength;
            request["file_name"] = file.FileName;
        }
        else
        {
            if (string.IsNullOrEmpty(message.Text))
                return SendResult.Failed(KnownReasons.NothingToSend.English);
            request["type"] = "text";
            request["text"] = message.Text;
        }
        if (message.TrackingId is { } tracking)
            request["tracking_data"] = tracking;
        if (message.Buttons.Count > 0)
            request["keyboard"] = Keyboard(message.Buttons);

        try
        {
            using var response = await PostAsync(bot, "/pa/send_message", request, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                return SendResult.RateLimited(RetryAfter(response), "HTTP 429");
            if ((int)response.StatusCode >= 500)
                return SendResult.Transient($"HTTP {(int)response.StatusCode}");
            if (!response.IsSuccessStatusCode)
                return SendResult.Failed($"HTTP {(int)response.StatusCode}");

            if (await ReadAsync(response, ct) is not { } answer)
                return SendResult.Transient("Viber's answer is not JSON");
            return answer.Status switch
            {
                0 => SendResult.Sent(answer.MessageToken),
                TooManyRequests => SendResult.RateLimited(TimeSpan.FromSeconds(1), answer.Message),
                ReceiverNotRegistered or ReceiverNotSubscribed => SendResult.Blocked(answer.Message),
                _ => SendResult.Failed(answer.Message),
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
        var (answer, failure) = await CallAsync(bot, "/pa/get_account_info", new JsonObject(), ct);
        return answer is { Status: 0 }
            ? new ConnectionCheck(true, null, answer.AccountName)
            : new ConnectionCheck(false, failure ?? answer?.Message);
    }

    public async Task<WebhookRegistration> RegisterWebhookAsync(BotCredentials bot, string webhookUrl, CancellationToken ct)
    {
        var request = new JsonObject
        {
            ["url"] = webhookUrl,
            ["event_types"] = new JsonArray([.. WebhookEvents.Select(e => JsonValue.Create(e))]),
            ["send_name"] = true,
            ["send_photo"] = false,
        };
        var (answer, failure) = await CallAsync(bot, "/pa/set_webhook", request, ct);
        return answer is { Status: 0 } ? new WebhookRegistration(true, null) : new WebhookRegistration(false, failure ?? answer?.Message);
    }

    /// <summary>get_account_info names the webhook Viber posts to; Viber keeps no error or backlog figures for bots.</summary>
    public async Task<WebhookView?> ReadWebhookAsync(BotCredentials bot, CancellationToken ct)
    {
        var (answer, failure) = await CallAsync(bot, "/pa/get_account_info", new JsonObject(), ct);
        return answer is { Status: 0 } ? new WebhookView(null, answer.Webhook) : WebhookView.Unreadable(failure ?? answer?.Message ?? "no answer");
    }

    /// <summary><paramref name="fileId"/> is the message's <c>media</c> link: Viber's own download address, public and
    /// expiring. It is fetched without the token (it is not Viber's API and needs none).</summary>
    public Task<DownloadResult> DownloadAsync(BotCredentials bot, string fileId, CancellationToken ct) =>
        PublicFileLink.DownloadAsync(httpClients.CreateClient(MediaClientName), fileId, MaxDownloadBytes, "Viber", TooBigReason, ct);

    private const string TooBigReason = "The file is larger than 50 MB, more than this app fetches from Viber.";

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9]{8,32}-[A-Za-z0-9]{8,32}-[A-Za-z0-9]{8,32}$")]
    private static partial System.Text.RegularExpressions.Regex TokenPattern();

    private static JsonObject Keyboard(IReadOnlyList<Button> buttons) => new()
    {
        ["Type"] = "keyboard",
        ["Buttons"] = new JsonArray([.. buttons.Select(b => (JsonNode)new JsonObject
        {
            ["ActionType"] = b.Kind switch
            {
                ButtonKind.SharePhone => "share-phone",
                ButtonKind.OpenUrl => "open-url",
                // Viber has no callback buttons: a Callback button becomes a reply button that sends its payload as text.
                _ => "reply",
            },
            ["ActionBody"] = b.Payload ?? b.Text,
            ["Text"] = b.Text,
        }.WithSilentPayload(b))]),
    };

    /// <summary>For calls whose only question is "did it work": the answer, or why there is none.</summary>
    private async Task<(ViberAnswer? Answer, string? Failure)> CallAsync(BotCredentials bot, string path, JsonObject body, CancellationToken ct)
    {
        try
        {
            using var response = await PostAsync(bot, path, body, ct);
            if (!response.IsSuccessStatusCode)
                return (null, $"HTTP {(int)response.StatusCode}");
            return await ReadAsync(response, ct) is { } answer ? (answer, null) : (null, "Viber's answer is not JSON");
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

    private async Task<HttpResponseMessage> PostAsync(BotCredentials bot, string path, JsonObject body, CancellationToken ct)
    {
        var server = string.IsNullOrEmpty(bot.ApiServerUrl) ? DefaultApiServer : bot.ApiServerUrl;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(server), path))
        {
            Content = new StringContent(body.ToJsonString(Json), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(AuthHeader, bot.Token);
        return await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
    }

    private static async Task<ViberAnswer?> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("status", out var status)
                || !status.TryGetInt32(out var code))
                return null;
            return new ViberAnswer(
                code,
                root.TryGetProperty("status_message", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() ?? $"status {code}" : $"status {code}",
                ViberCallback.Number(root, "message_token"),
                root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
                root.TryGetProperty("webhook", out var webhook) && webhook.ValueKind == JsonValueKind.String ? webhook.GetString() : null);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // "status" was not a number.
            return null;
        }
    }

    private TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when date > clock.GetUtcNow() => date - clock.GetUtcNow(),
            _ => TimeSpan.FromSeconds(1),
        };

    private sealed record ViberAnswer(int Status, string Message, string? MessageToken, string? AccountName, string? Webhook = null);
}

internal static class ViberButtons
{
    /// <summary>A Callback button's payload (e.g. <c>s12:m1:b2</c>) is for the bot, not for people: Viber's "Silent" keeps
    /// it out of the customer's own chat, which otherwise shows the reply button's ActionBody as their message.</summary>
    public static System.Text.Json.Nodes.JsonObject WithSilentPayload(this System.Text.Json.Nodes.JsonObject button, Button b)
    {
        if (b.Kind == ButtonKind.Callback && b.Payload is not null && b.Payload != b.Text)
            button["Silent"] = true;
        return button;
    }
}
