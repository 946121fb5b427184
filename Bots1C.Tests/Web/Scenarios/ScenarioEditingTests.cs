using Bots1C.Domain.Data;
using System.Security.Claims;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Scenarios;

/// <summary>The role rule on the server: whatever a circuit sends, only managers and administrators change scenarios.</summary>
public class ScenarioEditingTests : IDisposable
{
    private readonly Bots1CAppFactory _app;

    public ScenarioEditingTests() : this(DatabaseKind.Sqlite) { }

    /// <summary>Scenarios stored and read back on the given engine (<see cref="ScenarioEditingTestsOnPostgres"/>).</summary>
    protected ScenarioEditingTests(DatabaseKind database) => _app = Bots1CAppFactory.On(database);

    private ScenarioEditing Editing => _app.Services.GetRequiredService<ScenarioEditing>();
    private ScenarioCatalog Catalog => _app.Services.GetRequiredService<ScenarioCatalog>();

    private static ClaimsPrincipal User(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{role}@example.ru"), new Claim(ClaimTypes.Role, role)], "test"));

    [SkippableFact]
    public async Task An_operators_save_is_refused_and_the_scenario_stays_as_it_was()
    {
        var id = (await Catalog.CreateAsync(ScenarioDefinition.New("Greeting"), "manager")).Scenario!.Id;
        var changed = (await Catalog.GetAsync(id))!.Definition;
        changed.Name = "Changed by an operator";

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Editing.SaveAsync(User(Roles.Operator), id, changed));

        Assert.Equal("Greeting", (await Catalog.GetAsync(id))!.Definition.Name);
    }

    [SkippableFact]
    public async Task An_operator_can_neither_create_nor_delete_a_scenario()
    {
        var id = (await Catalog.CreateAsync(ScenarioDefinition.New("Greeting"), "manager")).Scenario!.Id;
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Editing.CreateAsync(User(Roles.Operator), "Other"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Editing.DeleteAsync(User(Roles.Operator), id));
        Assert.Single(await Catalog.ListAsync());
    }

    [SkippableTheory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Administrator)]
    public async Task Managers_and_administrators_save_under_their_own_name(string role)
    {
        var id = (await Editing.CreateAsync(User(role), "Greeting")).Scenario!.Id;
        var changed = (await Catalog.GetAsync(id))!.Definition;
        changed.Description = "Says hello";

        var result = await Editing.SaveAsync(User(role), id, changed);

        Assert.True(result.Saved);
        Assert.Equal($"{role}@example.ru", Assert.Single(await Catalog.ListAsync()).UpdatedBy);
    }

    [SkippableTheory]
    [InlineData("greet", "Greeting")]
    [InlineData("GREET", "Greeting")]
    [InlineData("order", "Orders")]
    [InlineData("50%", "Discounts")]
    public async Task The_list_finds_a_scenario_by_any_case_of_a_part_of_its_name_or_description(string search, string expected)
    {
        await Catalog.CreateAsync(ScenarioDefinition.New("Greeting"), "manager");
        var orders = ScenarioDefinition.New("Orders");
        orders.Description = "Where is my ORDER?";
        await Catalog.CreateAsync(orders, "manager");
        var discounts = ScenarioDefinition.New("Discounts");
        discounts.Description = "50% off for 5000 roubles";
        await Catalog.CreateAsync(discounts, "manager");

        Assert.Equal([expected], (await Catalog.ListAsync(search)).Select(s => s.Name));
    }

    public void Dispose() => _app.Dispose();
}

[Trait("Database", "Postgres")]
public class ScenarioEditingTestsOnPostgres() : ScenarioEditingTests(DatabaseKind.Postgres);
