using Bots1C.Domain.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Counterparties.Import;

/// <summary>What a column of an import file holds.</summary>
public enum CounterpartyField
{
    Ignore,
    Name,
    Inn,
    Kpp,
    Phones,
    Emails,
    MainManagerEmail,
    Notes,
    ExternalId,
}

public sealed record ImportProblem(int Row, string Field, string Code, string Message);

/// <summary>The check of a whole file: every row's problems (row numbers as in the file, the header being row 1).</summary>
public sealed record ImportReport(int Rows, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<CounterpartyInput> Preview)
{
    public bool CanImport => Rows > 0 && Problems.Count == 0;
}

public sealed record ImportResult(ImportReport Report, int Created, int Updated)
{
    public bool Imported => Report.CanImport;
}

/// <summary>
/// Imports counterparty records from CSV or XLSX: columns mapped to fields (guessed from Russian and English headers), every
/// row checked first (INN checksum, phone format, e-mails, the main manager, duplicates within the file), then all rows
/// or none: one bad row imports nothing. Existing records are updated by external id, else by INN (and KPP).
/// </summary>
public sealed class CounterpartyImport(IDbContextFactory<Bots1CDbContext> dbFactory, IValidator<CounterpartyInput> validator, TimeProvider clock)
{
    public const int PreviewRows = 10;

