using Bots1C.Domain.PrintForms;
using Bots1C.Tests.Domain.Channels;
using Bots1C.Tests.Domain.PrintForms;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.PrintForms;

/// <summary>Sending a print form to a counterparty's messenger contacts through the outbox.</summary>
public class PrintFormSendingTests : PrintFormsWorld
{
    private PrintFormSender Sender => App.Services.GetRequiredService<PrintFormSender>();

    [Fact]
    public async Task A_counterparty_with_two_Telegram_contacts_gets_two_sendDocument_calls_with_the_pdf()
    {
        var documentId = await InvoiceAsync("42", ("Ёмкость для воды", 2, 50m), ("Доставка", 1, 23.45m));
        var rendered = await App.Services.GetRequiredService<PrintFormRenderer>().RenderAsync(documentId, "invoice");

        var result = await Sender.SendAsync(new PrintFormSending(CounterpartyId, null, rendered!.FileName, rendered.Content, "Ваш счёт", "Анна",
            documentId, "invoice"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, result.DeliveryIds.Count);
        var calls = await CallsAsync("sendDocument", 2);
        Assert.Equal(2, calls.Count);
        var chats = new List<string>();
        foreach (var call in calls)
        {
            var parts = await call.FormParts();
            var document = parts.Single(p => p.FileName is not null);
            Assert.Equal("Счёт на оплату № 42 от 28 ноября 2026 г.pdf", document.FileName);
            Assert.Equal(rendered.Content, document.Content);
            Assert.Contains("Сто двадцать три рубля 45 копеек", FormSamples.TextOf(document.Content));
            Assert.Equal("Ваш счёт", parts.Single(p => p.Name == "caption").Text);
            chats.Add(parts.Single(p => p.Name == "chat_id").Text);
        }
        Assert.Equal(["5001", "5002"], chats.Order());
    }

    [Fact]
    public async Task Each_delivery_is_tracked_until_the_messenger_accepted_it()
    {
        var documentId = await InvoiceAsync("43", ("Услуга", 1, 100m));
        var rendered = await App.Services.GetRequiredService<PrintFormRenderer>().RenderAsync(documentId, null);

        var result = await Sender.SendAsync(new PrintFormSending(CounterpartyId, [ContactIds[1]], rendered!.FileName, rendered.Content, null, "Анна",
            documentId, rendered.Form));

        var deliveries = App.Services.GetRequiredService<PrintFormDeliveries>();
        var delivery = await Bots1C.Tests.Infrastructure.Eventually.GetAsync(() => deliveries.GetAsync(Assert.Single(result.DeliveryIds)),
            d => d!.State == PrintFormDeliveryState.Sent, "the delivery to be sent");
        Assert.Equal((ContactIds[1], "invoice", documentId, "Анна"), (delivery!.ContactId, delivery.Form, delivery.DocumentId, delivery.Author));
        Assert.Single(await deliveries.ListAsync(CounterpartyId));
    }

    [Fact]
    public async Task A_counterparty_without_contacts_is_refused_clearly_and_nothing_is_queued()
    {
        var before = await QueuedCountAsync();

        var result = await Sender.SendAsync(new PrintFormSending(LonelyCounterpartyId, null, "a.pdf", "%PDF-1.7 test"u8.ToArray(), null, "Анна"));

        Assert.Equal("NoContacts", result.ErrorCode);
        Assert.Contains("ИП Одиноков has no contacts in the messengers", result.Error);
        Assert.Equal(before, await QueuedCountAsync());
        Assert.Empty(Calls("sendDocument"));
    }

    [Fact]
    public async Task A_contact_of_another_counterparty_is_refused_and_nothing_is_queued()
    {
        var result = await Sender.SendAsync(new PrintFormSending(LonelyCounterpartyId, [ContactIds[0]], "a.pdf", "%PDF-1.7 test"u8.ToArray(), null, "Анна"));

        Assert.Equal("ContactNotLinked", result.ErrorCode);
        Assert.Equal(0, await QueuedCountAsync());
    }

    [Fact]
    public async Task A_file_over_the_messengers_limit_is_refused_before_anything_is_queued()
    {
        var content = new byte[App.Services.GetRequiredService<Bots1C.Domain.Operators.MessengerFileLimits>().MaxBytes(Bots1C.Domain.Bots.Messenger.Telegram) + 1];
        "%PDF-"u8.CopyTo(content);

        var result = await Sender.SendAsync(new PrintFormSending(CounterpartyId, null, "big.pdf", content, null, "Анна"));

        Assert.Equal("FileTooLarge", result.ErrorCode);
        Assert.Contains("Telegram accepts files up to 20 MB", result.Error);
        Assert.Equal(0, await QueuedCountAsync());
    }
}
