using System.Text.Json;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Bots1C.Domain.Counterparties;
using Bots1C.Domain.Counterparties.Sync;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Domain.Counterparties;

/// <summary>The 1C sync against a WireMock fake of 1C's standard OData interface (Cyrillic names, $top/$skip paging).</summary>
public sealed class ODataSyncTests : IDisposable
{
    private readonly Bots1CAppFactory _app = new();
    private readonly WireMockServer _onec = WireMockServer.Start();

    private ODataSync Sync => _app.Services.GetRequiredService<ODataSync>();

    private static object Counterparty(string refKey, string name, string? inn = null, bool deleted = false, string? phone = null, string? email = null) => new Dictionary<string, object?>
    {
        ["Ref_Key"] = refKey, ["DeletionMark"] = deleted, ["IsFolder"] = false, ["Description"] = name, ["ИНН"] = inn ?? "", ["КПП"] = "",
        ["КонтактнаяИнформация"] = new[]
        {
            phone is null ? null : new Dictionary<string, string> { ["Тип"] = "Телефон", ["Представление"] = phone },
            email is null ? null : new Dictionary<string, string> { ["Тип"] = "АдресЭлектроннойПочты", ["Представление"] = email },
        }.Where(r => r is not null),
    };

    /// <summary>Serves the catalog as 1C does: pages of <see cref="ODataSync.PageSize"/> chosen by $skip.</summary>
    private void Serve(IReadOnlyList<object> records, int status = 200)
    {
        _onec.Reset();
        for (var skip = 0; skip <= records.Count; skip += ODataSync.PageSize)
        {
            var page = records.Skip(skip).Take(ODataSync.PageSize).ToList();
            _onec.Given(Request.Create().WithPath(new WildcardMatcher("/base/odata/standard.odata/*")).WithParam("$skip", skip.ToString()).UsingGet())
                .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json;charset=utf-8")
                    .WithBody(JsonSerializer.Serialize(new Dictionary<string, object> { ["odata.metadata"] = "…", ["value"] = page })));
        }
    }

    private async Task<long> SourceAsync(string password = "secret")
    {
        await using var db = await Db();
        var source = new ODataSource
        {
            Name = "Trade", BaseUrl = _onec.Url + "/base", UserName = "Обмен",
            ProtectedPassword = _app.Services.GetRequiredService<TokenProtector>().Protect(password), CreatedAt = DateTimeOffset.UtcNow,
        };
        db.ODataSources.Add(source);
        await db.SaveChangesAsync();
        return source.Id;
    }

    private Task<Bots1CDbContext> Db() => _app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();

    private async Task<List<Counterparty>> CounterpartiesAsync()
    {
        await using var db = await Db();
        return await db.Counterparties.Include(o => o.Phones).Include(o => o.Emails).OrderBy(o => o.ExternalId).ToListAsync();
    }

    [Fact]
    public async Task The_first_sync_creates_every_counterparty_across_pages_with_phones_and_emails()
    {
        var records = Enumerable.Range(0, ODataSync.PageSize + 2)
            .Select(i => Counterparty($"{i:D8}-0000-0000-0000-000000000000", $"Контрагент {i}")).ToList();
        records[0] = Counterparty("00000000-0000-0000-0000-000000000000", "ООО Ромашка", "7707083893", phone: "8 (912) 345-67-89", email: "Info@Romashka.ru");
        Serve(records);

        var outcome = await Sync.RunAsync(await SourceAsync());

        Assert.True(outcome.Ok, outcome.Error);
        Assert.Equal((ODataSync.PageSize + 2, ODataSync.PageSize + 2), (outcome.Counts.Read, outcome.Counts.Created));
        var romashka = (await CounterpartiesAsync()).First();
        Assert.Equal(("ООО Ромашка", "7707083893", "+79123456789", "info@romashka.ru"),
            (romashka.Name, romashka.Inn, romashka.Phones.Single().Number, romashka.Emails.Single().Address));
        var header = _onec.LogEntries.First().RequestMessage.Headers!["Authorization"].Single();
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("Обмен:secret")), header);
    }

    [Fact]
    public async Task The_second_sync_updates_by_ref_key_and_archives_deleted_and_vanished_records_without_deleting_them()
    {
        var source = await SourceAsync();
        Serve([Counterparty("a", "Старое имя"), Counterparty("b", "Лютик"), Counterparty("c", "Василёк")]);
        await Sync.RunAsync(source);
        Serve([Counterparty("a", "Новое имя"), Counterparty("b", "Лютик", deleted: true)]);

        var outcome = await Sync.RunAsync(source);

        Assert.Equal((0, 1, 2), (outcome.Counts.Created, outcome.Counts.Updated, outcome.Counts.Archived));
        var counterparties = await CounterpartiesAsync();
        Assert.Equal([("a", "Новое имя", false), ("b", "Лютик", true), ("c", "Василёк", true)],
            counterparties.Select(o => (o.ExternalId!, o.Name, o.IsArchived)));
    }

    [Fact]
    public async Task A_wrong_password_is_a_clear_error_on_the_source_and_in_the_event_log()
    {
        Serve([Counterparty("a", "Ромашка")], status: 401);
        var source = await SourceAsync("wrong");

        var outcome = await Sync.RunAsync(source);

        Assert.False(outcome.Ok);
        Assert.StartsWith("1C refused the user name or password (401)", outcome.Error);
        await using var db = await Db();
        var stored = await db.ODataSources.SingleAsync();
        Assert.Equal((false, outcome.Error), (stored.LastSyncOk, stored.LastSyncResult));
        var logged = await db.Events.SingleAsync(e => e.Code == "ODataSyncFailed");
        Assert.Equal((EventLevel.Error, EventSources.Directory), (logged.Level, logged.Source));
        Assert.Empty(await CounterpartiesAsync());
    }

    [Fact]
    public async Task The_responsible_1c_user_becomes_the_main_manager_when_a_user_here_has_that_name()
    {
        var anna = await _app.CreateUserAsync("anna@example.ru", HtmlForms.Password, Bots1C.Domain.Accounts.Roles.Operator);
        var withManager = (Dictionary<string, object?>)Counterparty("a", "Ромашка");
        withManager["ОсновнойМенеджер"] = new Dictionary<string, string> { ["Ref_Key"] = "u1", ["Description"] = "Anna" };
        var unknown = (Dictionary<string, object?>)Counterparty("b", "Лютик");
        unknown["ОсновнойМенеджер"] = new Dictionary<string, string> { ["Ref_Key"] = "u2", ["Description"] = "Нет такого" };
        Serve([withManager, unknown]);

        await Sync.RunAsync(await SourceAsync());

        var counterparties = await CounterpartiesAsync();
        Assert.Equal([anna.Id, null], counterparties.Select(o => o.MainManagerUserId));
        Assert.Equal("ОсновнойМенеджер", _onec.LogEntries.First().RequestMessage.Query!["$expand"].Single());
    }

    [Fact]
    public async Task A_field_1c_does_not_have_is_a_clear_error()
    {
        Serve([], status: 400);

        var outcome = await Sync.RunAsync(await SourceAsync());

        Assert.Equal("BadRequest", outcome.ErrorCode);
        Assert.Contains("check the field names", outcome.Error);
    }

    [Fact]
    public async Task A_catalog_missing_from_the_publication_says_which_one()
    {
        Serve([], status: 404);

        var outcome = await Sync.RunAsync(await SourceAsync());

        Assert.Contains("no OData catalog 'Catalog_Контрагенты'", outcome.Error);
    }

    [Fact]
    public async Task A_source_is_due_again_once_its_interval_has_passed()
    {
        var source = await SourceAsync();
        Serve([Counterparty("a", "Ромашка")]);
        var scheduler = _app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ODataSyncScheduler>().Single();
        Assert.Contains(source, await scheduler.DueAsync(CancellationToken.None));

        await Sync.RunAsync(source);

        Assert.DoesNotContain(source, await scheduler.DueAsync(CancellationToken.None));
    }

    public void Dispose()
    {
        _onec.Stop();
        _app.Dispose();
    }
}

