using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Files;

public sealed record StoredFileInfo(long Id, string FileName, string MimeType, long Size);

/// <summary>Keeps files people upload (for scenarios' Send file and Message steps) in the database, next to
/// everything else, so a backup holds them. Messengers limit attachments, so large files are refused here.</summary>
public class FileStore(IDbContextFactory<Bots1CDbContext> dbFactory, TimeProvider clock)
{
    public const long MaxSize = 20 * 1024 * 1024;

    /// <summary>The new file's id; throws <see cref="ArgumentException"/> for an empty name or a file over <see cref="MaxSize"/>.</summary>
    public async Task<long> SaveAsync(string fileName, string? mimeType, byte[] content, CancellationToken ct = default)
    {
        fileName = Path.GetFileName(fileName?.Trim() ?? "");
        if (fileName.Length == 0)
            throw new ArgumentException("The file needs a name.", nameof(fileName));
        if (content.LongLength > MaxSize)
            throw new ArgumentException($"A file may be at most {MaxSize / 1024 / 1024} MB.", nameof(content));
        var file = new StoredFile
        {
            FileName = fileName.Length > 255 ? fileName[^255..] : fileName,
            MimeType = string.IsNullOrWhiteSpace(mimeType) || mimeType.Length > 127 ? "application/octet-stream" : mimeType,
            Size = content.LongLength,
            Content = content,
            CreatedAt = clock.GetUtcNow(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Files.Add(file);
        await db.SaveChangesAsync(ct);
        return file.Id;
    }

    /// <summary>Name, type and size without loading the content.</summary>
    public async Task<StoredFileInfo?> InfoAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Files.AsNoTracking().Where(f => f.Id == id)
            .Select(f => new StoredFileInfo(f.Id, f.FileName, f.MimeType, f.Size)).FirstOrDefaultAsync(ct);
    }
}
