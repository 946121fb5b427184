using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.PrintForms;

public sealed record RenderedForm(string FileName, byte[] Content, string Form);

/// <summary>Turns a stored document into a PDF with the chosen form (or the first form for its kind).</summary>
public sealed class PrintFormRenderer(IDbContextFactory<Bots1CDbContext> dbFactory, PrintFormTemplates templates)
{
    public async Task<RenderedForm?> RenderAsync(long documentId, string? form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RenderAsync(db, documentId, form, ct);
    }

    /// <summary>Null when the document does not exist or no form of that name prints its kind.</summary>
    public async Task<RenderedForm?> RenderAsync(Bots1CDbContext db, long documentId, string? form, CancellationToken ct)
    {
        var document = await PrintDocuments.Loaded(db).FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null)
            return null;
        var organisation = await db.Organisation.AsNoTracking().FirstOrDefaultAsync(ct) ?? new OrganisationDetails();
        return Render(document, organisation, form);
    }

    public RenderedForm? Render(PrintDocument document, OrganisationDetails organisation, string? form)
    {
        var template = string.IsNullOrWhiteSpace(form) ? templates.DefaultFor(document.Kind) : templates.Find(form);
        if (template is null || template.Kind != document.Kind)
            return null;
        return new RenderedForm(PrintFormTemplates.FileNameOf(template.Title(document)), template.Render(document, organisation), template.Name);
    }
}
