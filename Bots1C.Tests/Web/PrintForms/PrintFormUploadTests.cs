using Bots1C.Domain.Conversations;
using Bots1C.Domain.Counterparties;
using Bots1C.Domain.PrintForms;
using Bots1C.Tests.Domain.Channels;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.PrintForms;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.PrintForms;

/// <summary>Any PDF — a report exported from 1C — goes from the print-forms page the same way as the built-in forms:
/// through the outbox to the counterparty's contacts (a WireMock Telegram on loopback), into the delivery history.</summary>
public class PrintFormUploadTests : MudTestContext, IAsyncLifetime
{
    private readonly PrintFormsWorld _world = new();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await _world.InitializeAsync();
        foreach (var type in new[] { typeof(CounterpartyCatalog), typeof(CounterpartyHistory), typeof(PrintDocuments), typeof(PrintFormTemplates),
                     typeof(PrintFormRenderer), typeof(PrintFormSender), typeof(PrintFormDeliveries), typeof(ConversationNotifier) })
            Services.AddSingleton(type, _world.App.Services.GetRequiredService(type));
        AddAuthorization().SetAuthorized("anna@example.ru").SetRoles(Bots1C.Domain.Accounts.Roles.Manager);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _world.DisposeAsync();
        await base.DisposeAsync();
    }

    private IRenderedComponent<PrintFormsPage> Page()
    {
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo($"print-forms?counterparty={_world.CounterpartyId}");
        return Render<PrintFormsPage>();
    }

    [Fact]
    public async Task An_uploaded_pdf_is_delivered_with_sendDocument_and_kept_in_the_history()
    {
        var report = "%PDF-1.7\n% Оборотно-сальдовая ведомость из 1С\n%%EOF"u8.ToArray();
        var page = Page();
        page.WaitForElement("[data-testid=pf-everyone]");

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(report, "Ведомость.pdf", contentType: "application/pdf"));
        page.WaitForElement("[data-testid=pf-upload-file]");
        await page.Find("button[data-testid=pf-send]").ClickAsync(new());

        var calls = await _world.CallsAsync("sendDocument", 2);
        foreach (var call in calls)
        {
            var document = (await call.FormParts()).Single(p => p.FileName is not null);
            Assert.Equal("Ведомость.pdf", document.FileName);
            Assert.Equal(report, document.Content);
        }
        var deliveries = await _world.App.Services.GetRequiredService<PrintFormDeliveries>().ListAsync(_world.CounterpartyId);
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(("Ведомость.pdf", (string?)null, "anna@example.ru"), (d.FileName, d.Form, d.Author)));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=pf-delivery]").Count));
    }

    [Fact]
    public async Task A_file_that_is_not_a_pdf_is_refused_with_a_clear_message_and_nothing_is_sent()
    {
        var page = Page();
        page.WaitForElement("[data-testid=pf-everyone]");

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("Наименование;Сумма\nСтол;100", "report.pdf", contentType: "application/pdf"));

        page.WaitForAssertion(() => Assert.Equal(Strings["PrintForms.Error.NotPdf"].Value, page.Find("[data-testid=pf-error]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=pf-upload-file]"));
        Assert.Equal(0, await _world.QueuedCountAsync());
        Assert.Empty(_world.Calls("sendDocument"));
    }
}
