using System.Net;
using System.Text.Json;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Web.OwnerDirectory;

/// <summary>1C creates a counterparty with a phone → a Telegram customer shares that phone → the counterparty's history
/// (what 1C shows in its card) holds the dialog.</summary>
public class DirectoryEndToEndTests : DirectoryTestBase
{
    private const long Chat = 7001;

    [Fact]
    public async Task A_shared_phone_links_the_customer_to_the_counterparty_made_through_the_API_and_its_history_shows_the_dialog()
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
}
