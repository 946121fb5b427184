using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bots1C.Web.Endpoints.Api;

/// <summary>/api/v1/messages and /api/v1/conversations: send to a contact, follow delivery, read history.</summary>
public static class MessagesApi
{
    public static RouteGroupBuilder MapMessagesApi(this RouteGroupBuilder api)
    {
        var messages = api.MapGroup("/messages").WithTags("Messages");
        messages.MapPost("", SendAsync);
        messages.MapGet("/{id:long}", GetAsync);

        var conversations = api.MapGroup("/conversations").WithTags("Conversations");
        conversations.MapGet("", ListConversationsAsync);
        conversations.MapGet("/{id:long}/messages", ListMessagesAsync);
        return api;
    }

    private static async Task<Results<Accepted<MessageAccepted>, NotFound<ProblemDetailsLite>, ValidationProblem>> SendAsync(
        SendMessageRequest request, Outbox outbox, ConversationQueries queries, HttpContext http, CancellationToken ct)
    {
        long? conversationId = request.ConversationId;
        if (conversationId is null && request.ContactId is { } contactId)
            conversationId = await queries.ConversationOfContactAsync(contactId, ct)
                ?? -1; // a contact without a conversation is reported as not found below
        if (conversationId is null)
            return ValidationProblems.From([new("contactId", "Name the contact (contactId) or the conversation (conversationId).")]);

        var buttons = request.Buttons?.Select(b => new Button(b.Kind, b.Text, b.Payload)).ToList();
        OutgoingAttachment? attachment = null;
        if (request.File is { } file)
        {
            if (!TryDecode(file.ContentBase64, out var content))
                return ValidationProblems.From([new("file.contentBase64", "The file content must be base64.")]);
            attachment = new OutgoingAttachment(file.Name ?? "", string.IsNullOrWhiteSpace(file.MimeType) ? "application/octet-stream" : file.MimeType, content);
        }
        var result = await outbox.EnqueueAsync(
            new OutgoingText(conversationId.Value, request.Text ?? "", buttons, BotsApi.Actor(http)) { Attachment = attachment }, ct);
        if (result.NotFound)
            return TypedResults.NotFound(new ProblemDetailsLite("Not found", 404,
                request.ConversationId is null ? $"Contact {request.ContactId} has no conversation." : $"Conversation {request.ConversationId} does not exist."));
        if (result.Message is not { } message)
            return ValidationProblems.From(result.Errors);
        return TypedResults.Accepted($"{http.Request.PathBase}/api/v1/messages/{message.Id}",
            new MessageAccepted(message.Id, message.ConversationId, message.DeliveryState ?? DeliveryState.Queued));
    }

    private static bool TryDecode(string? base64, out byte[] content)
    {
        content = [];
        if (string.IsNullOrEmpty(base64))
            return false;
        try
        {
            content = Convert.FromBase64String(base64);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static async Task<Results<Ok<MessageResponse>, NotFound>> GetAsync(long id, ConversationQueries queries, CancellationToken ct) =>
        await queries.MessageAsync(id, ct) is { } message ? TypedResults.Ok(MessageResponse.From(message)) : TypedResults.NotFound();

    private static async Task<Ok<PageResponse<ConversationResponse>>> ListConversationsAsync(
        ConversationQueries queries, long? botId, long? contactId, int? page, int? pageSize, CancellationToken ct)
    {
        var found = await queries.ConversationsAsync(botId, contactId, page ?? 1, pageSize ?? 50, ct);
        return TypedResults.Ok(new PageResponse<ConversationResponse>(
            found.Items.Select(ConversationResponse.From).ToList(), found.Total, found.PageNumber, found.PageSize));
    }

    private static async Task<Results<Ok<PageResponse<MessageResponse>>, NotFound>> ListMessagesAsync(
        long id, ConversationQueries queries, int? page, int? pageSize, CancellationToken ct)
    {
        if (!await queries.ConversationExistsAsync(id, ct))
            return TypedResults.NotFound();
        var found = await queries.MessagesAsync(id, page ?? 1, pageSize ?? 50, ct);
        return TypedResults.Ok(new PageResponse<MessageResponse>(
            found.Items.Select(MessageResponse.From).ToList(), found.Total, found.PageNumber, found.PageSize));
    }
}

public sealed record ProblemDetailsLite(string Title, int Status, string Detail);
