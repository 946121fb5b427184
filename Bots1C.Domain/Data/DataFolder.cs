namespace Bots1C.Domain.Data;

/// <summary>Where the app keeps its files: the SQLite database, Data Protection keys, uploads.</summary>
public record DataFolder(string Path)
{
    public const string ConfigKey = "Bots1C:DataPath";
    public const string DefaultName = "App_Data";
    /// <summary>Data Protection's key ring: without it the stored bot tokens and passwords cannot be decrypted.</summary>
    public const string KeysFolder = "keys";

    public static DataFolder Resolve(string? configured, string contentRoot) =>
        new(System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.Combine(contentRoot, DefaultName)
            : System.IO.Path.Combine(contentRoot, configured)));

    public string File(string name) => System.IO.Path.Combine(Path, name);
}
