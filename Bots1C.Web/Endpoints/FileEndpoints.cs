using Bots1C.Domain.Data;
using Bots1C.Domain.Files;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Web.Endpoints;

public static class FileEndpoints
{
    /// <summary><c>/files/{token}</c>: the signed, expiring link messengers (Viber) and the web chat download files from.</summary>
    public static void MapFileEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/files/{token}", DownloadAsync).AllowAnonymous().WithoutStatusPages();

    private static async Task<IResult> DownloadAsync(string token, FileLinks links, IDbContextFactory<Bots1CDbContext> dbFactory, CancellationToken ct)
    {
        if (links.FileOf(token) is not { } id)
            return TypedResults.NotFound();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) is { } file
            ? TypedResults.File(file.Content, file.MimeType, file.FileName)
            : TypedResults.NotFound();
    }
}
