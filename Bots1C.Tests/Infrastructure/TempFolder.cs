namespace Bots1C.Tests.Infrastructure;

/// <summary>A data folder of its own for each test app, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("bots1c-test-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* SQLite may still hold the file for a moment; the OS temp cleaner takes it. */ }
    }
}
