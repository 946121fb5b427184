using Bots1C.Domain.Accounts;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Methods;
using Bots1C.Tests.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.DirectorySection;

/// <summary>The directory's scenario methods: through a real scenario, and directly over the app's database.</summary>
public class CounterpartyMethodsTests : DirectoryTestBase
{
    private const long Chat = 5001;

    private async Task<Dictionary<string, string>> InvokeAsync(string method, params (string Name, string Value)[] arguments)
    {
        var implementation = _app.Services.GetServices<IScenarioMethod>().Single(m => m.Name == method);
        await using var db = await _app.Db();
        var conversation = await db.Conversations.Include(c => c.Contact).SingleAsync(c => c.ChatId == Chat.ToString());
        var outcome = await implementation.InvokeAsync(new ScenarioMethodContext(db, _botId, conversation),
            arguments.ToDictionary(a => a.Name, a => a.Value, StringComparer.OrdinalIgnoreCase), CancellationToken.None);
        Assert.True(outcome.Ok, outcome.Error);
        return outcome.Results.ToDictionary();
    }

    [Fact]
    public async Task A_scenario_greets_the_customer_by_their_counterparty_and_names_the_manager()
    {
        var maria = await OperatorAsync("maria", Roles.Manager);
        await CounterpartyAsync("ООО Ромашка", phones: ["8 (912) 345-67-89"], managerUserId: maria.UserId);
        await InstallAsync(ScenarioBuilder.Named("Who").OnCommand("/who").StartsWith("find")
            .CallMethod("find", "FindCounterpartyByPhone", ("phone", "{{contact.phone}}"))
            .Result("name", "counterparty").Result("manager", "manager").Result("found", "found")
            .On(StepOutcomes.Ok, "hello").On(StepOutcomes.Failed, "oops")
            .End("hello", "Hello, {{vars.counterparty}} ({{vars.found}}), your manager is {{vars.manager}}.")
            .End("oops", "Who are you?"));
        _app.Services.GetRequiredService<ScenarioCache>().Invalidate();
        await ShareContactAsync(Chat, "+7 912 345 67 89");

        await SayAsync(Chat, "/who");

        await SentEventuallyAsync(Chat, "Hello, ООО Ромашка (true), your manager is maria.");
    }

    [Fact]
    public async Task FindCounterpartyByPhone_finds_the_one_counterparty_with_the_number_in_any_spelling()
    {
        await SayAsync(Chat, "hello");
        var counterparty = await CounterpartyAsync("ООО Ромашка", phones: ["8 (912) 345-67-89"], inn: "7707083893");

        var found = await InvokeAsync("FindCounterpartyByPhone", ("phone", "+7 912 345-67-89"));

        Assert.Equal(("true", counterparty.Id.ToString(), "ООО Ромашка", "7707083893", ""),
            (found["found"], found["id"], found["name"], found["inn"], found["manager"]));
        Assert.Equal("false", (await InvokeAsync("FindCounterpartyByPhone", ("phone", "+7 912 000-00-01")))["found"]);
    }

    [Fact]
    public async Task FindCounterpartyByPhone_answers_not_found_for_two_counterparties_or_an_archived_one_and_fails_for_garbage()
    {
        await SayAsync(Chat, "hello");
        await CounterpartyAsync("ООО Ромашка", phones: ["+79123456789"]);
        await CounterpartyAsync("ООО Лютик", phones: ["89123456789"]);
        var archived = await CounterpartyAsync("ООО Старое", phones: ["+79031112233"]);
        await Catalog.SetArchivedAsync(archived.Id, true);

        Assert.Equal("false", (await InvokeAsync("FindCounterpartyByPhone", ("phone", "+79123456789")))["found"]);
        Assert.Equal("false", (await InvokeAsync("FindCounterpartyByPhone", ("phone", "+79031112233")))["found"]);

        var implementation = _app.Services.GetServices<IScenarioMethod>().Single(m => m.Name == "FindCounterpartyByPhone");
        await using var db = await _app.Db();
        var conversation = await db.Conversations.Include(c => c.Contact).SingleAsync();
        var garbage = await implementation.InvokeAsync(new ScenarioMethodContext(db, _botId, conversation),
            new Dictionary<string, string> { ["phone"] = "call me" }, CancellationToken.None);
        Assert.False(garbage.Ok);
    }

    [Fact]
    public async Task FindCounterpartyByEmail_ignores_case_and_spaces()
    {
        await SayAsync(Chat, "hello");
        var counterparty = await CounterpartyAsync("ООО Ромашка", emails: ["Info@Romashka.ru"]);

        var found = await InvokeAsync("FindCounterpartyByEmail", ("email", "  INFO@romashka.RU "));

        Assert.Equal(("true", counterparty.Id.ToString()), (found["found"], found["id"]));
        Assert.Equal("false", (await InvokeAsync("FindCounterpartyByEmail", ("email", "other@romashka.ru")))["found"]);
    }

    [Fact]
    public async Task CounterpartyPhones_and_MainManager_describe_the_contacts_own_counterparty_or_a_named_one()
    {
        var maria = await OperatorAsync("maria", Roles.Manager);
        await SayAsync(Chat, "hello");
        Assert.Equal("false", (await InvokeAsync("CounterpartyPhones"))["found"]); // not linked yet
        Assert.Equal("false", (await InvokeAsync("CounterpartyMainManager"))["found"]);

        var counterparty = await CounterpartyAsync("ООО Ромашка", phones: ["8 (912) 345-67-89", "+7 495 111-22-33"], managerUserId: maria.UserId);
        var other = await CounterpartyAsync("ООО Лютик", phones: ["+7 495 999-88-77"]);
        Assert.True(await Linker.LinkAsync((await ContactAsync(Chat)).Id, counterparty.Id, "test"));

        var phones = await InvokeAsync("CounterpartyPhones");
        Assert.Equal(("true", "+79123456789, +74951112233"), (phones["found"], phones["phones"]));
        var manager = await InvokeAsync("CounterpartyMainManager");
        Assert.Equal(("true", "maria", "maria@example.ru"), (manager["found"], manager["name"], manager["email"]));

        Assert.Equal("+74959998877", (await InvokeAsync("CounterpartyPhones", ("ownerId", other.Id.ToString())))["phones"]);
        Assert.Equal("false", (await InvokeAsync("CounterpartyMainManager", ("ownerId", other.Id.ToString())))["found"]);
        Assert.Equal("false", (await InvokeAsync("CounterpartyPhones", ("ownerId", "999999")))["found"]);
    }
}
