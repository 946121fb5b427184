using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Counterparties;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Web.Endpoints.Api;

/// <summary>
/// /api/v1/counterparties and /api/v1/contacts/{id}/link: the directory's counterparty records (counterparties by default, any
/// counterparty type with <c>type</c>), their contacts and the message history of all of them — what 1C shows in its card.
/// </summary>
public static class CounterpartiesApi
{
    public static RouteGroupBuilder MapCounterpartiesApi(this RouteGroupBuilder api)
    {
        var counterparties = api.MapGroup("/counterparties").WithTags("Counterparties");
        counterparties.MapGet("", ListAsync);
        counterparties.MapPost("", UpsertAsync);
        counterparties.MapGet("/{id:long}", GetAsync);
        counterparties.MapPut("/{id:long}", UpdateAsync);
        counterparties.MapGet("/{id:long}/contacts", ContactsAsync);
        counterparties.MapGet("/{id:long}/history", HistoryAsync);

        api.MapGroup("/contacts").WithTags("Counterparties").MapPost("/{id:long}/link", LinkAsync);
        return api;
    }

    private static async Task<Ok<PageResponse<CounterpartyRowResponse>>> ListAsync(
        CounterpartyCatalog catalog, string? type, string? search, bool? includeArchived, int? page, int? pageSize, string? externalId, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize ?? 50, 1, 200);
        var number = Math.Max(1, page ?? 1);
        var (rows, total) = await catalog.ListAsync(string.IsNullOrWhiteSpace(type) ? CounterpartyTypes.Counterparty : type.Trim(), search,
            includeArchived ?? false, (int)Math.Min((long)(number - 1) * size, int.MaxValue), size, ct, externalId);
        return TypedResults.Ok(new PageResponse<CounterpartyRowResponse>(rows.Select(CounterpartyRowResponse.From).ToList(), total, number, size));
    }

    private static async Task<Results<Ok<CounterpartyResponse>, NotFound<ProblemDetailsLite>>> GetAsync(
        long id, CounterpartyCatalog catalog, CancellationToken ct) =>
        await catalog.GetAsync(id, ct) is { } counterparty ? TypedResults.Ok(CounterpartyResponse.From(counterparty)) : NotFound(id);

    /// <summary>By externalId when given, else by INN (and KPP): 201 when it made a new record, 200 when it changed one.</summary>
    private static async Task<Results<Created<CounterpartyResponse>, Ok<CounterpartyResponse>, ValidationProblem>> UpsertAsync(
        CounterpartyRequest request, CounterpartyCatalog catalog, IDbContextFactory<Bots1CDbContext> dbFactory, HttpContext http, CancellationToken ct)
    {
        var (input, errors) = await request.ToInputAsync(dbFactory, ct);
        if (errors.Count > 0)
            return Problems(errors);
        var change = await catalog.UpsertAsync(input, ct);
        if (change.Counterparty is not { } counterparty)
            return Problems(change.Errors);
        var response = CounterpartyResponse.From(counterparty);
        return change.Created
            ? TypedResults.Created($"{http.Request.PathBase}/api/v1/counterparties/{counterparty.Id}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<CounterpartyResponse>, NotFound<ProblemDetailsLite>, ValidationProblem>> UpdateAsync(
        long id, CounterpartyRequest request, CounterpartyCatalog catalog, IDbContextFactory<Bots1CDbContext> dbFactory, CancellationToken ct)
    {
        if (await catalog.GetAsync(id, ct) is null)
            return NotFound(id);
        var (input, errors) = await request.ToInputAsync(dbFactory, ct);
        if (errors.Count > 0)
            return Problems(errors);
        var change = await catalog.UpdateAsync(id, input, ct);
        if (change.NotFound)
            return NotFound(id);
        return change.Counterparty is { } counterparty ? TypedResults.Ok(CounterpartyResponse.From(counterparty)) : Problems(change.Errors);
    }

    private static async Task<Results<Ok<CounterpartyContactResponse[]>, NotFound<ProblemDetailsLite>>> ContactsAsync(
        long id, CounterpartyCatalog catalog, CounterpartyHistory history, CancellationToken ct)
    {
        if (await catalog.GetAsync(id, ct) is null)
            return NotFound(id);
        return TypedResults.Ok((await history.ContactsAsync(id, ct)).Select(CounterpartyContactResponse.From).ToArray());
    }

    /// <summary>Newest first; <c>nextBefore</c> (when more remain) is what to pass as <c>before</c> for the next page.</summary>
    private static async Task<Results<Ok<HistoryResponse>, NotFound<ProblemDetailsLite>>> HistoryAsync(
        long id, CounterpartyCatalog catalog, CounterpartyHistory history, long? before, int? take, CancellationToken ct)
    {
        if (await catalog.GetAsync(id, ct) is null)
            return NotFound(id);
        var (items, hasMore) = await history.PageAsync(id, before, take ?? 50, ct);
        return TypedResults.Ok(new HistoryResponse(items.Select(HistoryItemResponse.From).ToList(),
            hasMore && items.Count > 0 ? items[^1].Message.Id : null));
    }

    /// <summary>Links a contact to a counterparty by hand, or unlinks it with <c>counterpartyId: null</c>.</summary>
    private static async Task<Results<Ok<LinkResponse>, NotFound<ProblemDetailsLite>>> LinkAsync(
        long id, LinkRequest request, ContactLinker linker, CounterpartyCatalog catalog, IDbContextFactory<Bots1CDbContext> dbFactory, HttpContext http,
        CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            if (!await db.Contacts.AnyAsync(c => c.Id == id, ct))
                return TypedResults.NotFound(new ProblemDetailsLite("Not found", 404, $"Contact {id} does not exist."));
        if (request.CounterpartyId is { } counterpartyId && await catalog.GetAsync(counterpartyId, ct) is null)
            return NotFound(counterpartyId);
        if (!await linker.LinkAsync(id, request.CounterpartyId, BotsApi.Actor(http), ct))
            return TypedResults.NotFound(new ProblemDetailsLite("Not found", 404, $"Contact {id} or counterparty {request.CounterpartyId} does not exist."));
        return TypedResults.Ok(new LinkResponse(id, request.CounterpartyId));
    }

    private static NotFound<ProblemDetailsLite> NotFound(long id) =>
        TypedResults.NotFound(new ProblemDetailsLite("Not found", 404, $"Counterparty {id} does not exist."));

    /// <summary>Field names as in the request body: the counterparty's type is <c>type</c> there.</summary>
    private static ValidationProblem Problems(IEnumerable<ValidationFailure> failures) =>
        ValidationProblems.From(failures.Select(f => f.PropertyName == nameof(CounterpartyInput.CounterpartyType)
            ? new ValidationFailure("type", f.ErrorMessage) { ErrorCode = f.ErrorCode }
            : f));
}

