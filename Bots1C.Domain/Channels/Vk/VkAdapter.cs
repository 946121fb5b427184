using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bots1C.Domain.Bots;

namespace Bots1C.Domain.Channels.Vk;

/// <summary>A VK community's messages through the Callback API (in) and the API's messages.* methods (out).</summary>
public sealed partial class VkAdapter(IHttpClientFactory httpClients, TimeProvider clock) : IChannelAdapter
{
    public const string HttpClientName = "vk";
    /// <summary>Fetches customers' files from their public signed links (VK's user-content servers): no token.</summary>
    public const string MediaClientName = "vk-media";
    /// <summary>Posts our files to the upload address VK hands out (not its API host): no token either.</summary>
    public const string UploadClientName = "vk-upload";
    /// <summary>The callback server's name in the community's settings (VK allows 14 characters).</summary>
    public const string ServerTitle = "Bots1C";
    /// <summary>VK takes documents of up to 200 MB; a customer's file is held in memory, so we fetch up to 50 MB.</summary>
    public const long MaxDownloadBytes = 50 * 1024 * 1024;

    public static readonly MessengerTraits VkTraits = new()
    {
        // VK is said to allow a community token about 20 calls a second [UNVERIFIED: quoted by third parties, not found in
        // VK's own pages]. It publishes no per-chat limit. Error 6 ("too many requests") makes the outbox wait anyway.
        Pacing = new SendPacing(TimeSpan.Zero, 20),
        MaxSendFileBytes = 200L * 1024 * 1024, // docs.getMessagesUploadServer
        MaxDownloadFileBytes = MaxDownloadBytes,
        MaxTextLength = 9000, // messages.send.message in the 5.199 schema
        // The file and its text go in one message.
        MaxCaptionLength = 9000,
        Token = new TokenFormat(TokenPattern(),
            "A VK community token starts with vk1.a. (older ones are 85 hexadecimal characters): Manage → API usage → Access tokens."),
        WebhookPorts = null,
        Buttons = new HashSet<ButtonKind> { ButtonKind.Reply, ButtonKind.Callback, ButtonKind.OpenUrl },
        ApiHost = "api.vk.com",
        ExtraId = new TokenFormat(CommunityIdPattern(), "A VK community id is a number: vk.com/club123456 → 123456."),
        TakesConfirmationCode = true,
        AdminCopiesWebhookSecret = true,
    };

    // The events we ask VK for when registering (groups.setCallbackSettings), each read by VkCallback.
    private static readonly string[] Events = ["message_new", "message_event", "message_allow", "message_deny", "message_read", "message_edit"];

    private readonly VkCallback _callbacks = new(clock);
    private readonly VkApi _api = new(httpClients, clock);

    public Messenger Messenger => Messenger.Vk;

    public MessengerTraits Traits => VkTraits;

    /// <summary>VK's "ok": an event answered otherwise counts as an error, and VK stops calling a server after several.</summary>
    public string? Acknowledgement => "ok";

    /// <summary>VK puts its secret in the body, not a header: nothing to judge before the body is read.</summary>
    public VerifyOutcome VerifyHeaders(BotCredentials bot, Func<string, string?> header) => VerifyOutcome.Genuine;