    private static readonly Dictionary<string, CounterpartyField> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = CounterpartyField.Name, ["наименование"] = CounterpartyField.Name, ["название"] = CounterpartyField.Name, ["контрагент"] = CounterpartyField.Name,
        ["inn"] = CounterpartyField.Inn, ["инн"] = CounterpartyField.Inn,
        ["kpp"] = CounterpartyField.Kpp, ["кпп"] = CounterpartyField.Kpp,
        ["phone"] = CounterpartyField.Phones, ["phones"] = CounterpartyField.Phones, ["телефон"] = CounterpartyField.Phones, ["телефоны"] = CounterpartyField.Phones,
        ["email"] = CounterpartyField.Emails, ["e-mail"] = CounterpartyField.Emails, ["emails"] = CounterpartyField.Emails, ["e-mails"] = CounterpartyField.Emails,
        ["эл. почта"] = CounterpartyField.Emails, ["почта"] = CounterpartyField.Emails, ["электронная почта"] = CounterpartyField.Emails,
        ["main manager"] = CounterpartyField.MainManagerEmail, ["manager"] = CounterpartyField.MainManagerEmail, ["main manager (e-mail)"] = CounterpartyField.MainManagerEmail,
        ["основной менеджер"] = CounterpartyField.MainManagerEmail, ["менеджер"] = CounterpartyField.MainManagerEmail,
        ["notes"] = CounterpartyField.Notes, ["комментарий"] = CounterpartyField.Notes, ["заметки"] = CounterpartyField.Notes,
        ["external id"] = CounterpartyField.ExternalId, ["ref_key"] = CounterpartyField.ExternalId, ["внешний код"] = CounterpartyField.ExternalId,
        ["идентификатор"] = CounterpartyField.ExternalId,
    };

    /// <summary>The export's headers, which the import recognises again.</summary>
    public static readonly IReadOnlyList<string> ExportHeaders = ["Name", "INN", "KPP", "Phones", "E-mails", "Main manager (e-mail)", "Notes", "External id"];

    public static IReadOnlyList<CounterpartyField> GuessMapping(IReadOnlyList<string> headers) =>
        headers.Select(h => Synonyms.GetValueOrDefault(h.Trim().TrimEnd(':'), CounterpartyField.Ignore)).ToList();

    public async Task<ImportReport> CheckAsync(SpreadsheetTable table, IReadOnlyList<CounterpartyField> mapping, string counterpartyType, CancellationToken ct = default)
    {
        var (inputs, problems) = await ReadRowsAsync(table, mapping, counterpartyType, ct);
        return new ImportReport(table.Rows.Count, problems, inputs.Take(PreviewRows).ToList());
    }

    /// <summary>Checks again and, only when every row is right, writes them all in one transaction.</summary>
    public async Task<ImportResult> ImportAsync(SpreadsheetTable table, IReadOnlyList<CounterpartyField> mapping, string counterpartyType, CancellationToken ct = default)
    {
        var (inputs, problems) = await ReadRowsAsync(table, mapping, counterpartyType, ct);
        var report = new ImportReport(table.Rows.Count, problems, inputs.Take(PreviewRows).ToList());
        if (!report.CanImport)
            return new ImportResult(report, 0, 0);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        int created = 0, updated = 0;
        foreach (var input in inputs)
        {
            var counterparty = await FindExistingAsync(db, input, ct);
            if (counterparty is null)
            {
                counterparty = new Counterparty { CreatedAt = now };
                db.Counterparties.Add(counterparty);
                created++;
            }
            else
                updated++;
            CounterpartyCatalog.Apply(counterparty, input, now);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ImportResult(report, created, updated);
    }

    /// <summary>Every counterparty of a type as rows under <see cref="ExportHeaders"/>.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> ExportRowsAsync(string counterpartyType, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counterparties = await db.Counterparties.AsNoTracking().Include(o => o.Phones).Include(o => o.Emails)
            .Where(o => o.CounterpartyType == counterpartyType && !o.IsArchived).OrderBy(o => NameOrder.Key(o.Name)).ThenBy(o => o.Id).ToListAsync(ct);
        var managers = await db.Users.Select(u => new { u.Id, u.Email }).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", ct);
        return counterparties.Select(o => (IReadOnlyList<string>)
        [
            o.Name, o.Inn ?? "", o.Kpp ?? "", string.Join(", ", o.Phones.Select(p => p.Number)), string.Join(", ", o.Emails.Select(e => e.Address)),
            o.MainManagerUserId is { } m ? managers.GetValueOrDefault(m, "") : "", o.Notes ?? "", o.ExternalId ?? "",
        ]).ToList();
    }

    private async Task<(List<CounterpartyInput> Inputs, List<ImportProblem> Problems)> ReadRowsAsync(SpreadsheetTable table,
        IReadOnlyList<CounterpartyField> mapping, string counterpartyType, CancellationToken ct)
    {
        var problems = new List<ImportProblem>();
        var inputs = new List<CounterpartyInput>();
        if (!mapping.Contains(CounterpartyField.Name))
            problems.Add(new ImportProblem(1, nameof(CounterpartyField.Name), "NameColumnMissing", "Choose the column that holds the name."));
        foreach (var field in mapping.Where(f => f != CounterpartyField.Ignore).GroupBy(f => f).Where(g => g.Count() > 1))
            problems.Add(new ImportProblem(1, field.Key.ToString(), "ColumnTwice", $"Two columns are mapped to {field.Key}."));
        if (problems.Count > 0)
            return (inputs, problems);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var typeKnown = CounterpartyTypes.IsBuiltIn(counterpartyType) || await db.CustomCounterpartyTypes.AnyAsync(t => t.Key == counterpartyType, ct);
        if (!typeKnown)
            return (inputs, [new ImportProblem(1, "CounterpartyType", "TypeUnknown", $"There is no counterparty type '{counterpartyType}'.")]);
        var managers = (await db.Users.Select(u => new { u.Id, u.Email }).ToListAsync(ct))
            .Where(u => u.Email is not null).ToDictionary(u => u.Email!.Trim(), u => u.Id, StringComparer.OrdinalIgnoreCase);

        var seenInn = new Dictionary<string, int>();
        var seenExternal = new Dictionary<string, int>();
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var rowNumber = i + 2; // the header is row 1
            var cells = table.Rows[i];
            string Cell(CounterpartyField field) => mapping.ToList().IndexOf(field) is var at and >= 0 && at < cells.Length ? cells[at].Trim() : "";
            string? managerId = null;
            if (Cell(CounterpartyField.MainManagerEmail) is { Length: > 0 } managerEmail && !managers.TryGetValue(managerEmail, out managerId))
                problems.Add(new ImportProblem(rowNumber, nameof(CounterpartyField.MainManagerEmail), "ManagerUnknown", $"No user has the e-mail {managerEmail}."));
            var input = new CounterpartyInput(counterpartyType, Cell(CounterpartyField.Name), Cell(CounterpartyField.Inn), Cell(CounterpartyField.Kpp),
                Split(Cell(CounterpartyField.Phones)), Split(Cell(CounterpartyField.Emails)), managerId, Cell(CounterpartyField.Notes), Cell(CounterpartyField.ExternalId));
            var validation = await validator.ValidateAsync(input, ct);
            problems.AddRange(validation.Errors.Select(e => new ImportProblem(rowNumber, FieldOf(e.PropertyName), e.ErrorCode, e.ErrorMessage)));
            if (input.Inn is { Length: > 0 } inn)
            {
                var key = $"{inn}/{input.Kpp}";
                if (seenInn.TryGetValue(key, out var first))
                    problems.Add(new ImportProblem(rowNumber, nameof(CounterpartyField.Inn), "DuplicateInFile", $"The same INN (and KPP) as row {first}."));
                else
                    seenInn[key] = rowNumber;
            }
            if (input.ExternalId is { Length: > 0 } external)
            {
                if (seenExternal.TryGetValue(external, out var first))
                    problems.Add(new ImportProblem(rowNumber, nameof(CounterpartyField.ExternalId), "DuplicateInFile", $"The same external id as row {first}."));
                else
                    seenExternal[external] = rowNumber;
            }
            inputs.Add(input);
        }
        return (inputs, problems);
    }

    private static Task<Counterparty?> FindExistingAsync(Bots1CDbContext db, CounterpartyInput input, CancellationToken ct) =>
        CounterpartyCatalog.MatchOf(db, input).Include(o => o.Phones).Include(o => o.Emails).FirstOrDefaultAsync(ct);

    private static string[] Split(string cell) =>
        cell.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string FieldOf(string property) => property.Split('[')[0] switch
    {
        nameof(CounterpartyInput.Phones) => nameof(CounterpartyField.Phones),
        nameof(CounterpartyInput.Emails) => nameof(CounterpartyField.Emails),
        var other => other,
    };
}
