using Bots1C.Domain.Data;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Counterparties;
using Bots1C.Tests.Infrastructure;
using Bots1C.Tests.Web.Operators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Not "...Web.Directory": a namespace of that name would hide System.IO.Directory from every test under Bots1C.Tests.Web.
namespace Bots1C.Tests.Web.DirectorySection;

/// <summary>The operator test app (one Telegram bot on a fake Bot API) with the directory's services at hand.</summary>
public abstract class DirectoryTestBase(Func<Bots1CAppFactory, Bots1CAppFactory>? configure = null, DatabaseKind database = DatabaseKind.Sqlite)
    : OperatorTestBase(configure, database)
{
    protected CounterpartyCatalog Catalog => _app.Services.GetRequiredService<CounterpartyCatalog>();
    protected ContactLinker Linker => _app.Services.GetRequiredService<ContactLinker>();

    protected async Task<Counterparty> CounterpartyAsync(string name, string[]? phones = null, string[]? emails = null, string? managerUserId = null,
        string type = CounterpartyTypes.Counterparty, string? inn = null)
    {
        var change = await Catalog.CreateAsync(new CounterpartyInput(type, name, inn, null, phones, emails, managerUserId, null, null));
        Assert.Empty(change.Errors.Select(e => e.ErrorMessage));
        return change.Counterparty!;
    }

    /// <summary>The customer in chat <paramref name="chatId"/> shares a contact card: their own when
    /// <paramref name="userId"/> is the chat's id, someone else's otherwise.</summary>
    protected Task ShareContactAsync(long chatId, string phone, long? userId = null) => PostMessageAsync(chatId, $$"""
        "from":{"id":{{chatId}},"is_bot":false,"first_name":"Ivan","username":"user{{chatId}}","language_code":"ru"},
        "contact":{"phone_number":"{{phone}}","first_name":"Ivan","user_id":{{userId ?? chatId}}}
        """);

    protected async Task<Contact> ContactAsync(long chatId)
    {
        await using var db = await _app.Db();
        return await db.Contacts.AsNoTracking().SingleAsync(c => c.ExternalUserId == chatId.ToString());
    }

    protected async Task<List<string>> DirectoryEventsAsync()
    {
        await using var db = await _app.Db();
        return await db.Events.AsNoTracking().Where(e => e.Source == Bots1C.Domain.EventLog.EventSources.Directory).OrderBy(e => e.Id)
            .Select(e => e.Code).ToListAsync();
    }
}
