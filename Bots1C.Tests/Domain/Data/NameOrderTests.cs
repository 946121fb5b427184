using Bots1C.Domain.Counterparties;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Data;

/// <summary>Lists sorted by name the way a reader expects, the same on both engines; <see cref="NameOrderTestsOnPostgres"/>
/// runs them on PostgreSQL.</summary>
public class NameOrderTests : IDisposable
{
    private readonly Bots1CAppFactory _app;

    public NameOrderTests() : this(DatabaseKind.Sqlite) { }

    protected NameOrderTests(DatabaseKind database) => _app = Bots1CAppFactory.On(database);

    [SkippableFact]
    public async Task Counterparties_are_listed_alphabetically_whatever_the_case_with_yo_beside_ye()
    {
        var catalog = _app.Services.GetRequiredService<CounterpartyCatalog>();
        foreach (var name in new[] { "ёж", "Яков", "иванов", "Петров", "Енот", "apple", "Banana" })
            await catalog.CreateAsync(new CounterpartyInput(CounterpartyTypes.Counterparty, name, null, null, [], [], null, null, null));

        var (rows, _) = await catalog.ListAsync(CounterpartyTypes.Counterparty, null, includeArchived: false, 0, 25);

        Assert.Equal(["apple", "Banana", "ёж", "Енот", "иванов", "Петров", "Яков"], rows.Select(r => r.Name));
    }

    [SkippableFact]
    public async Task The_database_sorts_names_exactly_as_the_app_sorts_them_in_memory()
    {
        string[] names =
        [
            "ООО «Ромашка»", "ооо ромашка", "ООО Ромашка-2", "ООО Ромашка 10", "ИП Ёлкин", "ИП Елкин", "ИП Эльдаров", "\"Альфа\"",
            "Alpha", "alpha", "ALPHA", "Zeta", "zeta", "Émile", "Eva", "élan", "123", "9 жизней", "_служебный", "-", "Anna Smith",
            "Anna-Maria", "annabel", "Щука", "ъ", "Ю", "я", "Ё", "е", "Е", "ё",
        ];
        await using (var db = await _app.Db())
        {
            var now = DateTimeOffset.UtcNow;
            db.Counterparties.AddRange(names.Select(n => new Counterparty { Name = n, SearchName = n.ToLowerInvariant(), CreatedAt = now, UpdatedAt = now }));
            await db.SaveChangesAsync();
        }

        await using var read = await _app.Db();
        var sorted = await read.Counterparties.OrderBy(o => NameOrder.Key(o.Name)).Select(o => o.Name).ToListAsync();

        Assert.Equal(names.Order(NameOrder.Comparer), sorted);
    }

    public void Dispose() => _app.Dispose();
}

[Trait("Database", "Postgres")]
public class NameOrderTestsOnPostgres() : NameOrderTests(DatabaseKind.Postgres);
