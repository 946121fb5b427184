using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Counterparties.Sync;

public sealed record SyncProgress(int Read, int Created, int Updated, int Archived);

/// <summary><see cref="ErrorCode"/> names the failure for the screens (Unauthorized, CatalogMissing, HttpError, NotOData,
/// TooLarge, Unreachable, Timeout); <see cref="Error"/> says it in English with the details, for the event log.</summary>
public sealed record SyncOutcome(bool Ok, SyncProgress Counts, string? Error, string? ErrorCode = null);

/// <summary>
/// Brings one 1C catalog into the directory: reads it page by page (<c>$top</c>/<c>$skip</c>), creates or updates counterparties
/// by the 1C <c>Ref_Key</c> (kept as the counterparty's external id), and archives — never deletes — records that 1C marked for
/// deletion or no longer has, so their contacts keep their links and history. Writes a summary to the event log.
/// </summary>
public sealed class ODataSync(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    IHttpClientFactory httpClients,
    Bots.TokenProtector protector,
    EventJournal journal,
    TimeProvider clock)
{
    public const string HttpClientName = "1c-odata";
    public const int PageSize = 500;
    /// <summary>A bound on pages (500 × 400 = 200,000 records), so a server that ignores $skip cannot loop forever.</summary>
    public const int MaxPages = 400;

    public async Task<SyncOutcome> RunAsync(long sourceId, IProgress<SyncProgress>? progress = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.ODataSources.FirstOrDefaultAsync(s => s.Id == sourceId, ct)
            ?? throw new InvalidOperationException($"There is no sync source {sourceId}.");
        SyncOutcome outcome;
        try
        {
            var records = await ReadAllAsync(source, ct);
            outcome = await ApplyAsync(db, source, records, progress, ct);
        }
        catch (SyncException e)
        {
            outcome = new SyncOutcome(false, new SyncProgress(0, 0, 0, 0), e.Message, e.Code);
        }
        catch (HttpRequestException e)
        {
            outcome = new SyncOutcome(false, new SyncProgress(0, 0, 0, 0), $"1C at {source.BaseUrl} cannot be reached: {e.Message}", "Unreachable");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            outcome = new SyncOutcome(false, new SyncProgress(0, 0, 0, 0), $"1C at {source.BaseUrl} did not answer in time.", "Timeout");
        }

        source.LastSyncAt = clock.GetUtcNow();
        source.LastSyncOk = outcome.Ok;
        source.LastSyncErrorCode = outcome.ErrorCode;
        source.LastSyncResult = outcome.Ok
            ? $"{outcome.Counts.Read} read: {outcome.Counts.Created} created, {outcome.Counts.Updated} updated, {outcome.Counts.Archived} archived"
            : outcome.Error;
        await db.SaveChangesAsync(CancellationToken.None);
        await journal.WriteAsync(outcome.Ok ? EventLevel.Information : EventLevel.Error, EventSources.Directory,
            outcome.Ok ? SyncEvents.ODataSyncCompleted(source.Name, outcome.Counts) : SyncEvents.ODataSyncFailed(source.Name, outcome.ErrorCode, outcome.Error),
            source.Name, ct: CancellationToken.None);
        return outcome;
    }

    internal sealed record Record(string RefKey, string Name, string? Inn, string? Kpp, bool Deleted, List<string> Phones, List<string> Emails,
        string? Manager);

    private sealed class SyncException(string code, string message) : Exception(message)
    {
        public string Code { get; } = code;
    }

    private async Task<List<Record>> ReadAllAsync(ODataSource source, CancellationToken ct)
    {
        var client = httpClients.CreateClient(HttpClientName);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{source.UserName}:{protector.Unprotect(source.ProtectedPassword)}"));
        var records = new List<Record>();
        for (var page = 0; page < MaxPages; page++)
        {
            var url = $"{source.BaseUrl.TrimEnd('/')}/odata/standard.odata/{Uri.EscapeDataString(source.Catalog)}?$format=json&$top={PageSize}&$skip={page * PageSize}"
                + (string.IsNullOrWhiteSpace(source.ManagerField) ? "" : $"&$expand={Uri.EscapeDataString(source.ManagerField)}");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, ct);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw new SyncException("Unauthorized", $"1C refused the user name or password ({(int)response.StatusCode}). Check them in the sync source.");
            if (response.StatusCode == HttpStatusCode.NotFound)
                throw new SyncException("CatalogMissing", $"1C has no OData catalog '{source.Catalog}' at {source.BaseUrl} (404): check the publication and that the catalog is in the OData content.");
            if (response.StatusCode == HttpStatusCode.BadRequest)
                throw new SyncException("BadRequest", $"1C refused the request (400): check the field names, e.g. the main manager field '{source.ManagerField}' (it is requested with $expand).");
            if (!response.IsSuccessStatusCode)
                throw new SyncException("HttpError", $"1C answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            }
            catch (JsonException)
            {
                throw new SyncException("NotOData", "1C's answer is not OData JSON.");
            }
            using (document)
            {
                if (!document.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
                    throw new SyncException("NotOData", "1C's answer has no 'value' list.");
                foreach (var item in value.EnumerateArray())
                    if (RecordOf(item, source) is { } record)
                        records.Add(record);
                if (value.GetArrayLength() < PageSize)
                    return records;
            }
        }
        throw new SyncException("TooLarge", $"The catalog has more than {MaxPages * PageSize:N0} records, or 1C ignores $skip.");
    }

    internal static Record? RecordOf(JsonElement item, ODataSource source)
    {
        if (Text(item, "Ref_Key") is not { } refKey)
            return null;
        if (item.TryGetProperty("IsFolder", out var folder) && folder.ValueKind == JsonValueKind.True)
            return null; // catalog groups are not counterparties
        var phones = new List<string>();
        var emails = new List<string>();
        if (item.TryGetProperty(source.ContactInfoTable, out var table) && table.ValueKind == JsonValueKind.Array)
            foreach (var row in table.EnumerateArray())
            {
                var type = Text(row, source.ContactInfoTypeField) ?? "";
                var shown = Text(row, source.ContactInfoValueField);
                if (shown is null)
                    continue;
                if (type.Contains("Телефон", StringComparison.OrdinalIgnoreCase) || type.Contains("Phone", StringComparison.OrdinalIgnoreCase))
                    phones.Add(shown);
                else if (type.Contains("Почт", StringComparison.OrdinalIgnoreCase) || type.Contains("mail", StringComparison.OrdinalIgnoreCase))
                    emails.Add(shown);
            }
        var deleted = item.TryGetProperty("DeletionMark", out var mark) && mark.ValueKind == JsonValueKind.True;
        var manager = !string.IsNullOrWhiteSpace(source.ManagerField) && item.TryGetProperty(source.ManagerField, out var responsible)
            && responsible.ValueKind == JsonValueKind.Object ? Text(responsible, "Description") : null;
        return new Record(refKey, Text(item, source.NameField) ?? "", Text(item, source.InnField), Text(item, source.KppField), deleted, phones, emails,
            manager);
    }

    /// <summary>1C data is what it is: a wrong INN or phone is dropped, not a reason to skip the counterparty. The sync
    /// and the live lookup (<see cref="ODataLookup"/>) store a record the same way.</summary>
    internal static CounterpartyInput InputOf(Record record, ODataSource source, string? mainManagerUserId, string? notes) =>
        new(source.CounterpartyType, string.IsNullOrWhiteSpace(record.Name) ? record.RefKey : record.Name,
            Inn.IsValid(record.Inn) ? record.Inn : null, record.Kpp is { Length: 9 } kpp ? kpp : null,
            record.Phones.Where(p => Scenarios.PhoneNormalizer.ToE164(p) is not null).ToList(),
            record.Emails.Where(e => System.Net.Mail.MailAddress.TryCreate(e, out _)).ToList(),
            mainManagerUserId, notes, record.RefKey);

    private static string? Text(JsonElement item, string field) =>
        item.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text.Trim()
            : null;

    private async Task<SyncOutcome> ApplyAsync(Bots1CDbContext db, ODataSource source, List<Record> records, IProgress<SyncProgress>? progress,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // 1C users are not app users: the responsible user's name in 1C is matched to a display name or an e-mail here.
        var users = await db.Users.Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        string? ManagerOf(string? name) => name is null ? null
            : users.FirstOrDefault(u => string.Equals(u.DisplayName.Trim(), name, StringComparison.CurrentCultureIgnoreCase)
                || string.Equals(u.Email, name, StringComparison.OrdinalIgnoreCase))?.Id;
        var existing = await db.Counterparties.Include(o => o.Phones).Include(o => o.Emails)
            .Where(o => o.CounterpartyType == source.CounterpartyType && o.ExternalId != null).ToDictionaryAsync(o => o.ExternalId!, ct);
        int created = 0, updated = 0, archived = 0, read = 0;
        var seen = new HashSet<string>();
        foreach (var record in records)
        {
            read++;
            seen.Add(record.RefKey);
            existing.TryGetValue(record.RefKey, out var counterparty);
            if (record.Deleted)
            {
                if (counterparty is { IsArchived: false })
                {
                    counterparty.IsArchived = true;
                    counterparty.UpdatedAt = now;
                    archived++;
                }
                continue;
            }
            var input = InputOf(record, source, ManagerOf(record.Manager) ?? counterparty?.MainManagerUserId, counterparty?.Notes);
            if (counterparty is null)
            {
                counterparty = new Counterparty { CreatedAt = now };
                db.Counterparties.Add(counterparty);
                existing[record.RefKey] = counterparty;
                created++;
            }
            else
                updated++;
            CounterpartyCatalog.Apply(counterparty, input, now);
            counterparty.IsArchived = false;
            if (read % 100 == 0)
                progress?.Report(new SyncProgress(read, created, updated, archived));
        }
        foreach (var gone in existing.Values.Where(o => !seen.Contains(o.ExternalId!) && !o.IsArchived))
        {
            gone.IsArchived = true;
            gone.UpdatedAt = now;
            archived++;
        }
        await db.SaveChangesAsync(ct);
        var counts = new SyncProgress(read, created, updated, archived);
        progress?.Report(counts);
        return new SyncOutcome(true, counts, null);
    }
}
