using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Web.DirectorySection;

/// <summary>1C creates a counterparty with a phone → a Telegram customer shares that phone → the counterparty's history
/// (what 1C shows in its card) holds the dialog.</summary>
public class DirectoryEndToEndTests : DirectoryTestBase
{
    private const long Chat = 7001;

    [Fact]
    public async Task A_shared_phone_links_the_customer_to_the_counterparty_made_through_the_API_and_its_history_shows_the_conversation()
    {
        var api = _app.CreateApiClient();
        var created = await api.PostJsonAsync("/api/v1/counterparties", new { name = "ООО Ромашка", inn = "7707083893", phones = new[] { "8 (912) 345-67-89" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetInt64();

        await SayAsync(Chat, "Добрый день");
        await ShareContactAsync(Chat, "79123456789");
        await SayAsync(Chat, "Где мой заказ?");

        var contacts = await (await api.GetAsync($"/api/v1/counterparties/{id}/contacts")).ReadJsonAsync();
        var contact = Assert.Single(contacts.EnumerateArray().ToList());
        Assert.Equal(("+79123456789", "Shop"), (contact.GetProperty("contact").GetProperty("phone").GetString(), contact.GetProperty("botName").GetString()));

        var history = await (await api.GetAsync($"/api/v1/counterparties/{id}/history")).ReadJsonAsync();
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, history.GetProperty("nextBefore").ValueKind);
        var incoming = items.Where(i => i.GetProperty("direction").GetString() == "Incoming").ToList();
        Assert.Equal(["Где мой заказ?", "ContactShared", "Добрый день"],
            incoming.Select(i => i.GetProperty("kind").GetString() == "ContactShared" ? "ContactShared" : i.GetProperty("text").GetString()));
        Assert.Contains(items, i => i.GetProperty("direction").GetString() == "Outgoing" && i.GetProperty("text").GetString() == NotUnderstood);
        Assert.All(items, i => Assert.Equal(("Shop", "Telegram"),
            (i.GetProperty("bot").GetProperty("name").GetString(), i.GetProperty("bot").GetProperty("messenger").GetString())));
        Assert.All(items, i => Assert.Equal(contact.GetProperty("contact").GetProperty("id").GetInt64(), i.GetProperty("contact").GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task A_shared_phone_links_the_customer_to_a_counterparty_imported_from_a_file_and_its_card_history_shows_the_conversation()
    {
        var import = _app.Services.GetRequiredService<Bots1C.Domain.Counterparties.Import.CounterpartyImport>();
        var table = Bots1C.Domain.Counterparties.Import.Spreadsheets.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            "Наименование;ИНН;Телефон\nООО Лютик;500100732259;+7 (912) 000-11-22\n")), "контрагенты.csv");
        var imported = await import.ImportAsync(table, Bots1C.Domain.Counterparties.Import.CounterpartyImport.GuessMapping(table.Headers),
            Bots1C.Domain.Counterparties.CounterpartyTypes.Counterparty);
        Assert.True(imported.Imported);

        await SayAsync(Chat + 1, "Здравствуйте");
        await ShareContactAsync(Chat + 1, "89120001122");

        var counterparties = _app.Services.GetRequiredService<Bots1C.Domain.Counterparties.CounterpartyCatalog>();
        var (rows, _) = await counterparties.ListAsync(Bots1C.Domain.Counterparties.CounterpartyTypes.Counterparty, "Лютик", false, 0, 10);
        var history = _app.Services.GetRequiredService<Bots1C.Domain.Counterparties.CounterpartyHistory>();
        var (items, _) = await Eventually.GetAsync(() => history.PageAsync(Assert.Single(rows).Id, null, 50),
            page => page.Items.Any(i => i.Message.Text == "Здравствуйте"), "the dialog in the imported counterparty's history");
        Assert.All(items, i => Assert.Equal("Shop", i.BotName));
    }
}
