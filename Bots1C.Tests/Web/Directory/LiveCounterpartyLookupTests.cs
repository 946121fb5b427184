using System.Text.Json;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Counterparties.Sync;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.DirectorySection;

/// <summary>The operator test app with one 1C source whose OData interface is a WireMock fake on loopback.</summary>
public abstract class LiveLookupTestBase(Func<Bots1CAppFactory, Bots1CAppFactory>? configure = null) : DirectoryTestBase(configure), IDisposable
{
    protected const string RefKey = "3f0d6f8e-1c00-11ef-9b6a-005056a1b2c3";
    protected readonly WireMockServer _onec = WireMockServer.Start();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = await _app.Db();
        db.ODataSources.Add(new ODataSource
        {
            Name = "Trade", BaseUrl = _onec.Url + "/trade", UserName = "Обмен", IntervalMinutes = 0,
            ProtectedPassword = _app.Services.GetRequiredService<TokenProtector>().Protect("secret"), CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        // The lookup gives 1C 3 seconds; a fake's very first answer (its own start-up, on a machine busy with other
        // builds) must not be what a test measures.
        using var http = new HttpClient();
        await http.GetAsync(_onec.Url + "/trade/odata/standard.odata/Catalog_Warm?$format=json");
        _onec.ResetLogEntries();
    }

    public void Dispose() => _onec.Stop();

    /// <summary>1C's answer to a filtered catalog request; <paramref name="delay"/> makes it late.</summary>
    protected void OneCAnswers(object[] records, TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json;charset=utf-8")
            .WithBody(JsonSerializer.Serialize(new Dictionary<string, object> { ["odata.metadata"] = "…", ["value"] = records }));
        if (delay is { } late)
            response = response.WithDelay(late);
        _onec.Given(Request.Create().WithPath(new WildcardMatcher("/trade/odata/standard.odata/*")).UsingGet()).RespondWith(response);
    }

    protected static object Record(string phone) => new Dictionary<string, object?>
    {
        ["Ref_Key"] = RefKey, ["DeletionMark"] = false, ["IsFolder"] = false, ["Description"] = "ООО Новый клиент", ["ИНН"] = "7707083893",
        ["КПП"] = "", ["КонтактнаяИнформация"] = new[] { new Dictionary<string, string> { ["Тип"] = "Телефон", ["Представление"] = phone } },
    };
}

/// <summary>A counterparty created in 1C after the last sync: a contact sharing its phone is linked through a live OData
/// lookup, and 1C being slow never holds up the customer's answer for long.</summary>
public class LiveCounterpartyLookupTests : LiveLookupTestBase
{
    private const long Chat = 5001;

    [Fact]
    public async Task A_contact_sharing_the_phone_of_a_counterparty_only_1C_knows_is_linked_to_it_stored_as_the_sync_would()
    {
        OneCAnswers([Record("+7 (912) 345-67-89")]);

        await ShareContactAsync(Chat, "+79123456789");

        var contact = await ContactAsync(Chat);
        await using var db = await _app.Db();
        var stored = await db.Counterparties.AsNoTracking().Include(o => o.Phones).SingleAsync();
        Assert.Equal((RefKey, "ООО Новый клиент", "7707083893", "+79123456789"), (stored.ExternalId, stored.Name, stored.Inn, stored.Phones.Single().Number));
        Assert.Equal(stored.Id, contact.CounterpartyId);
        Assert.Equal(["ODataLookupFound", "ContactLinkedAutomatically"], await DirectoryEventsAsync());
        var asked = Assert.Single(_onec.LogEntries).RequestMessage;
        var filter = asked.Query!["$filter"].Single();
        Assert.StartsWith("КонтактнаяИнформация/any(c: c/Представление eq '+79123456789' or ", filter);
        Assert.Contains(" or c/Представление eq '+7 (912) 345-67-89' or ", filter);
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("Обмен:secret")), asked.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task When_1C_does_not_answer_in_time_the_contact_stays_unlinked_and_the_message_is_answered()
    {
        OneCAnswers([Record("+79123456789")], delay: ODataLookup.Budget + TimeSpan.FromSeconds(3));

        await ShareContactAsync(Chat, "+79123456789");

        Assert.Null((await ContactAsync(Chat)).CounterpartyId);
        await SentEventuallyAsync(Chat, NotUnderstood);
        Assert.Equal(["ODataLookupFailed"], await DirectoryEventsAsync());
        await using var db = await _app.Db();
        Assert.Contains("did not answer within 3 seconds", (await db.Events.AsNoTracking().SingleAsync(e => e.Code == "ODataLookupFailed")).Message);
        Assert.Empty(await db.Counterparties.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task A_second_miss_within_the_remembered_time_does_not_ask_1C_again()
    {
        OneCAnswers([]);

        await ShareContactAsync(Chat, "+79123456789");
        await ShareContactAsync(Chat, "8 912 345 67 89");

        Assert.Null((await ContactAsync(Chat)).CounterpartyId);
        Assert.Single(_onec.LogEntries);
        Assert.DoesNotContain("ODataLookupFailed", await DirectoryEventsAsync());
    }
}

/// <summary>The live lookup goes through the outbound rule: with 1C's host not listed in Bots1C:Directory:ODataAllowedHosts, a
/// loopback publication is never reached, and the event log names the setting.</summary>
public class LiveCounterpartyLookupGuardTests() : LiveLookupTestBase(app => app.AllowingODataHosts())
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        OneCAnswers([Record("+79123456789")]);
    }

    [Fact]
    public async Task An_unlisted_non_public_1C_address_is_refused_before_any_request_and_the_setting_is_named()
    {
        await ShareContactAsync(5002, "+79123456789");

        Assert.Empty(_onec.LogEntries);
        Assert.Null((await ContactAsync(5002)).CounterpartyId);
        await using var db = await _app.Db();
        var logged = await db.Events.AsNoTracking().SingleAsync(e => e.Code == "ODataLookupFailed");
        Assert.Contains(Bots1CAppFactory.ODataHostsKey, logged.Message);
    }
}
