using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Counterparties.Sync;

/// <summary>Where the live lookup may connect: the 1C publications are usually on the office network, which the outbound
/// rule refuses unless listed here (docs/security.md).</summary>
public sealed class ODataLookupOptions
{
    public const string Section = "Bots1C:Directory";
    public const string AllowedHostsKey = "Bots1C:Directory:ODataAllowedHosts";
    public List<string> ODataAllowedHosts { get; set; } = [];
}

/// <summary>
/// The sync copies 1C's catalog every hour or so; a counterparty created in 1C a minute ago is not in that copy yet. When a
/// contact's phone or e-mail matches nothing here, this asks the enabled 1C sources directly (OData <c>$filter</c> on the
/// contact information table), stores a record it finds exactly as the sync would (by <c>Ref_Key</c>), and so lets the
/// contact be linked in the same turn. It is on the message path, so it is short (<see cref="Budget"/> for all sources
/// together), remembers answers for <see cref="Remembered"/> (a customer writing five messages asks 1C once), and never
/// throws: a failure is "not found" and a throttled warning in the event log.
/// </summary>
public sealed class ODataLookup(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    IHttpClientFactory httpClients,
    Bots.TokenProtector protector,
    ThrottledJournal journal,
    TimeProvider clock)
{
    public const string HttpClientName = "1c-odata-lookup";
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(2);
    private const int MaxRemembered = 10_000;
    /// <summary>A phone written in many ways may match a few rows; each is checked here, so a handful is enough.</summary>
    private const int MaxRows = 10;

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, bool Found)> _recent = new();

    /// <summary>True when a 1C source has a counterparty with this phone (E.164) or e-mail and it is now stored here.</summary>
    public async Task<bool> FindAsync(string? phone, string? email, CancellationToken ct)
    {
        if (phone is null && email is null)
            return false;
        var key = $"{phone}|{email}";
        var now = clock.GetUtcNow();
        if (_recent.TryGetValue(key, out var recent) && now - recent.At < Remembered)
            return recent.Found;
        var found = await AskSourcesAsync(phone, email, ct);
        if (_recent.Count >= MaxRemembered)
            _recent.Clear();
        _recent[key] = (clock.GetUtcNow(), found);
        return found;
    }

    private async Task<bool> AskSourcesAsync(string? phone, string? email, CancellationToken ct)
    {
        List<ODataSource> sources;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            sources = await db.ODataSources.AsNoTracking().Where(s => s.IsEnabled).OrderBy(s => s.Id).ToListAsync(ct);
        if (sources.Count == 0)
            return false;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(Budget);
        foreach (var source in sources)
        {
            try
            {
                if (await ReadAsync(source, phone, email, budget.Token) is { } record)
                {
                    await StoreAsync(source, record, CancellationToken.None);
                    return true;
                }
            }
            // Whatever goes wrong (1C, the network, storing the record), the customer's message is answered all the same.
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                var why = e switch
                {
                    OperationCanceledException => $"1C did not answer within {Budget.TotalSeconds:0} seconds.",
                    JsonException => "1C's answer is not OData JSON.",
                    // The network's failures in the words the pages translate (and the outbound rule's own words), never
                    // an exception's text.
                    _ => Channels.NetworkFailure.Describe(e),
                };
                await journal.WriteAsync(EventSources.Directory, $"source {source.Id}", SyncEvents.ODataLookupFailed(source.Name, why),
                    source.Name, ct: CancellationToken.None);
                if (budget.IsCancellationRequested)
                    return false; // the time is spent: the other sources wait for the next miss
            }
        }
        return false;
    }

    private sealed class LookupRefusedException(string message) : Exception(message);

    private async Task<ODataSync.Record?> ReadAsync(ODataSource source, string? phone, string? email, CancellationToken ct)
    {
        var url = $"{source.BaseUrl.TrimEnd('/')}/odata/standard.odata/{Uri.EscapeDataString(source.Catalog)}?$format=json&$top={MaxRows}"
            + $"&$filter={Uri.EscapeDataString(FilterOf(source, phone, email))}"
            + (string.IsNullOrWhiteSpace(source.ManagerField) ? "" : $"&$expand={Uri.EscapeDataString(source.ManagerField)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{source.UserName}:{protector.Unprotect(source.ProtectedPassword)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new LookupRefusedException($"1C answered {(int)response.StatusCode} {response.ReasonPhrase}"
                + (response.StatusCode == System.Net.HttpStatusCode.BadRequest
                    ? " (filtering by a table part needs platform 8.3.8 or later; check the contact information field names)." : "."));
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        if (!document.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
            throw new LookupRefusedException("1C's answer has no 'value' list.");
        // 1C's filter is only a first cut (a phone's spelling, an e-mail's case): the match itself is made here, as the linker
        // would make it, and a record marked for deletion is not a counterparty.
        return value.EnumerateArray().Select(item => ODataSync.RecordOf(item, source)).OfType<ODataSync.Record>()
            .FirstOrDefault(r => !r.Deleted && (phone is not null && CounterpartyCatalog.NormalisedPhones(r.Phones).Contains(phone)
                || email is not null && CounterpartyCatalog.NormalisedEmails(r.Emails).Contains(email)));
    }

    /// <summary>
    /// OData's lambda over the contact information table (1C 8.3.8+): the e-mail as given, the phone in the spellings 1C's
    /// forms produce (<c>+7 (912) 345-67-89</c>, <c>8 912 345 67 89</c>, …), since 1C keeps what was typed.
    /// </summary>
    public static string FilterOf(ODataSource source, string? phone, string? email)
    {
        var values = new List<string>();
        if (phone is not null)
            values.AddRange(PhoneSpellings(phone));
        if (email is not null)
            values.Add(email);
        var tests = values.Distinct().Select(v => $"c/{source.ContactInfoValueField} eq '{v.Replace("'", "''")}'");
        return $"{source.ContactInfoTable}/any(c: {string.Join(" or ", tests)})";
    }

    public static IEnumerable<string> PhoneSpellings(string e164)
    {
        yield return e164;
        yield return e164.TrimStart('+');
        if (!e164.StartsWith("+7", StringComparison.Ordinal) || e164.Length != 12)
            yield break;
        var (code, a, b, c) = (e164[2..5], e164[5..8], e164[8..10], e164[10..12]);
        foreach (var prefix in new[] { "+7", "8" })
        {
            yield return $"{prefix} ({code}) {a}-{b}-{c}";
            yield return $"{prefix} {code} {a}-{b}-{c}";
            yield return $"{prefix} {code} {a} {b} {c}";
            yield return $"{prefix}{code}{a}{b}{c}";
        }
    }

    /// <summary>As the sync stores it: by the 1C <c>Ref_Key</c> within the source's type, the main manager matched by name.</summary>
    private async Task StoreAsync(ODataSource source, ODataSync.Record record, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counterparty = await db.Counterparties.Include(o => o.Phones).Include(o => o.Emails)
            .FirstOrDefaultAsync(o => o.CounterpartyType == source.CounterpartyType && o.ExternalId == record.RefKey, ct);
        string? managerId = null;
        if (record.Manager is { } manager)
        {
            var users = await db.Users.Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
            managerId = users.FirstOrDefault(u => string.Equals(u.DisplayName.Trim(), manager, StringComparison.CurrentCultureIgnoreCase)
                || string.Equals(u.Email, manager, StringComparison.OrdinalIgnoreCase))?.Id;
        }
        var now = clock.GetUtcNow();
        if (counterparty is null)
        {
            counterparty = new Counterparty { CreatedAt = now };
            db.Counterparties.Add(counterparty);
        }
        CounterpartyCatalog.Apply(counterparty, ODataSync.InputOf(record, source, managerId ?? counterparty.MainManagerUserId, counterparty.Notes), now);
        counterparty.IsArchived = false;
        var found = new EventLogEntry { At = now, Level = EventLevel.Information, Source = EventSources.Directory, Subject = source.Name };
        EventJournal.Describe(found, SyncEvents.ODataLookupFound(source.Name, counterparty.Name, record.RefKey));
        db.Events.Add(found);
        await db.SaveChangesAsync(ct);
    }
}
