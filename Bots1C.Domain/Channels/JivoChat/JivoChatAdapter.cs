using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Outbound;

namespace Bots1C.Domain.Channels.JivoChat;

/// <summary>
/// Jivo's bot-provider API (docs/channels.md, "JivoChat"): Jivo posts the customer's events to the bot's webhook, and we
/// post ours (BOT_MESSAGE, INVITE_AGENT) to <c>{server}/webhooks/{provider_id}/{token}</c> over a pooled
/// <see cref="HttpClient"/> named <see cref="HttpClientName"/>. The token is in that address, so the address is never
/// logged (<see cref="SecretPath"/>) and never put in a reason we return.
/// </summary>
public sealed partial class JivoChatAdapter(IHttpClientFactory httpClients, TimeProvider clock) : IChannelAdapter
{
    public const string HttpClientName = "jivochat";
    /// <summary>Fetches the links of customers' files: no token, so not bound to the API host.</summary>
    public const string MediaClientName = "jivochat-media";
    public const string DefaultApiServer = "https://bot.jivosite.com";
    /// <summary>Jivo publishes no limit for customers' files; nothing larger is held in memory here.</summary>
    public const long MaxDownloadBytes = 20 * 1024 * 1024;

    public static readonly MessengerTraits JivoChatTraits = new()
    {
        // Jivo publishes no sending rate [UNVERIFIED]: we wait only when it answers 429.
        Pacing = null,
        // Files go out as links to this app (SendAsync): the limit is the app's own for stored files.
        MaxSendFileBytes = 50L * 1024 * 1024,
        MaxDownloadFileBytes = MaxDownloadBytes,
        // Jivo publishes no text limit [UNVERIFIED]: the app's longest text (OutgoingTextValidator.MaxText).
        MaxTextLength = 4096,
        // A file goes as a text message: its caption is the text before the link.
        MaxCaptionLength = 1024,
        Token = new TokenFormat(TokenPattern(), "The JivoChat bot token is the secret you agreed with Jivo: 8 to 128 letters, digits, '-', '_', '.' or '~'."),
        ExtraId = new TokenFormat(ProviderIdPattern(), "The JivoChat provider id is the id Jivo sent you by e-mail: up to 64 letters, digits, '-' or '_'."),
        WebhookPorts = null,
        // Callback buttons carry their payload as the button's id; links become lines of the text; no phone button.
        Buttons = new HashSet<ButtonKind> { ButtonKind.Reply, ButtonKind.Callback, ButtonKind.OpenUrl },
        ApiHost = "bot.jivosite.com",
        // The address is given to Jivo by e-mail (docs/channels.md): there is no API call for it.
        WebhookSetByApi = false,
        HasOwnAgents = true,
    };

    public const string RefusedReason = "JivoChat refused the bot's provider id or token";

    public const string CannotCheckReason =
        "JivoChat has no call that confirms a provider id and token, so this app cannot check them. Send a message in the "
        + "site's JivoChat window: the bot's answer shows the connection works; a refused reply shows in the conversation.";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JivoEvents _events = new(clock);

    public Messenger Messenger => Messenger.JivoChat;

    public MessengerTraits Traits => JivoChatTraits;

    /// <summary>Jivo documents no signature: the unguessable bot key in the webhook's address is the only secret.</summary>
    public VerifyOutcome VerifyHeaders(BotCredentials bot, Func<string, string?> header) => VerifyOutcome.Genuine;

    public VerifyOutcome Verify(BotCredentials bot, Func<string, string?> header, ReadOnlySpan<byte> body) => VerifyOutcome.Genuine;

    public UpdateEnvelope? ReadEnvelope(ReadOnlySpan<byte> body) => JivoEvents.ReadEnvelope(body);

    public IReadOnlyList<InboundEvent> Parse(ReadOnlySpan<byte> body) => _events.Parse(body);

