using Bots1C.Domain.Data;
using Bots1C.Domain.Counterparties;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Counterparties;

/// <summary>The directory's search; <see cref="CounterpartyCatalogSearchTestsOnPostgres"/> runs it on PostgreSQL.</summary>
public class CounterpartyCatalogSearchTests : IDisposable
{
    private readonly Bots1CAppFactory _app;

    public CounterpartyCatalogSearchTests() : this(DatabaseKind.Sqlite) { }

    protected CounterpartyCatalogSearchTests(DatabaseKind database) => _app = Bots1CAppFactory.On(database);

    private CounterpartyCatalog Catalog => _app.Services.GetRequiredService<CounterpartyCatalog>();

    [SkippableTheory]
    [InlineData("ромашка")]
    [InlineData("РОМАШКА")]
    [InlineData("ооо ром")]
    [InlineData("7707083893")]
    [InlineData("8 912 345-67-89")]
    [InlineData("Info@Romashka.ru")]
    public async Task A_counterparty_is_found_by_any_case_of_its_cyrillic_name_by_inn_phone_or_email(string search)
    {
        await Catalog.CreateAsync(new CounterpartyInput(CounterpartyTypes.Counterparty, "ООО Ромашка", "7707083893", null, ["+79123456789"], ["info@romashka.ru"], null, null, null));
        await Catalog.CreateAsync(new CounterpartyInput(CounterpartyTypes.Counterparty, "ИП Петров", null, null, [], [], null, null, null));

        var (rows, total) = await Catalog.ListAsync(CounterpartyTypes.Counterparty, search, includeArchived: false, 0, 25);

        Assert.Equal(1, total);
        Assert.Equal("ООО Ромашка", Assert.Single(rows).Name);
    }

    public void Dispose() => _app?.Dispose();
}

[Trait("Database", "Postgres")]
public class CounterpartyCatalogSearchTestsOnPostgres() : CounterpartyCatalogSearchTests(DatabaseKind.Postgres);
