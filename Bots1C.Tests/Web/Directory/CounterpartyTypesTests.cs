using Bots1C.Domain.Counterparties;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Directory.Types;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.DirectorySection;

public class CounterpartyTypesTests : MudTestContext
{
    private readonly Bots1CAppFactory _app = new();

    public CounterpartyTypesTests() => Services.AddSingleton(_app.Services.GetRequiredService<CounterpartyTypeCatalog>());

    private CounterpartyTypeCatalog Types => _app.Services.GetRequiredService<CounterpartyTypeCatalog>();

    [Fact]
    public async Task An_added_type_can_own_records_and_cannot_be_removed_while_it_does()
    {
        var (_, key) = await Types.AddAsync("Водители");
        var created = await _app.Services.GetRequiredService<CounterpartyCatalog>().CreateAsync(
            new CounterpartyInput(key!, "Иванов И. И.", null, null, ["+79123456789"], [], null, null, null));

        Assert.NotNull(created.Counterparty);
        Assert.Equal(CounterpartyTypeRefusal.InUse, await Types.RemoveAsync(key!));
        Assert.Contains(await Types.AllAsync(), t => t is { Name: "Водители", Counterparties: 1, BuiltIn: false });
    }

    [Fact]
    public async Task A_type_nobody_uses_is_removed_and_records_of_an_unknown_type_are_refused()
    {
        var (_, key) = await Types.AddAsync("Drivers");

        Assert.Equal(CounterpartyTypeRefusal.None, await Types.RemoveAsync(key!));
        var refused = await _app.Services.GetRequiredService<CounterpartyCatalog>().CreateAsync(
            new CounterpartyInput(key!, "Ivanov", null, null, [], [], null, null, null));
        Assert.Equal("TypeUnknown", Assert.Single(refused.Errors).ErrorCode);
    }

    [Fact]
    public async Task Names_are_unique_regardless_of_case_and_built_in_names_are_taken()
    {
        await Types.AddAsync("Drivers");

        Assert.Equal(CounterpartyTypeRefusal.NameTaken, (await Types.AddAsync("drivers")).Refusal);
        Assert.Equal(CounterpartyTypeRefusal.NameTaken, (await Types.AddAsync("Counterparty")).Refusal);
        Assert.Equal(CounterpartyTypeRefusal.NameRequired, (await Types.AddAsync("  ")).Refusal);
    }

    [Fact]
    public void The_page_lists_the_built_in_types_and_adds_one()
    {
        var page = Render<CounterpartyTypesPage>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=type-row]").Count), TimeSpan.FromSeconds(5));

        page.Find("[data-testid=type-name] input, input[data-testid=type-name]").Change("Водители");
        page.Find("[data-testid=type-add]").Click();

        page.WaitForAssertion(() => Assert.Contains("Водители", page.Find("[data-testid=types-table]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal(5, page.FindAll("[data-testid=type-row]").Count);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _app.Dispose();
    }
}
