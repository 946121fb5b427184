using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Channels.WebChat;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Files;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bots1C.Web.Endpoints;

public sealed record WebChatSessionRequest(string? Token);
public sealed record WebChatSession(string Token, string VisitorId);
/// <summary>A visitor's message; with <see cref="Payload"/> it is a press of a Callback button and <see cref="Text"/> is
/// the button's text.</summary>
/// <param name="Language">The browser's language (<c>navigator.language</c>): the bot answers in it.</param>
public sealed record WebChatPost(string? Id, string? Text, string? Name, string? Payload = null, string? Language = null);

/// <summary>A button as the window draws it. Kind: "reply" (sends its text), "callback" (sends a press with
/// <see cref="Payload"/>) or "link" (opens <see cref="Url"/>, always http or https).</summary>
public sealed record WebChatButton(string Kind, string Text, string? Payload = null, string? Url = null);

/// <param name="Author">Who wrote a reply: the operator's name for a person's message; null for the bot (the window's
/// header already names it) and for the visitor's own messages.</param>
public sealed record WebChatMessage(long Id, string Direction, string? Text, string? ClientId, DateTimeOffset At,
    string? FileName = null, string? FileUrl = null, IReadOnlyList<WebChatButton>? Buttons = null, bool IsButtonPress = false,
    string? Author = null);

/// <summary>
/// The public side of a "Web chat" bot: the chat window page and the calls it makes. Visitor messages go into
/// the same inbox as messenger updates (de-duplicated by the window's own message id); replies stream back
/// as server-sent events.
/// </summary>
public static class WebChatEndpoints
{
    public const string VisitorHeader = "X-Visitor-Token";
    public const int MaxText = 4096;
    /// <summary>The same limits as everywhere else: a button's text and Telegram's callback_data.</summary>
    public const int MaxButtonText = 64, MaxPayloadBytes = 64;
    /// <summary>How many of the latest messages the window loads; a press must match a button among them.</summary>
    private const int HistorySize = 50;

    public static void MapWebChatEndpoints(this IEndpointRouteBuilder app)
    {
        // Machine endpoints answer with their own status codes; the HTML status pages are for people.
        var chat = app.MapGroup("/webchat/{botKey}").AllowAnonymous().DisableAntiforgery().RequireRateLimiting(WebChatRateLimit.Policy)
            .WithoutStatusPages().WithSecurityHeadersPolicy(Bots1C.Web.Composition.SecurityHeaderPolicies.ChatWindow);
        chat.MapGet("", WebChatWindow.RenderAsync);
        chat.MapPost("/session", StartSessionAsync);
        chat.MapPost("/messages", PostAsync);
        chat.MapGet("/messages", HistoryAsync);
        chat.MapGet("/events", Events);
    }

    internal static async Task<BotSnapshot?> WebChatBotAsync(BotCache bots, string botKey, CancellationToken ct) =>
        await bots.FindByKeyAsync(botKey, ct) is { Messenger: Messenger.WebChat, State: BotState.Active } bot ? bot : null;

    private static async Task<Results<Ok<WebChatSession>, NotFound>> StartSessionAsync(
        string botKey, WebChatSessionRequest? request, BotCache bots, WebChatVisitors visitors, CancellationToken ct)
    {
        if (await WebChatBotAsync(bots, botKey, ct) is not { } bot)
            return TypedResults.NotFound();
        if (visitors.VisitorOf(bot.Id, request?.Token) is { } known)
            return TypedResults.Ok(new WebChatSession(request!.Token!, known));
        var (visitorId, token) = visitors.NewVisitor(bot.Id);
        return TypedResults.Ok(new WebChatSession(token, visitorId));
    }

