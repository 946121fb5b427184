using Bots1C.Domain.Data;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Counterparties.Sync;

/// <summary>What an administrator fills in for a 1C source; an empty password keeps the stored one.</summary>
public sealed class ODataSourceInput
{
    public string Name { get; set; } = "";
    public string BaseUrl { get; set; } = "";
    public string UserName { get; set; } = "";
    public string? Password { get; set; }
    public string Catalog { get; set; } = "Catalog_Контрагенты";
    public string CounterpartyType { get; set; } = CounterpartyTypes.Counterparty;
    public string NameField { get; set; } = "Description";
    public string InnField { get; set; } = "ИНН";
    public string KppField { get; set; } = "КПП";
    public string ManagerField { get; set; } = "ОсновнойМенеджер";
    public string ContactInfoTable { get; set; } = "КонтактнаяИнформация";
    public string ContactInfoTypeField { get; set; } = "Тип";
    public string ContactInfoValueField { get; set; } = "Представление";
    public int IntervalMinutes { get; set; } = 60;
    public bool IsEnabled { get; set; } = true;

    public static ODataSourceInput From(ODataSource s) => new()
    {
        Name = s.Name, BaseUrl = s.BaseUrl, UserName = s.UserName, Catalog = s.Catalog, CounterpartyType = s.CounterpartyType, NameField = s.NameField,
        InnField = s.InnField, KppField = s.KppField, ManagerField = s.ManagerField, ContactInfoTable = s.ContactInfoTable, ContactInfoTypeField = s.ContactInfoTypeField,
        ContactInfoValueField = s.ContactInfoValueField, IntervalMinutes = s.IntervalMinutes, IsEnabled = s.IsEnabled,
    };
}

public sealed class ODataSourceInputValidator : AbstractValidator<ODataSourceInput>
{
    public ODataSourceInputValidator()
    {
        RuleFor(s => s.Name).NotEmpty().WithErrorCode("NameRequired").WithMessage("Give the source a name.").MaximumLength(100);
        RuleFor(s => s.BaseUrl).Must(u => Uri.TryCreate(u?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .WithErrorCode("UrlInvalid").WithMessage("The publication's full address, e.g. http://1c.local/trade.");
        RuleFor(s => s.UserName).NotEmpty().WithErrorCode("UserRequired").WithMessage("1C's user name for the exchange.").MaximumLength(100);
        RuleFor(s => s.Catalog).Must(c => !string.IsNullOrWhiteSpace(c) && c.StartsWith("Catalog_", StringComparison.Ordinal))
            .WithErrorCode("CatalogInvalid").WithMessage("A catalog's OData name starts with Catalog_, e.g. Catalog_Контрагенты.");
        RuleFor(s => s.NameField).NotEmpty().WithErrorCode("FieldRequired").WithMessage("Name the field.");
        RuleFor(s => s.IntervalMinutes).InclusiveBetween(0, 7 * 24 * 60).WithErrorCode("IntervalInvalid")
            .WithMessage("Between 0 (by hand only) and 10080 minutes (a week).");
    }
}

public sealed record ODataSourceChange(ODataSource? Source, IReadOnlyList<ValidationFailure> Errors);

/// <summary>The administrators' list of 1C sources.</summary>
public sealed class ODataSources(IDbContextFactory<Bots1CDbContext> dbFactory, IValidator<ODataSourceInput> validator,
    Bots.TokenProtector protector, TimeProvider clock)
{
    public async Task<IReadOnlyList<ODataSource>> AllAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ODataSources.AsNoTracking().OrderBy(s => NameOrder.Key(s.Name)).ToListAsync(ct);
    }

    public async Task<ODataSourceChange> SaveAsync(long? id, ODataSourceInput input, CancellationToken ct = default)
    {
        var validation = await validator.ValidateAsync(input, ct);
        var errors = validation.Errors.ToList();
        if (id is null && string.IsNullOrEmpty(input.Password))
            errors.Add(new(nameof(input.Password), "1C's password for the exchange.") { ErrorCode = "PasswordRequired" });
        if (errors.Count > 0)
            return new(null, errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = id is { } existing ? await db.ODataSources.FirstOrDefaultAsync(s => s.Id == existing, ct) : null;
        if (source is null)
        {
            if (id is not null)
                return new(null, [new("", "This source no longer exists.") { ErrorCode = "NotFound" }]);
            source = new ODataSource { CreatedAt = clock.GetUtcNow() };
            db.ODataSources.Add(source);
        }
        source.Name = input.Name.Trim();
        source.BaseUrl = input.BaseUrl.Trim().TrimEnd('/');
        source.UserName = input.UserName.Trim();
        if (!string.IsNullOrEmpty(input.Password))
            source.ProtectedPassword = protector.Protect(input.Password);
        source.Catalog = input.Catalog.Trim();
        source.CounterpartyType = input.CounterpartyType;
        source.NameField = input.NameField.Trim();
        source.InnField = input.InnField.Trim();
        source.KppField = input.KppField.Trim();
        source.ManagerField = input.ManagerField?.Trim() ?? "";
        source.ContactInfoTable = input.ContactInfoTable.Trim();
        source.ContactInfoTypeField = input.ContactInfoTypeField.Trim();
        source.ContactInfoValueField = input.ContactInfoValueField.Trim();
        source.IntervalMinutes = input.IntervalMinutes;
        source.IsEnabled = input.IsEnabled;
        await db.SaveChangesAsync(ct);
        return new(source, []);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ODataSources.Where(s => s.Id == id).ExecuteDeleteAsync(ct) > 0;
    }
}
