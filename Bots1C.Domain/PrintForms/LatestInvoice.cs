using System.Globalization;
using Bots1C.Domain.Scenarios.Methods;

namespace Bots1C.Domain.PrintForms;

/// <summary>
/// <c>LatestInvoice(counterpartyId?)</c>: the newest invoice of the conversation's linked counterparty — its id (for a Send
/// file step's print form), number, date, total and total in words. "found" is "false" for an unlinked contact or a
/// counterparty without invoices, so a scenario can say so instead of failing.
/// </summary>
public sealed class LatestInvoice : IScenarioMethod
{
    public string Name => "LatestInvoice";
    public IReadOnlyList<MethodParameter> Parameters { get; } = [new("ownerId", false, "another counterparty's id; by default the contact's own")];
    public IReadOnlyList<string> Results { get; } = ["found", "id", "number", "date", "total", "totalInWords"];

    public async Task<MethodOutcome> InvokeAsync(ScenarioMethodContext context, IReadOnlyDictionary<string, string> arguments, CancellationToken ct)
    {
        var counterpartyId = long.TryParse(arguments.GetValueOrDefault("ownerId"), out var id) ? id : context.Conversation.Contact.CounterpartyId;
        var invoice = counterpartyId is { } counterparty ? await PrintDocuments.LatestInvoiceAsync(context.Db, counterparty, ct) : null;
        if (invoice is null)
            return MethodOutcome.Success(new Dictionary<string, string> { ["found"] = "false" });
        return MethodOutcome.Success(new Dictionary<string, string>
        {
            ["found"] = "true",
            ["id"] = invoice.Id.ToString(CultureInfo.InvariantCulture),
            ["number"] = invoice.Number,
            ["date"] = invoice.Date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
            ["total"] = Forms.FormText.Money(invoice.Total),
            ["totalInWords"] = AmountInWords.Rubles(invoice.Total),
        });
    }
}
