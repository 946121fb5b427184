namespace Bots1C.Domain.Files;

/// <summary>A file the app sends (or will send): kept in the database so it is backed up and migrated with it.</summary>
public class StoredFile
{
    public long Id { get; set; }
    public string FileName { get; set; } = "";
    public string MimeType { get; set; } = "application/octet-stream";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}
