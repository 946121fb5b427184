using System.Net;
using System.Net.Http.Headers;
using Bots1C.Tests.Domain.Channels;
using Bots1C.Tests.Domain.PrintForms;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Web.PrintForms;

/// <summary>POST /api/v1/print-forms/send and GET /api/v1/print-forms/deliveries/{id}: what 1C calls.</summary>
public class PrintFormsApiTests : PrintFormsWorld
{
    private static readonly byte[] ReadyPdf = "%PDF-1.7\n1C rendered this invoice\n%%EOF"u8.ToArray();

    private static MultipartFormDataContent Form(byte[] file, string fileName, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(content, "file", fileName);
        foreach (var (name, value) in fields)
            form.Add(new StringContent(value), name);
        return form;
    }

    [Fact]
    public async Task A_ready_pdf_by_INN_goes_to_every_linked_contact_and_each_delivery_can_be_followed()
    {
        var response = await Api.PostAsync("/api/v1/print-forms/send",
            Form(ReadyPdf, "Счёт 17.pdf", ("inn", CounterpartyInn), ("caption", "Счёт № 17")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var ids = (await response.ReadJsonAsync()).GetProperty("deliveryIds").EnumerateArray().Select(e => e.GetInt64()).ToList();
        Assert.Equal(2, ids.Count);
        var calls = await CallsAsync("sendDocument", 2);
        foreach (var call in calls)
            Assert.Equal(ReadyPdf, (await call.FormParts()).Single(p => p.FileName == "Счёт 17.pdf").Content);
        var state = await Eventually.GetAsync(async () => await (await Api.GetAsync($"/api/v1/print-forms/deliveries/{ids[0]}")).ReadJsonAsync(),
            d => d.GetProperty("state").GetString() == "Sent", "the delivery to be sent");
        Assert.Equal(CounterpartyId, state.GetProperty("counterpartyId").GetInt64());
        Assert.Equal("Счёт 17.pdf", state.GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task A_ready_pdf_can_go_to_chosen_contacts_only()
    {
        var response = await Api.PostAsync("/api/v1/print-forms/send",
            Form(ReadyPdf, "a.pdf", ("counterpartyId", CounterpartyId.ToString()), ("contactIds", ContactIds[0].ToString())));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single((await response.ReadJsonAsync()).GetProperty("deliveryIds").EnumerateArray());
        Assert.Single(await CallsAsync("sendDocument", 1));
    }

    [Fact]
    public async Task Document_data_is_stored_rendered_with_the_template_and_sent()
    {
        var response = await Api.PostJsonAsync("/api/v1/print-forms/send", new
        {
            counterpartyId = CounterpartyId, template = "invoice", caption = "Счёт на оплату",
            document = new
            {
                number = "1С-000123", date = "2026-11-28", contract = "Договор № 7", externalId = "ref-key-1",
                lines = new object[]
                {
                    new { name = "Ёлочная игрушка", quantity = 3, unit = "шт", price = 41.15, vatRate = 20 },
                },
            },
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(2, body.GetProperty("deliveryIds").GetArrayLength());
        var documentId = body.GetProperty("documentId").GetInt64();
        var pdf = (await (await CallsAsync("sendDocument", 2))[0].FormParts()).Single(p => p.FileName is not null).Content;
        var text = FormSamples.TextOf(pdf);
        Assert.Contains("Счёт на оплату № 1С-000123 от 28 ноября 2026 г.", text);
        Assert.Contains("Ёлочная игрушка", text);
        Assert.Contains("123,45", text);
        Assert.Contains("Сто двадцать три рубля 45 копеек", text);
        var stored = await (await Api.GetAsync($"/api/v1/print-forms/documents/{documentId}")).ReadJsonAsync();
        Assert.Equal("ref-key-1", stored.GetProperty("externalId").GetString());
    }

    [Fact]
    public async Task An_invalid_INN_is_a_problem_naming_the_field()
    {
        var response = await Api.PostAsync("/api/v1/print-forms/send", Form(ReadyPdf, "a.pdf", ("inn", "7736050004")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not a valid INN", Errors(await response.ReadJsonAsync()).GetProperty("inn")[0].GetString());
        Assert.Equal(0, await QueuedCountAsync());
    }

    [Fact]
    public async Task An_unknown_counterparty_is_a_not_found_problem()
    {
        var byId = await Api.PostAsync("/api/v1/print-forms/send", Form(ReadyPdf, "a.pdf", ("counterpartyId", "999999")));
        var byInn = await Api.PostJsonAsync("/api/v1/print-forms/send", new { inn = "7707083893", template = "invoice", documentId = 1 });

        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Contains("Counterparty 999999 does not exist", (await byId.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, byInn.StatusCode);
        Assert.Contains("No counterparty has the INN 7707083893", (await byInn.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, await QueuedCountAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_a_pdf_is_a_problem_naming_the_field()
    {
        var response = await Api.PostAsync("/api/v1/print-forms/send",
            Form("PK\u0003\u0004 a zip"u8.ToArray(), "invoice.docx", ("counterpartyId", CounterpartyId.ToString())));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The file is not a PDF document.", Errors(await response.ReadJsonAsync()).GetProperty("file")[0].GetString());
        Assert.Equal(0, await QueuedCountAsync());
    }

    [Fact]
    public async Task A_file_over_the_messengers_limit_is_refused_with_413_before_queueing()
    {
        var big = new byte[21 * 1024 * 1024];
        "%PDF-"u8.CopyTo(big);

        var response = await Api.PostAsync("/api/v1/print-forms/send", Form(big, "big.pdf", ("counterpartyId", CounterpartyId.ToString())));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("20 MB", (await response.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, await QueuedCountAsync());
    }

    [Fact]
    public async Task A_counterparty_without_contacts_is_unprocessable_and_nothing_is_queued()
    {
        var response = await Api.PostAsync("/api/v1/print-forms/send", Form(ReadyPdf, "a.pdf", ("counterpartyId", LonelyCounterpartyId.ToString())));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("has no contacts", Errors(await response.ReadJsonAsync()).GetProperty("contactIds")[0].GetString());
        Assert.Equal(0, await QueuedCountAsync());
    }

    [Fact]
    public async Task Bad_document_data_names_the_fields_and_an_unknown_template_names_the_known_ones()
    {
        var badLine = await Api.PostJsonAsync("/api/v1/print-forms/send", new
        {
            counterpartyId = CounterpartyId, template = "invoice",
            document = new { number = "", date = "2026-11-28", lines = new object[] { new { name = "", quantity = 0, price = 1 } } },
        });
        var unknownTemplate = await Api.PostJsonAsync("/api/v1/print-forms/send", new { counterpartyId = CounterpartyId, template = "upd", documentId = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, badLine.StatusCode);
        var errors = Errors(await badLine.ReadJsonAsync());
        Assert.True(errors.TryGetProperty("document.number", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("document.lines[0].name", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("document.lines[0].quantity", out _), errors.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, unknownTemplate.StatusCode);
        Assert.Contains("invoice, act, reconciliation", Errors(await unknownTemplate.ReadJsonAsync()).GetProperty("template")[0].GetString());
        Assert.Equal(0, await QueuedCountAsync());
    }

    [Fact]
    public async Task An_unknown_delivery_is_not_found()
    {
        var response = await Api.GetAsync("/api/v1/print-forms/deliveries/424242");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_stored_document_renders_as_a_pdf()
    {
        var id = await InvoiceAsync("77", ("Ёршик", 1, 10m));

        var response = await Api.GetAsync($"/api/v1/print-forms/documents/{id}/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Ёршик", FormSamples.TextOf(await response.Content.ReadAsByteArrayAsync()));
    }
}
