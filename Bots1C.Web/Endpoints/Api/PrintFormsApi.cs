using System.Text.Json;
using Bots1C.Domain.Data;
using Bots1C.Domain.Counterparties;
using Bots1C.Domain.PrintForms;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bots1C.Web.Endpoints.Api;

/// <summary>
/// /api/v1/print-forms: 1C sends a print form to a counterparty's messenger contacts — a PDF it rendered itself
/// (multipart) or document data we render (JSON) — and follows each delivery; documents can be pushed and printed.
/// </summary>
public static class PrintFormsApi
{
    public static RouteGroupBuilder MapPrintFormsApi(this RouteGroupBuilder api)
    {
        var forms = api.MapGroup("/print-forms").WithTags("Print forms");
        forms.MapPost("/send", SendAsync).Accepts<PrintFormSendRequest>("application/json", "multipart/form-data");
        forms.MapGet("/deliveries/{id:long}", DeliveryAsync);
        forms.MapGet("/templates", Templates);
        forms.MapPost("/documents", UpsertDocumentAsync);
        forms.MapGet("/documents/{id:long}", DocumentAsync);
        forms.MapGet("/documents/{id:long}/pdf", PdfAsync);
        return api;
    }

    public sealed record Services(
        PrintFormSender Sender, PrintFormRenderer Renderer, PrintFormTemplates Templates, PrintDocuments Documents,
        IDbContextFactory<Bots1CDbContext> DbFactory, IOptions<JsonOptions> Json);

    /// <summary>202 with the delivery ids; every refusal comes before anything is queued.</summary>
    private static async Task<IResult> SendAsync(HttpContext http, [AsParameters] Services services, CancellationToken ct) =>
        http.Request.HasFormContentType ? await SendReadyPdfAsync(http, services, ct) : await SendRenderedAsync(http, services, ct);

