using Bots1C.Domain.Channels;
using Bots1C.Domain.PrintForms;

namespace Bots1C.Web.Endpoints.Api;

/// <summary>The JSON form of <c>POST /api/v1/print-forms/send</c>: a document we render with <see cref="Template"/>
/// (sent as data, or one already stored, by <see cref="DocumentId"/>). The counterparty by id or by INN (and KPP).</summary>
public sealed record PrintFormSendRequest(
    long? CounterpartyId, string? Inn, string? Kpp, IReadOnlyList<long>? ContactIds, string? Caption, string? Template,
    PrintDocumentRequest? Document, long? DocumentId);

/// <summary>A document as 1C sends it; <c>kind</c> may be left out when a template names it.</summary>
public sealed record PrintDocumentRequest(
    DocumentKind? Kind, string? Number, DateOnly? Date, string? Contract, string? Currency, string? ExternalId,
    IReadOnlyList<PrintDocumentLineRequest>? Lines, long? CounterpartyId = null)
{
    public PrintDocumentInput ToInput(DocumentKind kind, long counterpartyId) => new(kind, Number, Date ?? default, counterpartyId, Contract,
        (Lines ?? []).Select(l => new PrintDocumentLineInput(l.Name, l.Quantity ?? 1, l.Unit, l.Price ?? 0, l.VatRate)).ToList(),
        ExternalId, Currency ?? PrintDocument.Rub);
}

public sealed record PrintDocumentLineRequest(string? Name, decimal? Quantity, string? Unit, decimal? Price, int? VatRate);

public sealed record PrintFormSent(IReadOnlyList<long> DeliveryIds, long? DocumentId);

public sealed record PrintFormDeliveryResponse(long Id, long CounterpartyId, string CounterpartyName, long ContactId, string ContactName,
    string? Template, long? DocumentId, string FileName, long MessageId, long ConversationId, PrintFormDeliveryState State,
    DeliveryState MessageState, string? FailureReason, string Author, DateTimeOffset CreatedAt)
{
    public static PrintFormDeliveryResponse From(PrintFormDeliveryRow d) => new(d.Id, d.CounterpartyId, d.CounterpartyName, d.ContactId, d.ContactName,
        d.Form, d.DocumentId, d.FileName, d.MessageId, d.ConversationId, d.State, d.MessageState, d.FailureReason, d.Author, d.CreatedAt);
}

public sealed record PrintDocumentLineResponse(string Name, decimal Quantity, string Unit, decimal Price, int? VatRate, decimal Amount);

public sealed record PrintDocumentResponse(long Id, DocumentKind Kind, string Number, DateOnly Date, long CounterpartyId, string CounterpartyName,
    string? Contract, string Currency, string? ExternalId, decimal Total, IReadOnlyList<PrintDocumentLineResponse> Lines)
{
    public static PrintDocumentResponse From(PrintDocument d) => new(d.Id, d.Kind, d.Number, d.Date, d.CounterpartyId, d.Counterparty?.Name ?? "",
        d.Contract, d.Currency, d.ExternalId, d.Total,
        d.Lines.OrderBy(l => l.Position).Select(l => new PrintDocumentLineResponse(l.Name, l.Quantity, l.Unit, l.Price, l.VatRate, l.Amount)).ToList());
}
