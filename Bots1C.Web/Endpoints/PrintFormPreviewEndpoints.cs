using Bots1C.Domain.PrintForms;
using Bots1C.Web.Features.PrintForms;
using Microsoft.AspNetCore.Authorization;

namespace Bots1C.Web.Endpoints;

public static class PrintFormPreviewEndpoints
{
    /// <summary><c>GET /print-forms/preview/{documentId}?form=invoice</c>: the PDF shown inline, for the page's preview frame.</summary>
    public static void MapPrintFormPreviewEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/print-forms/preview/{documentId:long}", PreviewAsync).RequireAuthorization(new AuthorizeAttribute { Roles = PrintFormAccess.Users })
            .WithSecurityHeadersPolicy(Bots1C.Web.Composition.SecurityHeaderPolicies.WithoutScriptPolicy);

    private static async Task<IResult> PreviewAsync(long documentId, string? form, PrintFormRenderer renderer, HttpContext http, CancellationToken ct)
    {
        if (await renderer.RenderAsync(documentId, form, ct) is not { } rendered)
            return TypedResults.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound,
                detail: $"Document {documentId} does not exist or the form '{form}' does not print it.");
        // inline: the browser shows it in the frame instead of saving it
        http.Response.Headers.ContentDisposition = $"inline; filename*=UTF-8''{Uri.EscapeDataString(rendered.FileName)}";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Bytes(rendered.Content, PrintFormSender.PdfMimeType);
    }
}