    private static async Task<IResult> SendReadyPdfAsync(HttpContext http, Services services, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var errors = new List<ValidationFailure>();
        var file = form.Files.GetFile("file");
        if (file is null)
            errors.Add(new("file", "Attach the PDF as the form field 'file'."));
        long? counterpartyId = null;
        if (form.TryGetValue("counterpartyId", out var idText) && !string.IsNullOrWhiteSpace(idText))
        {
            if (long.TryParse(idText, out var id))
                counterpartyId = id;
            else
                errors.Add(new("counterpartyId", "The counterparty id is a number."));
        }
        var contactIds = new List<long>();
        foreach (var value in form["contactIds"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            if (long.TryParse(value, out var contactId))
                contactIds.Add(contactId);
            else
                errors.Add(new("contactIds", $"'{value}' is not a contact id."));
        if (errors.Count > 0)
            return ValidationProblems.From(errors);

        var counterparty = await CounterpartyAsync(services.DbFactory, counterpartyId, form["inn"], form["kpp"], ct);
        if (counterparty.Problem is { } problem)
            return problem;
        if (file!.Length > Domain.Conversations.OutgoingTextValidator.MaxFileBytes)
            return TooLarge($"Files are limited to {Domain.Conversations.OutgoingTextValidator.MaxFileBytes / 1024 / 1024} MB.");
        using var content = new MemoryStream();
        await file.CopyToAsync(content, ct);
        var fileName = string.IsNullOrWhiteSpace(file.FileName) ? "document.pdf" : file.FileName;
        var result = await services.Sender.SendAsync(new PrintFormSending(counterparty.Id, contactIds, fileName, content.ToArray(),
            NullIfEmpty(form["caption"]), BotsApi.Actor(http)), ct);
        return Sent(http, result, null);
    }

    private static async Task<IResult> SendRenderedAsync(HttpContext http, Services services, CancellationToken ct)
    {
        PrintFormSendRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<PrintFormSendRequest>(services.Json.Value.SerializerOptions, ct);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Unreadable(e is JsonException ? e.Message : "Send JSON (Content-Type: application/json) or a multipart form with the PDF.");
        }
        if (request is null)
            return Unreadable("The body is empty.");
        var template = services.Templates.Find(request.Template);
        if (template is null)
            return ValidationProblems.From([new("template", string.IsNullOrWhiteSpace(request.Template)
                ? $"Name the template: {string.Join(", ", services.Templates.All.Select(t => t.Name))}."
                : $"There is no template '{request.Template}'; there are {string.Join(", ", services.Templates.All.Select(t => t.Name))}.")]);
        if (request.Document is null && request.DocumentId is null)
            return ValidationProblems.From([new("document", "Send the document's data (document) or a stored document's id (documentId).")]);

        var counterparty = await CounterpartyAsync(services.DbFactory, request.CounterpartyId, request.Inn, request.Kpp, ct);
        if (counterparty.Problem is { } problem)
            return problem;
        long documentId;
        if (request.Document is { } data)
        {
            if (data.Kind is { } kind && kind != template.Kind)
                return ValidationProblems.From([new("document.kind", $"The template '{template.Name}' prints {template.Kind} documents, not {kind}.")]);
            var change = await services.Documents.UpsertAsync(data.ToInput(template.Kind, counterparty.Id), ct);
            if (change.Document is not { } document)
                return ValidationProblems.From(change.Errors.Select(f => new ValidationFailure("document." + f.PropertyName, f.ErrorMessage)));
            documentId = document.Id;
        }
        else
        {
            documentId = request.DocumentId!.Value;
            var stored = await services.Documents.GetAsync(documentId, ct);
            if (stored is null || stored.CounterpartyId != counterparty.Id)
                return TypedResults.NotFound(new ProblemDetailsLite("Not found", 404, $"Document {documentId} of counterparty {counterparty.Id} does not exist."));
        }
        var rendered = await services.Renderer.RenderAsync(documentId, template.Name, ct);
        if (rendered is null)
            return ValidationProblems.From([new("template", $"The template '{template.Name}' does not print this document.")]);
        var result = await services.Sender.SendAsync(new PrintFormSending(counterparty.Id, request.ContactIds, rendered.FileName, rendered.Content,
            request.Caption, BotsApi.Actor(http), documentId, template.Name), ct);
        return Sent(http, result, documentId);
    }

    private sealed record Counterparty(long Id, IResult? Problem);

    /// <summary>By id, or by INN (checked) and KPP among records that are not archived.</summary>
    private static async Task<Counterparty> CounterpartyAsync(IDbContextFactory<Bots1CDbContext> dbFactory, long? id, string? inn, string? kpp,
        CancellationToken ct)
    {
        inn = NullIfEmpty(inn);
        kpp = NullIfEmpty(kpp)?.ToUpperInvariant();
        if (id is null && inn is null)
            return new(0, ValidationProblems.From([new("counterpartyId", "Name the counterparty: counterpartyId or inn.")]));
        if (id is null && !Inn.IsValid(inn))
            return new(0, ValidationProblems.From([new("inn", $"'{inn}' is not a valid INN (10 or 12 digits with valid check digits).")]));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var matches = id is { } byId
            ? await db.Counterparties.Where(o => o.Id == byId).Select(o => o.Id).ToListAsync(ct)
            : await db.Counterparties.Where(o => o.Inn == inn && !o.IsArchived && (kpp == null || o.Kpp == kpp)).Select(o => o.Id).Take(2).ToListAsync(ct);
        return matches.Count switch
        {
            0 => new(0, TypedResults.NotFound(new ProblemDetailsLite("Not found", 404,
                id is null ? $"No counterparty has the INN {inn}{(kpp is null ? "" : $" and KPP {kpp}")}." : $"Counterparty {id} does not exist."))),
            1 => new(matches[0], null),
            _ => new(0, UnprocessableProblems.From(new Dictionary<string, string[]> { ["kpp"] = [$"Several counterparties have the INN {inn}: give the KPP too."] },
                "The counterparty is ambiguous.")),
        };
    }

    private static IResult Sent(HttpContext http, PrintFormSendResult result, long? documentId)
    {
        if (result.Succeeded)
            return TypedResults.Accepted($"{http.Request.PathBase}/api/v1/print-forms/deliveries/{result.DeliveryIds[0]}",
                new PrintFormSent(result.DeliveryIds, documentId));
        var field = result.Field ?? "request";
        return result.ErrorCode switch
        {
            "CounterpartyUnknown" => TypedResults.NotFound(new ProblemDetailsLite("Not found", 404, result.Error!)),
            "FileTooLarge" => TooLarge(result.Error!),
            "NoContacts" or "ContactNotLinked" => UnprocessableProblems.From(new Dictionary<string, string[]> { [field] = [result.Error!] },
                "The print form cannot be sent to these contacts."),
            _ => ValidationProblems.From([new(field, result.Error!)]),
        };
    }

    private static IResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large for the messenger.");

    private static IResult Unreadable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request could not be read.");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<Results<Ok<PrintFormDeliveryResponse>, NotFound<ProblemDetailsLite>>> DeliveryAsync(
        long id, PrintFormDeliveries deliveries, CancellationToken ct) =>
        await deliveries.GetAsync(id, ct) is { } delivery
            ? TypedResults.Ok(PrintFormDeliveryResponse.From(delivery))
            : TypedResults.NotFound(new ProblemDetailsLite("Not found", 404, $"Delivery {id} does not exist."));