    /// <summary>The body's <c>secret</c> must be the bot's webhook secret (VK's "secret key"); also on the confirmation.</summary>
    public VerifyOutcome Verify(BotCredentials bot, Func<string, string?> header, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(bot.WebhookSecret))
            return VerifyOutcome.Forbidden;
        using var document = VkCallback.Open(body);
        if (document is null || VkCallback.Text(document.RootElement, "secret") is not { } presented)
            return VerifyOutcome.Forbidden;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(bot.WebhookSecret))
            ? VerifyOutcome.Genuine
            : VerifyOutcome.Forbidden;
    }

    /// <summary>
    /// VK's <c>confirmation</c> proves the address is ours: answered with the confirmation string as plain text, typed on
    /// the bot card or, if none, asked of VK (groups.getCallbackConfirmationCode). If VK cannot be asked, 503 makes VK try
    /// again. A confirmation for another community is refused.
    /// </summary>
    public async Task<WebhookReply?> AnswerHandshakeAsync(BotCredentials bot, byte[] body, CancellationToken ct)
    {
        string? groupId;
        using (var document = VkCallback.Open(body))
        {
            if (document is null || VkCallback.Type(document.RootElement) != VkCallback.Confirmation)
                return null;
            groupId = VkCallback.Number(document.RootElement, "group_id");
        }
        if (groupId is null || groupId != bot.ExtraId?.Trim())
            return new WebhookReply(StatusCodes.Forbidden, "This address serves another VK community.");
        if (!string.IsNullOrWhiteSpace(bot.ConfirmationCode))
            return new WebhookReply(StatusCodes.Ok, bot.ConfirmationCode.Trim());

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(ChannelServices.MessengerTimeout);
        var answer = await _api.CallAsync(bot, "groups.getCallbackConfirmationCode", [new("group_id", groupId)], bounded.Token);
        return answer.Response is { ValueKind: JsonValueKind.Object } response && VkCallback.Text(response, "code") is { Length: > 0 } code
            ? new WebhookReply(StatusCodes.Ok, code)
            : new WebhookReply(StatusCodes.Unavailable, "");
    }

    public UpdateEnvelope? ReadEnvelope(ReadOnlySpan<byte> body) => VkCallback.ReadEnvelope(body);

    public IReadOnlyList<InboundEvent> Parse(ReadOnlySpan<byte> body) => _callbacks.Parse(body);

    public async Task<SendResult> SendAsync(BotCredentials bot, OutgoingMessage message, CancellationToken ct)
    {
        if (message.CallbackAnswerId is { } callbackId)
            return await AnswerPressAsync(bot, callbackId, message.Text, ct);

        var parameters = new List<KeyValuePair<string, string>>
        {
            new("peer_id", message.ChatId),
            new("random_id", VkRandomId.For(bot.WebhookSecret, message.TrackingId).ToString(CultureInfo.InvariantCulture)),
        };
        if (!string.IsNullOrEmpty(message.Text))
            parameters.Add(new("message", TextLimits.Cut(message.Text, VkTraits.MaxTextLength)));
        if (message.File is { } file)
        {
            var (attachment, failure) = await UploadAsync(bot, message.ChatId, file, ct);
            if (attachment is null)
                return failure!;
            parameters.Add(new("attachment", attachment));
        }
        else if (string.IsNullOrEmpty(message.Text))
            return SendResult.Failed(KnownReasons.NothingToSend.English);
        if (VkKeyboard.For(message.Buttons) is { } keyboard)
            parameters.Add(new("keyboard", keyboard));

        var answer = await _api.CallAsync(bot, "messages.send", parameters, ct);
        return answer.ToSendResult(response => response.ValueKind == JsonValueKind.Number && response.TryGetInt64(out var id)
            ? SendResult.Sent(id.ToString(CultureInfo.InvariantCulture))
            : SendResult.Sent(null));
    }

    /// <summary>Stops the spinner on a callback button. A snackbar only when there is something to say.</summary>
    private async Task<SendResult> AnswerPressAsync(BotCredentials bot, string callbackId, string? text, CancellationToken ct)
    {
        if (VkEventAnswer.Decode(callbackId) is not var (eventId, user, peer))
            return SendResult.Failed("Not a VK button press to answer");
        var parameters = new List<KeyValuePair<string, string>> { new("event_id", eventId), new("user_id", user), new("peer_id", peer) };
        if (!string.IsNullOrEmpty(text))
            parameters.Add(new("event_data", JsonSerializer.Serialize(new { type = "show_snackbar", text = TextLimits.Cut(text, 90) })));
        var answer = await _api.CallAsync(bot, "messages.sendMessageEventAnswer", parameters, ct);
        return answer.ToSendResult(_ => SendResult.Sent(null));
    }

    /// <summary>docs.getMessagesUploadServer → the file to its upload address → docs.save → <c>doc{owner}_{id}</c>.</summary>
    private async Task<(string? Attachment, SendResult? Failure)> UploadAsync(BotCredentials bot, string peerId, OutgoingFile file, CancellationToken ct)
    {
        var server = await _api.CallAsync(bot, "docs.getMessagesUploadServer", [new("type", "doc"), new("peer_id", peerId)], ct);
        if (!server.Ok)
            return (null, server.ToSendResult(_ => SendResult.Sent(null)));
        if (server.Response is not { ValueKind: JsonValueKind.Object } s || VkCallback.Text(s, "upload_url") is not { } uploadUrl
            || !Uri.TryCreate(uploadUrl, UriKind.Absolute, out var uploadUri) || uploadUri.Scheme is not ("http" or "https"))
            return (null, SendResult.Transient("VK gave no upload address"));

        string? uploaded;
        try
        {
            using var form = new MultipartFormDataContent();
            var content = new ByteArrayContent(file.Content);
            content.Headers.ContentType = MediaTypeHeaderValue.TryParse(file.MimeType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "file", file.FileName);
            using var response = await httpClients.CreateClient(UploadClientName).PostAsync(uploadUri, form, ct);
            if ((int)response.StatusCode >= 500)
                return (null, SendResult.Transient($"VK's upload server answered HTTP {(int)response.StatusCode}"));
            if (!response.IsSuccessStatusCode)
                return (null, SendResult.Failed($"VK's upload server refused the file: HTTP {(int)response.StatusCode}"));
            using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
            uploaded = document.RootElement.ValueKind == JsonValueKind.Object ? VkCallback.Text(document.RootElement, "file") : null;
            if (uploaded is null)
                return (null, SendResult.Failed($"VK's upload server refused the file: {(document.RootElement.ValueKind == JsonValueKind.Object ? VkCallback.Text(document.RootElement, "error") : null) ?? "no file in its answer"}"));
        }
        catch (HttpRequestException e)
        {
            return (null, SendResult.Transient($"VK's upload server: {NetworkFailure.Describe(e)}"));
        }
        catch (JsonException)
        {
            return (null, SendResult.Transient("VK's upload server's answer is not JSON"));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, SendResult.Transient(KnownReasons.TimedOut.English));
        }

        var saved = await _api.CallAsync(bot, "docs.save", [new("file", uploaded), new("title", file.FileName)], ct);
        if (!saved.Ok)
            return (null, saved.ToSendResult(_ => SendResult.Sent(null)));
        return saved.Response is { ValueKind: JsonValueKind.Object } r && VkCallback.Child(r, "doc") is { } doc
               && VkCallback.Number(doc, "owner_id") is { } owner && VkCallback.Number(doc, "id") is { } id
            ? ($"doc{owner}_{id}" + (VkCallback.Text(doc, "access_key") is { Length: > 0 } key ? $"_{key}" : ""), null)
            : (null, SendResult.Failed("VK saved no document"));
    }

    /// <summary>groups.getById: the token works, and the community's name.</summary>
    public async Task<ConnectionCheck> CheckConnectionAsync(BotCredentials bot, CancellationToken ct)
    {
        if (CommunityOf(bot) is not { } group)
            return new ConnectionCheck(false, "The bot has no VK community id.");
        var answer = await _api.CallAsync(bot, "groups.getById", [new("group_id", group)], ct);
        if (answer.Response is not { } response)
            return new ConnectionCheck(false, answer.Why);
        // 5.199 answers {"groups":[…]}; versions before 5.194 answered the list itself.
        var groups = response.ValueKind == JsonValueKind.Object && response.TryGetProperty("groups", out var list) ? list : response;
        var first = groups.ValueKind == JsonValueKind.Array ? groups.EnumerateArray().FirstOrDefault() : default;
        return first.ValueKind == JsonValueKind.Object
            ? new ConnectionCheck(true, null, VkCallback.Text(first, "name"))
            : new ConnectionCheck(false, "VK does not know this community.");
    }

    /// <summary>
    /// Adds our address as a callback server of the community (or reuses the one already there, setting our secret key on
    /// it), then turns on the events we read, at API version 5.199. Adding a server makes VK post a confirmation to it,
    /// which <see cref="AnswerHandshakeAsync"/> answers.
    /// </summary>
    public async Task<WebhookRegistration> RegisterWebhookAsync(BotCredentials bot, string webhookUrl, CancellationToken ct)
    {
        if (CommunityOf(bot) is not { } group)
            return new WebhookRegistration(false, "The bot has no VK community id.");
        var (servers, failure) = await ServersAsync(bot, group, ct);
        if (servers is null)
            return new WebhookRegistration(false, failure);

        string serverId;
        if (servers.FirstOrDefault(s => s.Url == webhookUrl) is { } existing)
        {
            serverId = existing.Id;
            if (existing.SecretKey != bot.WebhookSecret)
            {
                var edited = await _api.CallAsync(bot, "groups.editCallbackServer",
                    [new("group_id", group), new("server_id", serverId), new("url", webhookUrl), new("title", ServerTitle), new("secret_key", bot.WebhookSecret ?? "")], ct);
                if (!edited.Ok)
                    return new WebhookRegistration(false, edited.Why);
            }
        }
        else
        {
            var added = await _api.CallAsync(bot, "groups.addCallbackServer",
                [new("group_id", group), new("url", webhookUrl), new("title", ServerTitle), new("secret_key", bot.WebhookSecret ?? "")], ct);
            if (added.Response is not { ValueKind: JsonValueKind.Object } a || VkCallback.Number(a, "server_id") is not { } id)
                return new WebhookRegistration(false, added.Ok ? "VK gave no server id" : added.Why);
            serverId = id;
        }

        var settings = await _api.CallAsync(bot, "groups.setCallbackSettings",
            [new("group_id", group), new("server_id", serverId), new("api_version", VkApi.Version), .. Events.Select(e => new KeyValuePair<string, string>(e, "1"))], ct);
        return settings.Ok ? new WebhookRegistration(true, null) : new WebhookRegistration(false, settings.Why);
    }

    /// <summary>The community's callback server that is ours (it carries our secret key), else the first one: its address,
    /// and VK's status when it is not "ok".</summary>
    public async Task<WebhookView?> ReadWebhookAsync(BotCredentials bot, CancellationToken ct)
    {
        if (CommunityOf(bot) is not { } group)
            return WebhookView.Unreadable("The bot has no VK community id.");
        var (servers, failure) = await ServersAsync(bot, group, ct);
        if (servers is null)
            return WebhookView.Unreadable(failure!);
        var ours = servers.FirstOrDefault(s => s.SecretKey == bot.WebhookSecret) ?? servers.FirstOrDefault();
        if (ours is null)
            return new WebhookView(null, null);
        var problem = ours.Status switch
        {
            "ok" or null => null,
            "failed" => "VK could not confirm the server or deliver to it (status \"failed\"): check the address and register the webhook again.",
            "unconfigured" => "The server is not confirmed yet (status \"unconfigured\"): register the webhook again.",
            "wait" => "VK is waiting for the server to answer its confirmation (status \"wait\").",
            var other => $"VK reports the server's status as \"{other}\".",
        };
        return new WebhookView(null, ours.Url, LastErrorMessage: problem);
    }

    private sealed record CallbackServer(string Id, string? Url, string? SecretKey, string? Status);

    private async Task<(List<CallbackServer>? Servers, string? Failure)> ServersAsync(BotCredentials bot, string group, CancellationToken ct)
    {
        var answer = await _api.CallAsync(bot, "groups.getCallbackServers", [new("group_id", group)], ct);
        if (answer.Response is not { } response)
            return (null, answer.Why);
        if (response.ValueKind != JsonValueKind.Object || !response.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            return ([], null);
        return ([.. items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object && VkCallback.Number(i, "id") is not null)
            .Select(i => new CallbackServer(VkCallback.Number(i, "id")!, VkCallback.Text(i, "url"), VkCallback.Text(i, "secret_key"), VkCallback.Text(i, "status")))], null);
    }

    private static string? CommunityOf(BotCredentials bot) =>
        bot.ExtraId?.Trim() is { Length: > 0 } id && VkTraits.ExtraId!.Matches(id) ? id : null;

    /// <summary><paramref name="fileId"/> is the attachment's own link (a document's url, a photo's largest size): public and
    /// signed by VK, fetched without the token.</summary>
    public Task<DownloadResult> DownloadAsync(BotCredentials bot, string fileId, CancellationToken ct) =>
        PublicFileLink.DownloadAsync(httpClients.CreateClient(MediaClientName), fileId, MaxDownloadBytes, "VK", TooBigReason, ct);

    private const string TooBigReason = "The file is larger than 50 MB, more than this app fetches from VK: open it in VK itself.";

    private static class StatusCodes
    {
        public const int Ok = 200, Forbidden = 403, Unavailable = 503;
    }

    // Community tokens: "vk1.a." and a long url-safe tail nowadays; 85 hexadecimal characters before. Lenient on the tail.
    [GeneratedRegex(@"^(vk1\.a\.[A-Za-z0-9_\-.]{20,500}|[0-9a-f]{85})$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^[1-9][0-9]{0,11}$")]
    private static partial Regex CommunityIdPattern();
}