/// <summary>The sync reaches 1C through the same outbound rule as the live lookup: a 1C publication on a non-public
/// address must be listed in Bots1C:Directory:ODataAllowedHosts (here loopback stands in for the office network).</summary>
public sealed class ODataSyncOutboundRuleTests : IDisposable
{
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().AllowingODataHosts();
    private readonly WireMockServer _onec = WireMockServer.Start();

    [Fact]
    public async Task An_unlisted_non_public_1C_address_is_refused_before_any_request_and_the_setting_is_named()
    {
        _onec.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("{\"value\": []}"));
        long sourceId;
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync())
        {
            var source = new ODataSource
            {
                Name = "Office", BaseUrl = _onec.Url + "/base", UserName = "Обмен",
                ProtectedPassword = _app.Services.GetRequiredService<TokenProtector>().Protect("secret"), CreatedAt = DateTimeOffset.UtcNow,
            };
            db.ODataSources.Add(source);
            await db.SaveChangesAsync();
            sourceId = source.Id;
        }

        var outcome = await _app.Services.GetRequiredService<ODataSync>().RunAsync(sourceId);

        Assert.False(outcome.Ok);
        Assert.Contains(Bots1CAppFactory.ODataHostsKey, outcome.Error);
        Assert.Empty(_onec.LogEntries);
    }

    public void Dispose()
    {
        _onec.Stop();
        _app.Dispose();
    }
}
