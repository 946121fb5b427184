using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.EventLog;

namespace Bots1C.Web.Endpoints;

/// <summary>
/// <c>{public base}/webhooks/{botKey}</c>. A POST does only this: find the bot, verify, read the update's key,
/// commit it to the inbox, answer. No scenario runs and no messenger is called inside the request.
/// </summary>
public static class WebhookEndpoints
{
    public const int MaxBodyBytes = 1024 * 1024;

    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/webhooks/{botKey}").AllowAnonymous().DisableAntiforgery().WithoutStatusPages();
        webhooks.MapGet("", AnswerGetAsync);
        webhooks.MapPost("", ReceiveAsync);
    }

    /// <summary>A messenger's verification GET (WhatsApp) is answered by the bot's adapter; any other GET is a person
    /// following the original's troubleshooting steps, who expects "Status: Ready" (also for a key that names no bot, as
    /// before: the line says the app is up, not which bots exist).</summary>
    private static async Task<IResult> AnswerGetAsync(string botKey, HttpContext http, BotCache bots, ChannelAdapters adapters,
        ThrottledJournal journal, CancellationToken ct)
    {
        if (await bots.FindByKeyAsync(botKey, ct) is { } bot && adapters.TryGet(bot.Messenger, out var adapter)
            && adapter.AnswerGet(bot.Credentials, name => http.Request.Query[name].FirstOrDefault()) is { } reply)
        {
            if (reply.Status != StatusCodes.Status200OK)
                return await RefuseAsync(journal, reply.Status, MessagePathEvents.WebhookNoVerifyToken, http, bot);
            return Results.Text(reply.Body, "text/plain", statusCode: reply.Status);
        }
        return TypedResults.Text("Status: Ready", "text/plain");
    }

    private static async Task<IResult> ReceiveAsync(string botKey, HttpContext http, BotCache bots,
        ChannelAdapters adapters, InboxWriter inbox, ThrottledJournal journal, CancellationToken ct)
    {
        var bot = await bots.FindByKeyAsync(botKey, ct);
        if (bot is null)
            return await RefuseAsync(journal, StatusCodes.Status404NotFound, MessagePathEvents.WebhookUnknownBot, http, null);

        if (!adapters.TryGet(bot.Messenger, out var adapter))
            return await RefuseAsync(journal, StatusCodes.Status404NotFound,
                (status, from) => MessagePathEvents.WebhookNoAdapter(bot.Messenger, status, from), http, bot);

        string? Header(string name) => http.Request.Headers[name].FirstOrDefault();
        // Headers first: a caller without the secret or a signature is sent away before we read a byte of its body.
        if (adapter.VerifyHeaders(bot.Credentials, Header) is not VerifyOutcome.Genuine and var early)
            return await RefuseNotGenuineAsync(journal, early, http, bot);

        var body = await ReadBodyAsync(http, ct);
        if (body is null)
            return await RefuseAsync(journal, StatusCodes.Status413PayloadTooLarge,
                (status, from) => MessagePathEvents.WebhookTooLarge(MaxBodyBytes, status, from), http, bot);

        if (adapter.Verify(bot.Credentials, Header, body) is not VerifyOutcome.Genuine and var verdict)
            return await RefuseNotGenuineAsync(journal, verdict, http, bot);

        // JSON is UTF-8 by definition and no messenger sends anything else; the JSON reader would let broken bytes
        // inside a string through, to fail later where nobody sees it.
        if (!System.Text.Unicode.Utf8.IsValid(body))
            return await RefuseAsync(journal, StatusCodes.Status400BadRequest, MessagePathEvents.WebhookNotUtf8, http, bot);

        if (await adapter.AnswerHandshakeAsync(bot.Credentials, body, ct) is { } handshake)
            return Results.Text(handshake.Body, "text/plain", statusCode: handshake.Status);

        if (adapter.ReadEnvelope(body) is not { } envelope)
            return await RefuseAsync(journal, StatusCodes.Status400BadRequest, MessagePathEvents.WebhookNoUpdate, http, bot);

        // A disabled bot's updates are kept but not processed, and answered 200 so the messenger stops resending.
        var state = bot.State == BotState.Active ? InboxState.Pending : InboxState.Ignored;
        await inbox.AppendAsync(new IncomingUpdate(bot.Id, envelope.ExternalId, envelope.ChatKey, body, state), ct);
        return adapter.Acknowledgement is { } ack ? Results.Text(ack, "text/plain") : Results.Ok();
    }

    /// <summary>The body, or null when it is over the limit (declared or actual).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static Task<IResult> RefuseNotGenuineAsync(ThrottledJournal journal, VerifyOutcome verdict, HttpContext http, BotSnapshot bot) =>
        RefuseAsync(journal, verdict == VerifyOutcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
            MessagePathEvents.WebhookNotGenuine, http, bot);

    private static async Task<IResult> RefuseAsync(ThrottledJournal journal, int status, Func<int, string, EventDetail> detail,
        HttpContext http, BotSnapshot? bot)
    {
        var from = http.Connection.RemoteIpAddress?.ToString() ?? "unknown address";
        // Throttled per network as the limits count it: rotating through one IPv6 /64 must not write a row per call.
        await journal.WriteAsync(EventSources.Webhooks, Bots1C.Web.Composition.ClientAddress.Of(http), detail(status, from),
            bot?.Credentials.Name ?? $"key {Truncate(http.GetRouteValue("botKey")?.ToString())}", bot?.Id);
        return Results.StatusCode(status);
    }

    private static string Truncate(string? key) => key is null ? "" : key.Length <= 8 ? key : key[..8] + "…";
}
