using Bots1C.Domain.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Owners.Import;

/// <summary>What a column of an import file holds.</summary>
public enum OwnerField
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
public sealed record ImportReport(int Rows, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<OwnerInput> Preview)
{
    public bool CanImport => Rows > 0 && Problems.Count == 0;
}

public sealed record ImportResult(ImportReport Report, int Created, int Updated)
{
    public bool Imported => Report.CanImport;
}

/// <summary>
/// Imports owner records from CSV or XLSX: columns mapped to fields (guessed from Russian and English headers), every
/// row checked first (INN checksum, phone format, e-mails, the main manager, duplicates within the file), then all rows
/// or none: one bad row imports nothing. Existing records are updated by external id, else by INN (and KPP).
/// </summary>
public sealed class OwnerImport(IDbContextFactory<Bots1CDbContext> dbFactory, IValidator<OwnerInput> validator, TimeProvider clock)
{
    public const int PreviewRows = 10;

    private static readonly Dictionary<string, OwnerField> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = OwnerField.Name, ["наименование"] = OwnerField.Name, ["название"] = OwnerField.Name, ["контрагент"] = OwnerField.Name,
        ["inn"] = OwnerField.Inn, ["инн"] = OwnerField.Inn,
        ["kpp"] = OwnerField.Kpp, ["кпп"] = OwnerField.Kpp,
        ["phone"] = OwnerField.Phones, ["phones"] = OwnerField.Phones, ["телефон"] = OwnerField.Phones, ["телефоны"] = OwnerField.Phones,
        ["email"] = OwnerField.Emails, ["e-mail"] = OwnerField.Emails, ["emails"] = OwnerField.Emails, ["e-mails"] = OwnerField.Emails,
        ["эл. почта"] = OwnerField.Emails, ["почта"] = OwnerField.Emails, ["электронная почта"] = OwnerField.Emails,
        ["main manager"] = OwnerField.MainManagerEmail, ["manager"] = OwnerField.MainManagerEmail, ["main manager (e-mail)"] = OwnerField.MainManagerEmail,
        ["основной менеджер"] = OwnerField.MainManagerEmail, ["менеджер"] = OwnerField.MainManagerEmail,
        ["notes"] = OwnerField.Notes, ["комментарий"] = OwnerField.Notes, ["заметки"] = OwnerField.Notes,
        ["external id"] = OwnerField.ExternalId, ["ref_key"] = OwnerField.ExternalId, ["внешний код"] = OwnerField.ExternalId,
        ["идентификатор"] = OwnerField.ExternalId,
    };

    /// <summary>The export's headers, which the import recognises again.</summary>
    public static readonly IReadOnlyList<string> ExportHeaders = ["Name", "INN", "KPP", "Phones", "E-mails", "Main manager (e-mail)", "Notes", "External id"];

    public static IReadOnlyList<OwnerField> GuessMapping(IReadOnlyList<string> headers) =>
        headers.Select(h => Synonyms.GetValueOrDefault(h.Trim().TrimEnd(':'), OwnerField.Ignore)).ToList();

    public async Task<ImportReport> CheckAsync(SpreadsheetTable table, IReadOnlyList<OwnerField> mapping, string ownerType, CancellationToken ct = default)
    {
        var (inputs, problems) = await ReadRowsAsync(table, mapping, ownerType, ct);
        return new ImportReport(table.Rows.Count, problems, inputs.Take(PreviewRows).ToList());
    }

    /// <summary>Checks again and, only when every row is right, writes them all in one transaction.</summary>
    public async Task<ImportResult> ImportAsync(SpreadsheetTable table, IReadOnlyList<OwnerField> mapping, string ownerType, CancellationToken ct = default)
    {
        var (inputs, problems) = await ReadRowsAsync(table, mapping, ownerType, ct);
        var report = new ImportReport(table.Rows.Count, problems, inputs.Take(PreviewRows).ToList());
        if (!report.CanImport)
            return new ImportResult(report, 0, 0);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        int created = 0, updated = 0;
        foreach (var input in inputs)
        {
            var owner = await FindExistingAsync(db, input, ct);
            if (owner is null)
            {
                owner = new Owner { CreatedAt = now };
                db.Owners.Add(owner);
                created++;
            }
            else
                updated++;
            OwnerCatalog.Apply(owner, input, now);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ImportResult(report, created, updated);
    }

    /// <summary>Every owner of a type as rows under <see cref="ExportHeaders"/>.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> ExportRowsAsync(string ownerType, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owners = await db.Owners.AsNoTracking().Include(o => o.Phones).Include(o => o.Emails)
            .Where(o => o.OwnerType == ownerType && !o.IsArchived).OrderBy(o => o.Name).ToListAsync(ct);
        var managers = await db.Users.Select(u => new { u.Id, u.Email }).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", ct);
        return owners.Select(o => (IReadOnlyList<string>)
        [
            o.Name, o.Inn ?? "", o.Kpp ?? "", string.Join(", ", o.Phones.Select(p => p.Number)), string.Join(", ", o.Emails.Select(e => e.Address)),
            o.MainManagerUserId is { } m ? managers.GetValueOrDefault(m, "") : "", o.Notes ?? "", o.ExternalId ?? "",
        ]).ToList();
    }

    private async Task<(List<OwnerInput> Inputs, List<ImportProblem> Problems)> ReadRowsAsync(SpreadsheetTable table,
        IReadOnlyList<OwnerField> mapping, string ownerType, CancellationToken ct)
    {
        var problems = new List<ImportProblem>();
        var inputs = new List<OwnerInput>();
        if (!mapping.Contains(OwnerField.Name))
            problems.Add(new ImportProblem(1, nameof(OwnerField.Name), "NameColumnMissing", "Choose the column that holds the name."));
        foreach (var field in mapping.Where(f => f != OwnerField.Ignore).GroupBy(f => f).Where(g => g.Count() > 1))
            problems.Add(new ImportProblem(1, field.Key.ToString(), "ColumnTwice", $"Two columns are mapped to {field.Key}."));
        if (problems.Count > 0)
            return (inputs, problems);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var typeKnown = OwnerTypes.IsBuiltIn(ownerType) || await db.CustomOwnerTypes.AnyAsync(t => t.Key == ownerType, ct);
        if (!typeKnown)
            return (inputs, [new ImportProblem(1, "OwnerType", "TypeUnknown", $"There is no owner type '{ownerType}'.")]);
        var managers = (await db.Users.Select(u => new { u.Id, u.Email }).ToListAsync(ct))
            .Where(u => u.Email is not null).ToDictionary(u => u.Email!.Trim(), u => u.Id, StringComparer.OrdinalIgnoreCase);

        var seenInn = new Dictionary<string, int>();
        var seenExternal = new Dictionary<string, int>();
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var rowNumber = i + 2; // the header is row 1
            var cells = table.Rows[i];
            string Cell(OwnerField field) => mapping.ToList().IndexOf(field) is var at and >= 0 && at < cells.Length ? cells[at].Trim() : "";
            string? managerId = null;
            if (Cell(OwnerField.MainManagerEmail) is { Length: > 0 } managerEmail && !managers.TryGetValue(managerEmail, out managerId))
                problems.Add(new ImportProblem(rowNumber, nameof(OwnerField.MainManagerEmail), "ManagerUnknown", $"No user has the e-mail {managerEmail}."));
            var input = new OwnerInput(ownerType, Cell(OwnerField.Name), Cell(OwnerField.Inn), Cell(OwnerField.Kpp),
                Split(Cell(OwnerField.Phones)), Split(Cell(OwnerField.Emails)), managerId, Cell(OwnerField.Notes), Cell(OwnerField.ExternalId));
            var validation = await validator.ValidateAsync(input, ct);
            problems.AddRange(validation.Errors.Select(e => new ImportProblem(rowNumber, FieldOf(e.PropertyName), e.ErrorCode, e.ErrorMessage)));
            if (input.Inn is { Length: > 0 } inn)
            {
                var key = $"{inn}/{input.Kpp}";
                if (seenInn.TryGetValue(key, out var first))
                    problems.Add(new ImportProblem(rowNumber, nameof(OwnerField.Inn), "DuplicateInFile", $"The same INN (and KPP) as row {first}."));
                else
                    seenInn[key] = rowNumber;
            }
            if (input.ExternalId is { Length: > 0 } external)
            {
                if (seenExternal.TryGetValue(external, out var first))
                    problems.Add(new ImportProblem(rowNumber, nameof(OwnerField.ExternalId), "DuplicateInFile", $"The same external id as row {first}."));
                else
                    seenExternal[external] = rowNumber;
            }
            inputs.Add(input);
        }
        return (inputs, problems);
    }

    private static Task<Owner?> FindExistingAsync(Bots1CDbContext db, OwnerInput input, CancellationToken ct) =>
        OwnerCatalog.MatchOf(db, input).Include(o => o.Phones).Include(o => o.Emails).FirstOrDefaultAsync(ct);

    private static string[] Split(string cell) =>
        cell.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string FieldOf(string property) => property.Split('[')[0] switch
    {
        nameof(OwnerInput.Phones) => nameof(OwnerField.Phones),
        nameof(OwnerInput.Emails) => nameof(OwnerField.Emails),
        var other => other,
    };
}
