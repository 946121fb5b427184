using System.Collections.Concurrent;
using System.Security.Claims;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Operators;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Bots1C.Web.Hubs;

/// <summary>
/// <c>/hubs/operators</c>: the messenger's live events for clients other than this app's own pages (which subscribe to
/// the notifier directly). Signed-in people only; events are listed in docs/api.md. A connection counts as the person
/// being online (for routing), and may tell which dialog it looks at and that it types, like the messenger page does.
/// </summary>
[Authorize(Roles = $"{Roles.Administrator},{Roles.Manager},{Roles.Operator}")]
public sealed class OperatorHub(OperatorPresence presence, ConversationList conversations, OnlineConnections online) : Hub
{
    public const string Path = "/hubs/operators";

    public override Task OnConnectedAsync()
    {
        online.Add(Context.ConnectionId, presence.GoOnline(UserId));
        return base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        online.Remove(Context.ConnectionId);
        await presence.LeaveAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>The dialog this connection shows now (null: none). Others see the person as looking at it.</summary>
    public async Task Watch(long? conversationId)
    {
        var details = conversationId is { } id ? await conversations.DetailsAsync(id, Context.ConnectionAborted) : null;
        if (conversationId is not null && details is null)
            throw new HubException($"Conversation {conversationId} does not exist.");
        await presence.WatchAsync(Context.ConnectionId, UserId, Context.User?.FindFirstValue(Components.Account.DisplayNameClaimsFactory.DisplayNameClaim) ?? Context.User?.Identity?.Name ?? "",
            details?.Conversation.BotId, conversationId);
    }

    /// <summary>A key press in the watched dialog's composer.</summary>
    public Task Typing() => presence.TypingAsync(Context.ConnectionId);

    /// <summary>Answers with what it was given: clients measure their round trip (the benchmark's baseline).</summary>
    public long Ping(long value) => value;

    private string UserId => Context.UserIdentifier ?? Context.User?.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}

/// <summary>The presence handle of each open hub connection, released when it closes.</summary>
public sealed class OnlineConnections
{
    private readonly ConcurrentDictionary<string, IDisposable> _handles = new();

    public void Add(string connectionId, IDisposable handle) => _handles[connectionId] = handle;

    public void Remove(string connectionId)
    {
        if (_handles.TryRemove(connectionId, out var handle))
            handle.Dispose();
    }
}
