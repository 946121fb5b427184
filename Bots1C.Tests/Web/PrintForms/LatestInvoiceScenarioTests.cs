using System.Globalization;
using Bots1C.Domain.PrintForms;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Exchange;
using Bots1C.Domain.Scenarios.Templates;
using Bots1C.Tests.Domain.Channels;
using Bots1C.Tests.Domain.PrintForms;
using Bots1C.Tests.Domain.Scenarios.Exchange;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.PrintForms;

/// <summary>The shipped template "send my latest invoice", end to end: webhook → scenario → LatestInvoice → Send file
/// with the print form → sendDocument at the fake Bot API.</summary>
public class LatestInvoiceScenarioTests : PrintFormsWorld
{
    private async Task UseTemplateAsync()
    {
        var imported = await App.Services.GetRequiredService<ScenarioTemplates>()
            .ImportAsync(["latest-invoice"], ScenarioImportOptions.AskOnClash, "anna", CultureInfo.GetCultureInfo("ru-RU"));
        Assert.True(imported.Ready, string.Join("; ", imported.Problems.Select(p => p.Message)));
        var id = imported.Scenarios.Single().Id!.Value;
        var set = await App.Services.GetRequiredService<BotScenarioSettings>().SetAsync(BotId, new BotScenarioChoice(null, null, [id]), "anna");
        Assert.True(set.Succeeded);
    }

    [Fact]
    public async Task A_linked_customer_who_asks_for_my_invoice_receives_the_latest_invoice_as_a_pdf()
    {
        await InvoiceAsync("41", ("Старая поставка", 1, 10m));
        var latest = await InvoiceAsync("42", ("Ёмкость для воды", 2, 50m), ("Доставка", 1, 23.45m));
        await UseTemplateAsync();

        await App.CreateClient().PostTelegramAsync(BotKey, MessagePath.TelegramText(10, 5001, "Мой счёт"), Secret);

        var call = Assert.Single(await CallsAsync("sendDocument", 1));
        var parts = await call.FormParts();
        Assert.Equal("5001", parts.Single(p => p.Name == "chat_id").Text);
        Assert.Equal("Счёт № 42 от 28.11.2026 на сумму 123,45 руб.", parts.Single(p => p.Name == "caption").Text);
        var pdf = parts.Single(p => p.FileName is not null);
        Assert.Equal("Счёт на оплату № 42 от 28 ноября 2026 г.pdf", pdf.FileName);
        var text = FormSamples.TextOf(pdf.Content);
        Assert.Contains("Ёмкость для воды", text);
        Assert.Contains("Сто двадцать три рубля 45 копеек", text);
        var delivery = Assert.Single(await App.Services.GetRequiredService<PrintFormDeliveries>().ListAsync(CounterpartyId));
        Assert.Equal((latest, "invoice", "bot"), (delivery.DocumentId!.Value, delivery.Form, delivery.Author));
    }

    [Fact]
    public async Task A_customer_whose_phone_was_typed_gets_no_invoice_but_an_operator()
    {
        await InvoiceAsync("42", ("Ёмкость для воды", 2, 50m));
        await using (var db = await App.Db())
            await db.Contacts.Where(c => c.Id == ContactIds[0])
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Phone, "+79123456789").SetProperty(c => c.PhoneTyped, true));
        await UseTemplateAsync();

        await App.CreateClient().PostTelegramAsync(BotKey, MessagePath.TelegramText(10, 5001, "/invoice"), Secret);

        var call = Assert.Single(await CallsAsync("sendMessage", 1));
        Assert.StartsWith("Документы мы отправляем только на номер, подтверждённый мессенджером", call.JsonBody()!["text"]!.GetValue<string>());
        Assert.Empty(Calls("sendDocument"));
        await using var check = await App.Db();
        Assert.Equal(Bots1C.Domain.Conversations.ConversationMode.WaitingForOperator,
            await check.Conversations.Where(c => c.ContactId == ContactIds[0]).Select(c => c.Mode).SingleAsync());
    }

    [Fact]
    public async Task A_customer_whose_phone_was_shared_gets_the_invoice()
    {
        await InvoiceAsync("42", ("Ёмкость для воды", 2, 50m));
        await using (var db = await App.Db())
            await db.Contacts.Where(c => c.Id == ContactIds[0])
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Phone, "+79123456789").SetProperty(c => c.PhoneTyped, false));
        await UseTemplateAsync();

        await App.CreateClient().PostTelegramAsync(BotKey, MessagePath.TelegramText(10, 5001, "/invoice"), Secret);

        Assert.Single(await CallsAsync("sendDocument", 1));
    }

    [Fact]
    public async Task A_customer_whose_counterparty_has_no_invoice_is_told_so()
    {
        await UseTemplateAsync();

        await App.CreateClient().PostTelegramAsync(BotKey, MessagePath.TelegramText(10, 5002, "/invoice"), Secret);

        var call = Assert.Single(await CallsAsync("sendMessage", 1));
        Assert.Contains("Мы не нашли счетов для вас", call.JsonBody()!["text"]!.GetValue<string>());
        Assert.Empty(Calls("sendDocument"));
    }

    [Fact]
    public async Task A_send_file_step_never_sends_another_counterpartys_document()
    {
        await using (var db = await App.Db())
            await db.Contacts.Where(c => c.Id == ContactIds[0]).ExecuteUpdateAsync(s => s.SetProperty(c => c.CounterpartyId, LonelyCounterpartyId));
        await InvoiceAsync("42", ("Чужая поставка", 1, 10m));
        var scenario = await App.CreateScenarioAsync(new ScenarioDefinition
        {
            Key = "peek", Name = "Peek", Triggers = [new Trigger { Kind = TriggerKind.Command, Value = "/peek" }],
            Steps =
            [
                new Step { Id = "start", Kind = StepKind.Start },
                new Step { Id = "send", Kind = StepKind.SendFile, PrintDocument = "1", Text = "Вот" },
                new Step { Id = "end", Kind = StepKind.End },
            ],
            Transitions =
            [
                new Transition { From = "start", Outcome = StepOutcomes.Next, To = "send" },
                new Transition { From = "send", Outcome = StepOutcomes.Next, To = "end" },
            ],
        });
        await App.Services.GetRequiredService<BotScenarioSettings>().SetAsync(BotId, new BotScenarioChoice(null, null, [scenario]), "anna");

        await App.CreateClient().PostTelegramAsync(BotKey, MessagePath.TelegramText(10, 5001, "/peek"), Secret);

        await CallsAsync("sendMessage", 1);
        Assert.Empty(Calls("sendDocument"));
    }
}
