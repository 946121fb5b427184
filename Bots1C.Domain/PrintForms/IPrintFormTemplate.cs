namespace Bots1C.Domain.PrintForms;

/// <summary>
/// A printable form: one class per form, registered in DI. A form prints documents of one <see cref="Kind"/>; the
/// Print forms page, the API (<c>template</c>) and scenarios pick it by <see cref="Name"/>.
/// </summary>
public interface IPrintFormTemplate
{
    /// <summary>Stable, lower case, as the API and scenarios name it: <c>invoice</c>, <c>act</c>, …</summary>
    string Name { get; }
    DocumentKind Kind { get; }
    /// <summary>The heading and the file's name: "Счёт на оплату № 12 от 28 ноября 2026 г.".</summary>
    string Title(PrintDocument document);
    /// <summary>The PDF. <paramref name="document"/> comes with its counterparty and lines loaded.</summary>
    byte[] Render(PrintDocument document, OrganisationDetails organisation);
}

/// <summary>Every registered form, by name.</summary>
public sealed class PrintFormTemplates(IEnumerable<IPrintFormTemplate> templates)
{
    public IReadOnlyList<IPrintFormTemplate> All { get; } = templates.ToList();

    public IPrintFormTemplate? Find(string? name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<IPrintFormTemplate> For(DocumentKind kind) => All.Where(t => t.Kind == kind).ToList();

    public IPrintFormTemplate? DefaultFor(DocumentKind kind) => All.FirstOrDefault(t => t.Kind == kind);

    /// <summary>"Счёт на оплату № 12 от 28 ноября 2026 г.pdf": the title without characters file systems refuse.</summary>
    public static string FileNameOf(string title) =>
        string.Concat(title.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '\\' or ':' or '"' ? '_' : c)).TrimEnd('.', ' ') + ".pdf";
}
