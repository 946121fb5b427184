using Bots1C.Domain.Data;
using Microsoft.Extensions.Logging;

namespace Bots1C.Domain.Conversations;

/// <summary>
/// This running process, among others that may share the database. Its claims on inbox and outbox rows are named after
/// it (<see cref="NewClaim"/>), and for as long as it runs it holds an exclusive lock on a file of its own,
/// <c>instances/&lt;id&gt;.lock</c> in the data folder. The operating system drops that lock when the process ends,
/// however it ends (<c>kill -9</c> and a power cut included), so a process that can take the lock knows for certain the
/// owner is gone: <see cref="GoneInstanceRelease"/> then gives its claims back at once instead of waiting out the lease.
/// A process that cannot be seen this way (another machine, a folder without the file) keeps its claims until they expire.
/// </summary>
public sealed class AppInstance : IDisposable
{
    public const string FolderName = "instances";
    public const string Extension = ".lock";

    private readonly FileStream? _lock;

    public AppInstance(DataFolder dataFolder, ILogger<AppInstance> logger)
    {
        Id = Guid.NewGuid().ToString("N");
        Folder = Path.Combine(dataFolder.Path, FolderName);
        // A process sweeping the folder may take a brand-new file for a dead one's in the instant between its creation and
        // its lock: then the name is taken again, fresh. Without a lock file claims are still safe, only not released early.
        if (FileLockingDisabled())
        {
            // Every file could be "taken", a live instance's too: no lock file, and no release of others' claims either.
            logger.LogInformation("File locking is turned off (DOTNET_SYSTEM_IO_DISABLEFILELOCKING): after a crash, claims are released when their lease ends");
            return;
        }
        for (var attempt = 0; attempt < 3 && _lock is null; attempt++)
        {
            Id = Guid.NewGuid().ToString("N");
            try
            {
                // Private like everything in the data folder (it says only which process runs, but nobody else needs to).
                if (OperatingSystem.IsWindows())
                    Directory.CreateDirectory(Folder);
                else
                    Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                // Windows deletes a delete-on-close file when the process's handles close, and a killed process's handles
                // close too: the file would vanish with its owner and nobody could tell the claims are orphaned. There the
                // file is deleted on a clean stop only (Dispose); on Unix .NET unlinks it on Dispose, never on a kill.
                var options = new FileStreamOptions
                {
                    Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 0,
                    Options = OperatingSystem.IsWindows() ? FileOptions.None : FileOptions.DeleteOnClose,
                };
                if (!OperatingSystem.IsWindows())
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                _lock = new FileStream(Path.Combine(Folder, Id + Extension), options);
                _lock.Write(System.Text.Encoding.UTF8.GetBytes($"process {Environment.ProcessId}, started {DateTimeOffset.UtcNow:O}\n"));
                _lock.Flush();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _lock = null;
                if (attempt == 2)
                    logger.LogWarning("No instance lock file in {Folder} ({Error}): after a crash, this process's claims are released only when their lease ends",
                        Folder, e.Message);
            }
        }
    }

    /// <summary>This process holds its lock file, so it can tell a held file (a live instance) from one nobody holds.</summary>
    public bool HoldsLock => _lock is not null;

    private static bool FileLockingDisabled() =>
        AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) && disabled
        || Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is "1" or "true";

    /// <summary>The instances whose lock file in <paramref name="dataFolder"/> is held right now, i.e. that are running
    /// (on this machine, with file locking working). A command that must not run beside the app asks this.</summary>
    public static IReadOnlyList<string> RunningIn(DataFolder dataFolder)
    {
        var folder = Path.Combine(dataFolder.Path, FolderName);
        if (!Directory.Exists(folder) || FileLockingDisabled())
            return [];
        var running = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder, "*" + Extension))
        {
            try
            {
                using var free = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (FileNotFoundException)
            {
                // Stopped (and cleaned up) while we looked.
            }
            catch (IOException)
            {
                running.Add(Path.GetFileNameWithoutExtension(path));
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to judge (another user's file): not counted.
            }
        }
        return running;
    }

    /// <summary>32 hex digits, new at every start.</summary>
    public string Id { get; }

    public string Folder { get; }

    /// <summary>A lease owner for one batch: this instance's id, a dot, the batch's own id.</summary>
    public string NewClaim() => $"{Id}.{Guid.NewGuid():N}";

    /// <summary>The lease owners (<see cref="NewClaim"/>) of the instance <paramref name="id"/> start with this.</summary>
    public static string ClaimPrefix(string id) => id + ".";

    public void Dispose()
    {
        if (_lock is null)
            return;
        _lock.Dispose();
        if (OperatingSystem.IsWindows())
            File.Delete(_lock.Name);
    }
}
