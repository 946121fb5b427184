using Bots1C.Domain.Accounts;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Bots1C.Web.Endpoints;

/// <summary>
/// <c>GET /messenger/attachments/{messageId}</c>: the file of one message, for signed-in operators. Files we sent are in
/// the database; files customers sent are not stored here and are fetched from the messenger on each request. Images
/// come inline (for <c>&lt;img src&gt;</c> previews), anything else as a download; <c>?download=1</c> always downloads.
/// </summary>
public static class AttachmentEndpoints
{
    public const string Path = "/messenger/attachments";

    /// <summary>Shown in the page itself, so only formats a browser draws as a picture and nothing else: no SVG (it is a document with scripts).</summary>
    private static readonly HashSet<string> PreviewTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp",
    };

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapAttachmentEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(Path + "/{messageId:long}", DownloadAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.Administrator},{Roles.Manager},{Roles.Operator}" })
            .WithoutStatusPages();

    private sealed record MessageFile(long? StoredFileId, string? FileId, string? FileName, string? MimeType, long BotId);

    private static async Task<IResult> DownloadAsync(long messageId, string? download, HttpContext http,
        IDbContextFactory<Bots1CDbContext> dbFactory, BotCache bots, ChannelAdapters adapters, ILoggerFactory loggers, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.Messages.AsNoTracking().Where(m => m.Id == messageId)
            .Select(m => new MessageFile(m.StoredFileId, m.FileId, m.FileName, m.MimeType, m.Conversation!.BotId))
            .FirstOrDefaultAsync(ct);
        var forceDownload = download is "1" or "true";

        if (message?.StoredFileId is { } storedId)
        {
            var stored = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == storedId, ct);
            if (stored is null)
                return TypedResults.NotFound();
            var type = ContentTypeOf(stored.MimeType, null, stored.FileName, null);
            Describe(http, type, stored.FileName, forceDownload);
            return TypedResults.File(stored.Content, type);
        }
        if (message?.FileId is not { Length: > 0 } fileId)
            return TypedResults.NotFound();

        if (await bots.FindByIdAsync(message.BotId, ct) is not { } bot
            || !adapters.TryGet(bot.Messenger, out var adapter))
            return Refused("The bot that received this file no longer exists.");
        DownloadResult result;
        try
        {
            result = await adapter.DownloadAsync(bot.Credentials, fileId, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Adapters turn every failure they know into a reason; anything else is still the messenger's side, not a 500.
            loggers.CreateLogger(typeof(AttachmentEndpoints)).LogWarning(e, "Fetching the file of message {MessageId} from {Messenger} failed", messageId, bot.Messenger);
            return Refused($"The file could not be fetched from {bot.Messenger}.");
        }
        if (result is not { Content: { } content })
            return Refused(result.Reason ?? $"The file could not be fetched from {bot.Messenger}.");

        var contentType = ContentTypeOf(message.MimeType, result.ContentType, message.FileName, result.FileName);
        var name = message.FileName ?? result.FileName ?? $"file-{messageId}";
        Describe(http, contentType, name, forceDownload);
        return TypedResults.Stream(content, contentType);
    }

    /// <summary>502 with the reason as plain text: the page shows it where the file would be.</summary>
    private static IResult Refused(string reason) =>
        TypedResults.Text(reason, "text/plain; charset=utf-8", statusCode: StatusCodes.Status502BadGateway);

    /// <summary>The type the message recorded, else the messenger's, else guessed from a file name (Telegram photos have
    /// only the path's extension).</summary>
    private static string ContentTypeOf(string? recorded, string? fromMessenger, string? name, string? messengerName)
    {
        foreach (var candidate in new[] { recorded, fromMessenger })
            if (!string.IsNullOrWhiteSpace(candidate) && MediaTypeHeaderValue.TryParse(candidate, out var parsed) && parsed.MediaType.HasValue
                && parsed.MediaType.Value!.Contains('/'))
                return parsed.MediaType.Value!;
        foreach (var candidate in new[] { name, messengerName })
            if (candidate is not null && ContentTypes.TryGetContentType(candidate, out var guessed))
                return guessed;
        return "application/octet-stream";
    }

    /// <summary>
    /// Customers choose both the bytes and the type: only pictures are shown inline, everything else is a download,
    /// the browser may not second-guess the type, and anything opened directly runs sandboxed without scripts.
    /// </summary>
    private static void Describe(HttpContext http, string contentType, string fileName, bool forceDownload)
    {
        var headers = http.Response.Headers;
        var disposition = new ContentDispositionHeaderValue(!forceDownload && PreviewTypes.Contains(contentType) ? "inline" : "attachment");
        disposition.SetHttpFileName(SafeName(fileName));
        headers.ContentDisposition = disposition.ToString();
        headers.CacheControl = "private, max-age=3600";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; sandbox";
    }

    /// <summary>A name as the header can carry it: no control characters (a line break would make the header invalid).</summary>
    private static string SafeName(string name)
    {
        var clean = new string([.. name.Select(c => char.IsControl(c) ? '_' : c)]).Trim();
        return clean.Length == 0 ? "file" : clean;
    }
}
