using Bots1C.Domain.Conversations;
using Bots1C.Domain.Owners;
using Bots1C.Tests.Infrastructure;
using Bots1C.Tests.Web.Operators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.OwnerDirectory;

/// <summary>The operator test app (one Telegram bot on a fake Bot API) with the directory's services at hand.</summary>
public abstract class DirectoryTestBase(Func<Bots1CAppFactory, Bots1CAppFactory>? configure = null) : OperatorTestBase(configure)
{
    protected OwnerCatalog Catalog => _app.Services.GetRequiredService<OwnerCatalog>();
    protected ContactLinker Linker => _app.Services.GetRequiredService<ContactLinker>();

    protected async Task<Owner> OwnerAsync(string name, string[]? phones = null, string[]? emails = null, string? managerUserId = null,
        string type = Owner.Counterparty, string? inn = null)
    {
        var change = await Catalog.CreateAsync(new OwnerInput(type, name, inn, null, phones, emails, managerUserId, null, null));
        Assert.Empty(change.Errors.Select(e => e.ErrorMessage));
        return change.Owner!;
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