    private static Ok<object[]> Templates(PrintFormTemplates templates) =>
        TypedResults.Ok(templates.All.Select(t => (object)new { name = t.Name, kind = t.Kind }).ToArray());

    /// <summary>1C pushes a document as data: by externalId it changes the one pushed before (200), else adds one (201).</summary>
    private static async Task<IResult> UpsertDocumentAsync(PrintDocumentRequest request, PrintDocuments documents, HttpContext http, CancellationToken ct)
    {
        if (request.Kind is not { } kind)
            return ValidationProblems.From([new("kind", "The kind is Invoice, Act or Reconciliation.")]);
        if (request.CounterpartyId is not { } counterpartyId)
            return ValidationProblems.From([new("counterpartyId", "Name the counterparty (counterpartyId).")]);
        var change = await documents.UpsertAsync(request.ToInput(kind, counterpartyId), ct);
        if (change.Document is not { } document)
            return change.Errors.Any(e => e.ErrorCode == "CounterpartyUnknown")
                ? TypedResults.NotFound(new ProblemDetailsLite("Not found", 404, $"Counterparty {counterpartyId} does not exist."))
                : ValidationProblems.From(change.Errors);
        var response = PrintDocumentResponse.From(document);
        return change.Created ? TypedResults.Created($"{http.Request.PathBase}/api/v1/print-forms/documents/{document.Id}", response) : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<PrintDocumentResponse>, NotFound<ProblemDetailsLite>>> DocumentAsync(long id, PrintDocuments documents,
        CancellationToken ct) =>
        await documents.GetAsync(id, ct) is { } document
            ? TypedResults.Ok(PrintDocumentResponse.From(document))
            : TypedResults.NotFound(new ProblemDetailsLite("Not found", 404, $"Document {id} does not exist."));

    private static async Task<IResult> PdfAsync(long id, string? template, PrintFormRenderer renderer, CancellationToken ct)
    {
        return await renderer.RenderAsync(id, template, ct) is { } rendered
            ? TypedResults.File(rendered.Content, PrintFormSender.PdfMimeType, rendered.FileName)
            : TypedResults.NotFound(new ProblemDetailsLite("Not found", 404, $"Document {id} does not exist or the template '{template}' does not print it."));
    }
}