/// <summary>An counterparty record as API callers send it; everything is optional here so that a missing field is named by
/// the validator, not refused as an unreadable body. The main manager is given by e-mail or by user id.</summary>
public sealed record CounterpartyRequest(
    string? Type, string? Name, string? Inn, string? Kpp, IReadOnlyList<string>? Phones, IReadOnlyList<string>? Emails,
    string? MainManagerEmail, string? MainManagerUserId, string? Notes, string? ExternalId)
{
    public async Task<(CounterpartyInput Input, List<ValidationFailure> Errors)> ToInputAsync(IDbContextFactory<Bots1CDbContext> dbFactory, CancellationToken ct)
    {
        var errors = new List<ValidationFailure>();
        var managerId = string.IsNullOrWhiteSpace(MainManagerUserId) ? null : MainManagerUserId.Trim();
        if (!string.IsNullOrWhiteSpace(MainManagerEmail))
        {
            var normalised = MainManagerEmail.Trim().ToUpperInvariant();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var byEmail = await db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => u.Id).FirstOrDefaultAsync(ct);
            if (byEmail is null)
                errors.Add(new(nameof(MainManagerEmail), $"There is no user with the e-mail '{MainManagerEmail.Trim()}'.") { ErrorCode = "ManagerUnknown" });
            else if (managerId is not null && managerId != byEmail)
                errors.Add(new(nameof(MainManagerEmail), "mainManagerEmail and mainManagerUserId name different users.") { ErrorCode = "ManagerMismatch" });
            else
                managerId = byEmail;
        }
        var input = new CounterpartyInput(string.IsNullOrWhiteSpace(Type) ? CounterpartyTypes.Counterparty : Type.Trim(), Name ?? "", Inn, Kpp, Phones, Emails,
            managerId, Notes, ExternalId);
        return (input, errors);
    }
}

public sealed record CounterpartyResponse(
    long Id, string Type, string Name, string? Inn, string? Kpp, IReadOnlyList<string> Phones, IReadOnlyList<string> Emails,
    string? MainManagerUserId, string? Notes, string? ExternalId, bool IsArchived, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CounterpartyResponse From(Counterparty o) => new(o.Id, o.CounterpartyType, o.Name, o.Inn, o.Kpp,
        o.Phones.OrderBy(p => p.Id).Select(p => p.Number).ToList(), o.Emails.OrderBy(e => e.Id).Select(e => e.Address).ToList(),
        o.MainManagerUserId, o.Notes, o.ExternalId, o.IsArchived, o.CreatedAt, o.UpdatedAt);
}

public sealed record CounterpartyRowResponse(long Id, string Type, string Name, string? Inn, string? Kpp, string? MainManagerName, int Contacts,
    bool IsArchived, string? ExternalId)
{
    public static CounterpartyRowResponse From(CounterpartyRow r) => new(r.Id, r.CounterpartyType, r.Name, r.Inn, r.Kpp, r.MainManagerName, r.Contacts,
        r.IsArchived, r.ExternalId);
}

public sealed record CounterpartyContactResponse(ContactResponse Contact, long BotId, string BotName, Messenger Messenger, long? ConversationId,
    bool NeedsPerson)
{
    public static CounterpartyContactResponse From(CounterpartyContact c) =>
        new(ContactResponse.From(c.Contact), c.Contact.BotId, c.BotName, c.Messenger, c.ConversationId, c.Contact.NeedsPerson);
}

public sealed record HistoryContactRef(long Id, string Name);

public sealed record HistoryBotRef(long Id, string Name, Messenger Messenger);

public sealed record HistoryItemResponse(
    long Id, long ConversationId, MessageDirection Direction, MessageKind Kind, string? Text, string? FileName, string? Author,
    DateTimeOffset CreatedAt, HistoryContactRef Contact, HistoryBotRef Bot)
{
    public static HistoryItemResponse From(CounterpartyHistoryItem i) => new(i.Message.Id, i.Message.ConversationId, i.Message.Direction, i.Message.Kind,
        i.Message.Text, i.Message.FileName, i.Message.Author, i.Message.CreatedAt, new(i.ContactId, i.ContactName), new(i.BotId, i.BotName, i.Messenger));
}

public sealed record HistoryResponse(IReadOnlyList<HistoryItemResponse> Items, long? NextBefore);

public sealed record LinkRequest(long? CounterpartyId);

public sealed record LinkResponse(long ContactId, long? CounterpartyId);
