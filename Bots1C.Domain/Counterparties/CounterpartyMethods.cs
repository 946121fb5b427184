using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Methods;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Counterparties;

/// <summary>What the directory's methods return about a counterparty (<c>found</c> is "true" or "false").</summary>
internal static class CounterpartyResults
{
    public static readonly IReadOnlyList<string> Names = ["found", "id", "name", "inn", "manager"];

    public static async Task<MethodOutcome> OfAsync(Data.Bots1CDbContext db, IQueryable<Counterparty> matches, CancellationToken ct)
    {
        var found = await matches.Where(o => !o.IsArchived).OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Name, o.Inn, Manager = db.Users.Where(u => u.Id == o.MainManagerUserId).Select(u => u.DisplayName).FirstOrDefault() })
            .Take(2).ToListAsync(ct);
        // Two counterparties with one phone is not an answer: the scenario sees "not found" rather than a guess.
        if (found.Count != 1)
            return MethodOutcome.Success(new Dictionary<string, string> { ["found"] = "false" });
        var counterparty = found[0];
        return MethodOutcome.Success(new Dictionary<string, string>
        {
            ["found"] = "true", ["id"] = counterparty.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["name"] = counterparty.Name,
            ["inn"] = counterparty.Inn ?? "", ["manager"] = counterparty.Manager ?? "",
        });
    }

    /// <summary>The conversation's contact's counterparty, unless an <c>counterpartyId</c> argument names another.</summary>
    public static long? CounterpartyOf(ScenarioMethodContext context, IReadOnlyDictionary<string, string> arguments) =>
        long.TryParse(arguments.GetValueOrDefault("ownerId"), out var id) ? id : context.Conversation.Contact.CounterpartyId;
}

/// <summary><c>FindCounterpartyByPhone(phone)</c>: the counterparty with this phone (any spelling).</summary>
public sealed class FindCounterpartyByPhone : IScenarioMethod
{
    public string Name => "FindCounterpartyByPhone";
    public IReadOnlyList<MethodParameter> Parameters { get; } = [new("phone", true, "a phone number, e.g. {{contact.phone}}")];
    public IReadOnlyList<string> Results => CounterpartyResults.Names;

    public Task<MethodOutcome> InvokeAsync(ScenarioMethodContext context, IReadOnlyDictionary<string, string> arguments, CancellationToken ct)
    {
        if (PhoneNormalizer.ToE164(arguments.GetValueOrDefault("phone")) is not { } phone)
            return Task.FromResult(MethodOutcome.Failure($"'{arguments.GetValueOrDefault("phone")}' is not a phone number."));
        return CounterpartyResults.OfAsync(context.Db, context.Db.Counterparties.Where(o => o.Phones.Any(p => p.Number == phone)), ct);
    }
}

/// <summary><c>FindCounterpartyByEmail(email)</c>: the counterparty with this e-mail (case and spaces ignored).</summary>
public sealed class FindCounterpartyByEmail : IScenarioMethod
{
    public string Name => "FindCounterpartyByEmail";
    public IReadOnlyList<MethodParameter> Parameters { get; } = [new("email", true, "an e-mail address, e.g. {{contact.email}}")];
    public IReadOnlyList<string> Results => CounterpartyResults.Names;

    public Task<MethodOutcome> InvokeAsync(ScenarioMethodContext context, IReadOnlyDictionary<string, string> arguments, CancellationToken ct)
    {
        var email = arguments.GetValueOrDefault("email")?.Trim();
        if (string.IsNullOrEmpty(email) || !EmailAddresses.IsValid(email))
            return Task.FromResult(MethodOutcome.Failure($"'{email}' is not an e-mail address."));
        var normalised = CounterpartyCatalog.NormaliseEmail(email);
        return CounterpartyResults.OfAsync(context.Db, context.Db.Counterparties.Where(o => o.Emails.Any(e => e.Address == normalised)), ct);
    }
}

/// <summary><c>CounterpartyPhones(counterpartyId?)</c>: the phones of the contact's counterparty, comma-separated.</summary>
public sealed class CounterpartyPhones : IScenarioMethod
{
    public string Name => "CounterpartyPhones";
    public IReadOnlyList<MethodParameter> Parameters { get; } = [new("ownerId", false, "another counterparty's id; by default the contact's own")];
    public IReadOnlyList<string> Results { get; } = ["found", "phones"];

    public async Task<MethodOutcome> InvokeAsync(ScenarioMethodContext context, IReadOnlyDictionary<string, string> arguments, CancellationToken ct)
    {
        if (CounterpartyResults.CounterpartyOf(context, arguments) is not { } counterpartyId || !await context.Db.Counterparties.AnyAsync(o => o.Id == counterpartyId, ct))
            return MethodOutcome.Success(new Dictionary<string, string> { ["found"] = "false", ["phones"] = "" });
        var phones = await context.Db.Set<CounterpartyPhone>().Where(p => p.CounterpartyId == counterpartyId).OrderBy(p => p.Id).Select(p => p.Number).ToListAsync(ct);
        return MethodOutcome.Success(new Dictionary<string, string> { ["found"] = "true", ["phones"] = string.Join(", ", phones) });
    }
}

/// <summary><c>CounterpartyMainManager(counterpartyId?)</c>: who looks after the contact's counterparty.</summary>
public sealed class CounterpartyMainManager : IScenarioMethod
{
    public string Name => "CounterpartyMainManager";
    public IReadOnlyList<MethodParameter> Parameters { get; } = [new("ownerId", false, "another counterparty's id; by default the contact's own")];
    public IReadOnlyList<string> Results { get; } = ["found", "name", "email"];

    public async Task<MethodOutcome> InvokeAsync(ScenarioMethodContext context, IReadOnlyDictionary<string, string> arguments, CancellationToken ct)
    {
        var counterpartyId = CounterpartyResults.CounterpartyOf(context, arguments);
        var manager = counterpartyId is null ? null : await (
                from o in context.Db.Counterparties
                join u in context.Db.Users on o.MainManagerUserId equals u.Id
                where o.Id == counterpartyId
                select new { u.DisplayName, u.Email })
            .FirstOrDefaultAsync(ct);
        return MethodOutcome.Success(manager is null
            ? new Dictionary<string, string> { ["found"] = "false", ["name"] = "", ["email"] = "" }
            : new Dictionary<string, string> { ["found"] = "true", ["name"] = manager.DisplayName, ["email"] = manager.Email ?? "" });
    }
}
