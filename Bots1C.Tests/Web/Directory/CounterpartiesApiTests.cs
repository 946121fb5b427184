using System.Net;
using System.Text;
using System.Text.Json;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Operators;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Web.DirectorySection;

/// <summary>/api/v1/counterparties and /api/v1/contacts/{id}/link against the real app.</summary>
public class CounterpartiesApiTests : DirectoryTestBase
{
    private const long Chat = 6001;
    private HttpClient _api = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _api = _app.CreateApiClient();
    }

    private async Task<JsonElement> PostCounterpartyAsync(object body, HttpStatusCode expected)
    {
        var response = await _api.PostJsonAsync("/api/v1/counterparties", body);
        var json = await response.ReadJsonAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {json}");
        return json;
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task Upsert_creates_then_updates_by_INN()
    {
        var maria = await OperatorAsync("maria", Roles.Manager);
        var created = await _api.PostJsonAsync("/api/v1/counterparties", new
        {
            name = "ПАО Сбербанк", inn = "7707083893", kpp = "773601001", phones = new[] { "8 (495) 500-55-50" },
            emails = new[] { " Info@Sberbank.RU " }, mainManagerEmail = "MARIA@example.ru", notes = "bank",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var first = await created.ReadJsonAsync();
        var id = first.GetProperty("id").GetInt64();
        Assert.EndsWith($"/api/v1/counterparties/{id}", created.Headers.Location!.ToString());
        Assert.Equal(("Counterparty", maria.UserId), (first.GetProperty("type").GetString(), first.GetProperty("mainManagerUserId").GetString()));
        Assert.Equal(["+74955005550"], Strings(first.GetProperty("phones")));
        Assert.Equal(["info@sberbank.ru"], Strings(first.GetProperty("emails")));

        var updated = await PostCounterpartyAsync(new { name = "Сбербанк России", inn = "7707083893", phones = new[] { "+7 495 500 55 50", "900" } },
            HttpStatusCode.BadRequest); // "900" is a short number, not a phone
        Assert.True(updated.GetProperty("errors").TryGetProperty("phones[1]", out _), updated.ToString());

        updated = await PostCounterpartyAsync(new { name = "Сбербанк России", inn = "7707083893", phones = new[] { "+7 495 500 55 50" } },
            HttpStatusCode.OK);
        Assert.Equal((id, "Сбербанк России"), (updated.GetProperty("id").GetInt64(), updated.GetProperty("name").GetString()));

        var read = await (await _api.GetAsync($"/api/v1/counterparties/{id}")).ReadJsonAsync();
        Assert.Equal("Сбербанк России", read.GetProperty("name").GetString());
        var list = await (await _api.GetAsync("/api/v1/counterparties")).ReadJsonAsync();
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Upsert_by_external_id_wins_over_INN()
    {
        var first = await PostCounterpartyAsync(new { name = "ООО Ромашка", externalId = "9b1c-0001", inn = "7707083893" }, HttpStatusCode.Created);
        var second = await PostCounterpartyAsync(new { name = "ООО Ромашка+", externalId = "9b1c-0001", inn = "500100732259" }, HttpStatusCode.OK);
        Assert.Equal(first.GetProperty("id").GetInt64(), second.GetProperty("id").GetInt64());
        Assert.Equal("500100732259", second.GetProperty("inn").GetString());

        // Another type is another catalog: the same external id there is a new record.
        await PostCounterpartyAsync(new { type = "Partner", name = "ООО Ромашка", externalId = "9b1c-0001" }, HttpStatusCode.Created);
        var partners = await (await _api.GetAsync("/api/v1/counterparties?type=Partner")).ReadJsonAsync();
        Assert.Equal(1, partners.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("""{"name":"ООО Ромашка","inn":"7707083894"}""", "inn")]
    [InlineData("""{"name":"ООО Ромашка","inn":"77070838"}""", "inn")]
    [InlineData("""{"name":"ООО Ромашка","kpp":"12"}""", "kpp")]
    [InlineData("""{"name":"","inn":"7707083893"}""", "name")]
    [InlineData("""{"inn":"7707083893"}""", "name")]
    [InlineData("""{"name":"ООО Ромашка","emails":["not an e-mail"]}""", "emails[0]")]
    [InlineData("""{"name":"ООО Ромашка","phones":[null]}""", "phones[0]")]
    [InlineData("""{"name":"ООО Ромашка","type":"Drivers"}""", "type")]
    [InlineData("""{"name":"ООО Ромашка","mainManagerEmail":"nobody@example.ru"}""", "mainManagerEmail")]
    [InlineData("""{"name":"ООО Ромашка","mainManagerUserId":"no-such-user"}""", "mainManagerUserId")]
    public async Task Invalid_fields_are_400_naming_the_field(string body, string field)
    {
        var response = await _api.PostAsync("/api/v1/counterparties", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
    }

    [Theory]
    [InlineData("POST", "/api/v1/counterparties", "{not json")]
    [InlineData("POST", "/api/v1/counterparties", """{"name":"x","phones":"+79123456789"}""")]
    [InlineData("POST", "/api/v1/counterparties", """{"name":"x","inn":7707083893}""")]
    [InlineData("PUT", "/api/v1/counterparties/1", "")]
    [InlineData("POST", "/api/v1/contacts/1/link", """{"counterpartyId":"abc"}""")]
    [InlineData("GET", "/api/v1/counterparties?page=abc", null)]
    [InlineData("GET", "/api/v1/counterparties/1/history?before=x", null)]
    public async Task Unreadable_requests_are_400_never_500(string method, string url, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await _api.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Put_changes_a_record_and_is_404_for_an_unknown_one()
    {
        var id = (await PostCounterpartyAsync(new { name = "ООО Ромашка" }, HttpStatusCode.Created)).GetProperty("id").GetInt64();

        var put = await _api.PutJsonAsync($"/api/v1/counterparties/{id}", new { name = "ООО Ромашка", inn = "7707083893", phones = new[] { "9123456789" } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(["+79123456789"], Strings((await put.ReadJsonAsync()).GetProperty("phones")));

        var unknown = await _api.PutJsonAsync("/api/v1/counterparties/999999", new { name = "x" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(404, (await unknown.ReadJsonAsync()).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync("/api/v1/counterparties/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync("/api/v1/counterparties/999999/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync("/api/v1/counterparties/999999/contacts")).StatusCode);
    }

    [Fact]
    public async Task The_list_searches_by_name_INN_phone_and_email_and_leaves_archived_out()
    {
        await PostCounterpartyAsync(new { name = "ООО Ромашка", inn = "7707083893", phones = new[] { "+79123456789" }, emails = new[] { "a@romashka.ru" } },
            HttpStatusCode.Created);
        var archived = await PostCounterpartyAsync(new { name = "ООО Лютик" }, HttpStatusCode.Created);
        await Catalog.SetArchivedAsync(archived.GetProperty("id").GetInt64(), true);

        foreach (var search in new[] { "Ромашка", "7707083893", "8 (912) 345-67-89", "A@Romashka.ru" })
        {
            var found = await (await _api.GetAsync($"/api/v1/counterparties?search={Uri.EscapeDataString(search)}")).ReadJsonAsync();
            Assert.Equal(["ООО Ромашка"], found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        }
        var all = await (await _api.GetAsync("/api/v1/counterparties")).ReadJsonAsync();
        Assert.Equal(1, all.GetProperty("total").GetInt32());
        var withArchived = await (await _api.GetAsync("/api/v1/counterparties?includeArchived=true&pageSize=1&page=2")).ReadJsonAsync();
        Assert.Equal((2, 1, 2), (withArchived.GetProperty("total").GetInt32(), withArchived.GetProperty("items").GetArrayLength(),
            withArchived.GetProperty("page").GetInt32()));
    }

    [Fact]
    public async Task History_merges_the_contacts_of_two_bots_newest_first_in_pages_without_notes()
    {
        var anna = await OperatorAsync("anna");
        var id = (await PostCounterpartyAsync(new { name = "ООО Ромашка" }, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var webChat = await _api.CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru" });
        var webChatKey = ApiClient.BotKeyOf(webChat);
        var visitor = _app.CreateClient();
        var token = (await (await visitor.PostJsonAsync($"/webchat/{webChatKey}/session", new { })).ReadJsonAsync()).GetProperty("token").GetString();

        await SayAsync(Chat, "first in Telegram");
        await WebChatSayAsync(visitor, webChatKey, token!, "w1", "second on the site");
        await SayAsync(Chat, "third in Telegram");
        var telegram = await ConversationAsync(Chat);
        Assert.Equal(ConversationActionOutcome.Done, (await Control.AddNoteAsync(telegram.Id, anna, "internal: VIP")).Outcome);
        var contacts = await _app.ContactsAsync();
        foreach (var contact in contacts)
            Assert.Equal(HttpStatusCode.OK, (await _api.PostJsonAsync($"/api/v1/contacts/{contact.Id}/link", new { counterpartyId = id })).StatusCode);

        var linked = await (await _api.GetAsync($"/api/v1/counterparties/{id}/contacts")).ReadJsonAsync();
        Assert.Equal(["Shop", "Site chat"], linked.EnumerateArray().Select(c => c.GetProperty("botName").GetString()).Order());

        var said = new List<(string? Text, string? Bot, string Direction)>();
        long? before = null;
        var pages = 0;
        do
        {
            var page = await (await _api.GetAsync($"/api/v1/counterparties/{id}/history?take=2{(before is null ? "" : $"&before={before}")}")).ReadJsonAsync();
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            said.AddRange(page.GetProperty("items").EnumerateArray().Select(i =>
                (i.GetProperty("text").GetString(), i.GetProperty("bot").GetProperty("name").GetString(), i.GetProperty("direction").GetString()!)));
            before = page.GetProperty("nextBefore").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextBefore").GetInt64();
            pages++;
        } while (before is not null && pages < 20);

        Assert.DoesNotContain(said, s => s.Text == "internal: VIP" || s.Direction == "Internal");
        var incoming = said.Where(s => s.Direction == "Incoming").Select(s => (s.Text, s.Bot)).ToList();
        Assert.Equal([("third in Telegram", "Shop"), ("second on the site", "Site chat"), ("first in Telegram", "Shop")], incoming);
        Assert.Contains(said, s => s is { Direction: "Outgoing", Text: NotUnderstood });
        Assert.True(pages > 1);
    }

    private async Task WebChatSayAsync(HttpClient visitor, string botKey, string token, string id, string text)
    {
        var before = (await _app.InboxAsync()).Count;
        var post = new HttpRequestMessage(HttpMethod.Post, $"/webchat/{botKey}/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { id, text }),
        };
        post.Headers.Add("X-Visitor-Token", token);
        (await visitor.SendAsync(post)).EnsureSuccessStatusCode();
        await _app.ProcessedInboxAsync(before + 1);
    }

    [Fact]
    public async Task The_link_endpoint_links_unlinks_and_is_404_for_unknown_contacts_or_counterparties()
    {
        var id = (await PostCounterpartyAsync(new { name = "ООО Ромашка" }, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await SayAsync(Chat, "hello");
        var contact = await ContactAsync(Chat);

        var linked = await _api.PostJsonAsync($"/api/v1/contacts/{contact.Id}/link", new { counterpartyId = id });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Equal(id, (await ContactAsync(Chat)).CounterpartyId);
        Assert.Equal(1, (await (await _api.GetAsync("/api/v1/counterparties")).ReadJsonAsync()).GetProperty("items")[0].GetProperty("contacts").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await _api.PostJsonAsync($"/api/v1/contacts/{contact.Id}/link", new { counterpartyId = 999999 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.PostJsonAsync("/api/v1/contacts/999999/link", new { counterpartyId = id })).StatusCode);
        Assert.Equal(id, (await ContactAsync(Chat)).CounterpartyId);

        Assert.Equal(HttpStatusCode.OK, (await _api.PostJsonAsync($"/api/v1/contacts/{contact.Id}/link", new { counterpartyId = (long?)null })).StatusCode);
        Assert.Null((await ContactAsync(Chat)).CounterpartyId);
        Assert.Equal(["ContactLinked", "ContactUnlinked"], await DirectoryEventsAsync());
    }

    [Theory]
    [InlineData("GET", "/api/v1/counterparties")]
    [InlineData("POST", "/api/v1/counterparties")]
    [InlineData("GET", "/api/v1/counterparties/1/history")]
    [InlineData("POST", "/api/v1/contacts/1/link")]
    public async Task Without_the_API_key_it_is_401(string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().SendAsync(request)).StatusCode);
    }
}

public class CounterpartiesUpsertKppTests : DirectoryTestBase
{
    [Fact]
    public async Task Upsert_by_INN_matches_a_KPP_with_letters_whatever_their_case()
    {
        var api = _app.CreateApiClient();
        var first = await api.PostJsonAsync("/api/v1/counterparties", new { name = "ООО Ромашка", inn = "7707083893", kpp = "7736AB001" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var second = await api.PostJsonAsync("/api/v1/counterparties", new { name = "ООО Ромашка (филиал)", inn = "7707083893", kpp = "7736ab001" });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.ReadJsonAsync()).GetProperty("id").GetInt64(), (await second.ReadJsonAsync()).GetProperty("id").GetInt64());
    }
}