    public async Task<SendResult> SendAsync(BotCredentials bot, OutgoingMessage message, CancellationToken ct)
    {
        if (JivoChatIds.Split(message.ChatId) is not ({ } chatId, { } clientId))
            return SendResult.Failed("Not a JivoChat chat (no client id)");
        var eventId = Guid.NewGuid().ToString();
        var request = new JsonObject
        {
            ["id"] = eventId,
            ["event"] = message.InviteAgent ? "INVITE_AGENT" : "BOT_MESSAGE",
            ["chat_id"] = chatId,
            ["client_id"] = clientId,
        };
        if (!message.InviteAgent)
        {
            if (message.CallbackAnswerId is not null)
                return SendResult.Sent(null); // Jivo has nothing to answer a press with: the press is an ordinary message
            if (MessageOf(message) is not { } body)
                return SendResult.Failed(message.File is null ? KnownReasons.NothingToSend.English
                    : "JivoChat takes files as links: set the bot's public address so the file has one");
            request["message"] = body;
        }

        try
        {
            using var response = await PostAsync(bot, request, ct);
            var status = (int)response.StatusCode;
            return response.StatusCode switch
            {
                HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.NoContent or HttpStatusCode.Created => SendResult.Sent(eventId),
                HttpStatusCode.TooManyRequests => SendResult.RateLimited(RetryAfter(response), "JivoChat: too many requests (HTTP 429)"),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound => SendResult.Failed($"{RefusedReason} (HTTP {status})"),
                _ when status >= 500 => SendResult.Transient($"JivoChat answered HTTP {status}"),
                HttpStatusCode.BadRequest => SendResult.Failed("JivoChat refused the message as malformed (HTTP 400)"),
                HttpStatusCode.MethodNotAllowed => SendResult.Failed("JivoChat does not take this event (HTTP 405)"),
                _ => SendResult.Failed($"JivoChat refused the message (HTTP {status})"),
            };
        }
        catch (HttpRequestException e)
        {
            return SendResult.Transient($"JivoChat could not be reached: {NetworkFailure.Describe(e)}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendResult.Transient("JivoChat did not answer in time");
        }
    }

    /// <summary>Jivo has no "who am I" call, and a probe with a made-up event could not tell a right token from a wrong one
    /// for sure: the check says so rather than show a green it cannot vouch for.</summary>
    public Task<ConnectionCheck> CheckConnectionAsync(BotCredentials bot, CancellationToken ct) =>
        Task.FromResult(ConnectionCheck.CannotCheck(CannotCheckReason));

    public Task<WebhookRegistration> RegisterWebhookAsync(BotCredentials bot, string webhookUrl, CancellationToken ct) =>
        Task.FromResult(new WebhookRegistration(false,
            "JivoChat has no API to set the address: e-mail it to Jivo with the token (docs/channels.md, JivoChat)."));

    /// <summary>Jivo shows a bot provider nothing of its side: there is no view to read.</summary>
    public Task<WebhookView?> ReadWebhookAsync(BotCredentials bot, CancellationToken ct) => Task.FromResult<WebhookView?>(null);

    /// <summary><paramref name="fileId"/> is the link the customer's file message carried; it is fetched without the token.</summary>
    public Task<DownloadResult> DownloadAsync(BotCredentials bot, string fileId, CancellationToken ct) =>
        PublicFileLink.DownloadAsync(httpClients.CreateClient(MediaClientName), fileId, MaxDownloadBytes, "JivoChat", TooBigReason, ct);

    private const string TooBigReason = "The file is larger than 20 MB, more than this app fetches from JivoChat.";

    /// <summary>
    /// TEXT, or BUTTONS when there are buttons to press [shape from third-party code, UNVERIFIED]. A button's id is its
    /// payload (or its text), so a press names the button it came from. Links and files have no message type of their own
    /// in Jivo's docs: they become lines of the text.
    /// </summary>
    private JsonObject? MessageOf(OutgoingMessage message)
    {
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(message.Text))
            lines.Add(message.Text);
        if (message.File is { } file)
        {
            if (file.PublicUrl is null)
                return null;
            lines.Add($"{file.FileName}: {file.PublicUrl}");
        }
        lines.AddRange(message.Buttons.Where(b => b.Kind == ButtonKind.OpenUrl && b.Payload is not null).Select(b => $"{b.Text}: {b.Payload}"));
        if (lines.Count == 0)
            return null;

        var pressable = message.Buttons.Where(b => b.Kind is ButtonKind.Reply or ButtonKind.Callback).ToList();
        var body = new JsonObject
        {
            ["type"] = pressable.Count > 0 ? "BUTTONS" : "TEXT",
            ["text"] = string.Join("\n", lines),
        };
        if (pressable.Count > 0)
            body["buttons"] = new JsonArray([.. pressable.Select(b => (JsonNode)new JsonObject { ["text"] = b.Text, ["id"] = b.Payload ?? b.Text })]);
        body["timestamp"] = clock.GetUtcNow().ToUnixTimeSeconds();
        return body;
    }

    private async Task<HttpResponseMessage> PostAsync(BotCredentials bot, JsonObject body, CancellationToken ct)
    {
        var server = (string.IsNullOrEmpty(bot.ApiServerUrl) ? DefaultApiServer : bot.ApiServerUrl).TrimEnd('/');
        var address = $"{server}/webhooks/{Uri.EscapeDataString(bot.ExtraId ?? "")}/{Uri.EscapeDataString(bot.Token)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, address)
        {
            Content = new StringContent(body.ToJsonString(Json), Encoding.UTF8, "application/json"),
        };
        return await httpClients.CreateClient(HttpClientName).SendAsync(request.WithSecretPath(), ct);
    }

    private TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when date > clock.GetUtcNow() => date - clock.GetUtcNow(),
            _ => TimeSpan.FromSeconds(1),
        };

    [GeneratedRegex(@"^[A-Za-z0-9_.~\-]{8,128}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_\-]{1,64}$")]
    private static partial Regex ProviderIdPattern();
}