    private static async Task<Results<Accepted, NotFound, UnauthorizedHttpResult, ValidationProblem>> PostAsync(
        string botKey, WebChatPost post, HttpContext http, BotCache bots, WebChatVisitors visitors,
        InboxWriter inbox, ConversationQueries queries, TimeProvider clock, CancellationToken ct)
    {
        if (await WebChatBotAsync(bots, botKey, ct) is not { } bot)
            return TypedResults.NotFound();
        if (visitors.VisitorOf(bot.Id, http.Request.Headers[VisitorHeader]) is not { } visitor)
            return TypedResults.Unauthorized();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(post.Id) || post.Id.Length > 64)
            errors["id"] = ["Each message needs its own id of 1–64 characters."];
        var isPress = post.Payload is not null;
        if (isPress)
        {
            if (post.Payload!.Length == 0 || Encoding.UTF8.GetByteCount(post.Payload) > MaxPayloadBytes)
                errors["payload"] = [$"A button payload is 1–{MaxPayloadBytes} bytes."];
            if (string.IsNullOrWhiteSpace(post.Text) || post.Text.Length > MaxButtonText)
                errors["text"] = [$"A pressed button needs its text of 1–{MaxButtonText} characters."];
        }
        else if (string.IsNullOrWhiteSpace(post.Text))
            errors["text"] = ["Write the message text."];
        else if (post.Text.Length > MaxText)
            errors["text"] = [$"The text is longer than {MaxText} characters."];
        if (errors.Count == 0 && isPress && !await OfferedAsync(bot.Id, visitor, post.Payload!, post.Text!, queries, ct))
            errors["payload"] = ["No button with this payload and text was offered in this chat."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var language = WebChatLanguage.Of(post.Language, http.Request.Headers.AcceptLanguage);
        // A press keeps the button's text exactly (it was matched against the offered button); typed text is trimmed.
        var payload = new WebChatPayload(visitor, post.Id!, isPress ? post.Text! : post.Text!.Trim(), Trim(post.Name), language,
            clock.GetUtcNow(), isPress ? post.Payload : null);
        await inbox.AppendAsync(new IncomingUpdate(bot.Id, $"{visitor}:{post.Id}", visitor, WebChatAdapter.Serialize(payload), InboxState.Pending), ct);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>Payloads go to scenarios and 1C as they are; only ones the bot offered this visitor are let through.</summary>
    private static async Task<bool> OfferedAsync(long botId, string visitor, string payload, string text, ConversationQueries queries, CancellationToken ct) =>
        await queries.ConversationOfUserAsync(botId, visitor, ct) is { } conversation
        && await queries.OffersCallbackAsync(conversation, payload, text, HistorySize, ct);

    private static async Task<Results<Ok<WebChatMessage[]>, NotFound, UnauthorizedHttpResult>> HistoryAsync(
        string botKey, HttpContext http, BotCache bots, WebChatVisitors visitors, ConversationQueries queries, FileLinks links, CancellationToken ct)
    {
        if (await WebChatBotAsync(bots, botKey, ct) is not { } bot)
            return TypedResults.NotFound();
        if (visitors.VisitorOf(bot.Id, http.Request.Headers[VisitorHeader]) is not { } visitor)
            return TypedResults.Unauthorized();
        if (await queries.ConversationOfUserAsync(bot.Id, visitor, ct) is not { } conversation)
            return TypedResults.Ok(Array.Empty<WebChatMessage>());
        var window = new WindowMessages(links, http.Request.PathBase);
        return TypedResults.Ok((await queries.LatestMessagesAsync(conversation, HistorySize, ct)).Select(window.From).ToArray());
    }

    /// <summary>EventSource cannot send headers, so the token comes in the query string.</summary>
    private static async Task<IResult> Events(string botKey, string? token, HttpContext http, BotCache bots, WebChatVisitors visitors,
        ConversationQueries queries, ConversationNotifier notifier, FileLinks links, IHostApplicationLifetime lifetime, IConfiguration configuration,
        CancellationToken ct)
    {
        if (await WebChatBotAsync(bots, botKey, ct) is not { } bot)
            return TypedResults.NotFound();
        if (visitors.VisitorOf(bot.Id, token) is not { } visitor)
            return TypedResults.Unauthorized();
        if (Interlocked.Increment(ref _openStreams) > MaxOpenStreams)
        {
            Interlocked.Decrement(ref _openStreams);
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        var window = new WindowMessages(links, http.Request.PathBase);
        // A stopping app ends every stream at once: otherwise open windows hold the shutdown up to its timeout; the windows
        // then reconnect to the new instance by themselves.
        return new WebChatEventStream(StreamAsync(bot.Id, visitor, queries, notifier, window, lifetime.ApplicationStopping, ct),
            WebChatEventStream.KeepAliveOf(configuration));
    }

    /// <summary>Each open window holds a connection; beyond this many the server says "busy" and the window retries.</summary>
    public const int MaxOpenStreams = 5000;
    private static int _openStreams;

    /// <summary>A "ready" event first: the response (and the browser's EventSource "open") starts only with the first event,
    /// and the window must know at once that it is connected again after a restart. Then each message as a "message" event.</summary>
    private static async IAsyncEnumerable<System.Net.ServerSentEvents.SseItem<WebChatMessage?>> StreamAsync(long botId, string visitor,
        ConversationQueries queries, ConversationNotifier notifier, WindowMessages window, CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            yield return new(null, "ready");
            await foreach (var message in MessagesOfAsync(botId, visitor, queries, notifier, window, stopping, ct))
                yield return new(message, "message");
        }
        finally
        {
            Interlocked.Decrement(ref _openStreams);
        }
    }

    private static async IAsyncEnumerable<WebChatMessage> MessagesOfAsync(long botId, string visitor, ConversationQueries queries,
        ConversationNotifier notifier, WindowMessages window, CancellationToken stopping, [EnumeratorCancellation] CancellationToken ct)
    {
        var changes = Channel.CreateBounded<ConversationEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        using var subscription = notifier.Subscribe(e =>
        {
            if (e.BotId == botId && e.MessageId is not null)
                changes.Writer.TryWrite(e);
            return Task.CompletedTask;
        });
        long? conversation = await queries.ConversationOfUserAsync(botId, visitor, ct);
        // The app stopping completes the channel: the stream ends cleanly rather than with an exception.
        await using var stop = stopping.Register(() => changes.Writer.TryComplete());
        await foreach (var change in changes.Reader.ReadAllAsync(ct))
        {
            // The visitor's first message creates the conversation: recognise it by the user id, no query needed.
            if (conversation is null && change.UserId == visitor)
                conversation = change.ConversationId;
            if (change.ConversationId != conversation)
                continue;
            if (await queries.MessageAsync(change.MessageId!.Value, ct) is { Direction: not MessageDirection.Internal } message)
                yield return window.From(message);
        }
    }

    /// <summary>A message as the window shows it; files as signed links below this app's own address.</summary>
    private sealed record WindowMessages(FileLinks Links, PathString PathBase)
    {
        public WebChatMessage From(Message m) => new(m.Id,
            m.Direction == MessageDirection.Incoming ? "in" : "out", m.Text,
            m.Direction == MessageDirection.Incoming ? m.ExternalMessageId : null, m.CreatedAt,
            m.FileName, m.StoredFileId is { } file ? $"{PathBase}/files/{Links.Token(file)}" : null,
            m.Direction == MessageDirection.Outgoing ? ButtonsOf(m) : null,
            m.Kind == MessageKind.ButtonPress,
            // Only a signed-in person's name is shown: an API key's name (1C's integration) is nothing for a visitor to read.
            m.AuthorKind == AuthorKind.Operator && m.AuthorUserId is not null ? m.Author : null);

        private static WebChatButton[]? ButtonsOf(Message m)
        {
            var buttons = Outbox.ButtonsOf(m).Select(WindowButton).OfType<WebChatButton>().ToArray();
            return buttons.Length > 0 ? buttons : null;
        }

        /// <summary>SharePhone is left out: a browser has no phone number of its own to share, and the visitor can
        /// type it. Links other than http(s) are left out too, so a "javascript:" address never reaches the page.</summary>
        private static WebChatButton? WindowButton(Button b) => b.Kind switch
        {
            ButtonKind.Reply => new WebChatButton("reply", b.Text),
            ButtonKind.Callback when !string.IsNullOrEmpty(b.Payload) => new WebChatButton("callback", b.Text, Payload: b.Payload),
            ButtonKind.OpenUrl when Uri.TryCreate(b.Payload, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                => new WebChatButton("link", b.Text, Url: url.AbsoluteUri),
            _ => null,
        };
    }

    private static string? Trim(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim()[..Math.Min(name.Trim().Length, 64)];
}
