using Bots1C.Domain.Counterparties;
using Bots1C.Domain.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.DirectorySection;

/// <summary>The contacts list's search over contacts made the real way (webhook); <see cref="ContactSearchTestsOnPostgres"/>
/// runs it on PostgreSQL.</summary>
public class ContactSearchTests : DirectoryTestBase
{
    public ContactSearchTests() { }

    protected ContactSearchTests(DatabaseKind database) : base(database: database) { }

    private async Task<string[]> FoundAsync(string search) =>
        (await _app.Services.GetRequiredService<ContactList>().ListAsync(new ContactFilter(Search: search), 0, 50)).Rows
            .Select(r => r.DisplayName).Order().ToArray();

    [SkippableTheory]
    [InlineData("Пётр")]
    [InlineData("пётр")]
    [InlineData("ИВАНОВ")]
    [InlineData("user5001")]
    [InlineData("USER5001")]
    public async Task A_contact_is_found_by_any_case_of_its_name_or_username(string search)
    {
        await SayAsync(5001, "hello", "Пётр", "Иванов");
        await SayAsync(5002, "hello", "Ольга");

        var found = await FoundAsync(search);

        Assert.Single(found);
        Assert.StartsWith("Пётр", found[0]);
    }
}

[Trait("Database", "Postgres")]
public class ContactSearchTestsOnPostgres() : ContactSearchTests(DatabaseKind.Postgres);
