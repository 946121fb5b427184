using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Domain.Data;

/// <summary>The database holds webhook secrets and every message, keys/ decrypts the tokens: on Unix nobody but the
/// app's own account may read them, whatever the umask of the shell that started it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class PrivateDataFolderTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task A_new_installation_makes_its_data_folder_0700_and_its_database_and_keys_0600()
    {
        if (OperatingSystem.IsWindows())
            return; // Windows has ACLs, inherited from the parent folder
        using var parent = new TempFolder();
        var data = Path.Combine(parent.Path, "App_Data");
        using var app = new Bots1CAppFactory(data).WithApiKey();
        // A bot's token is encrypted when it is stored: the key ring exists from then on.
        await app.CreateApiClient().CreateBotAsync(new { name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru" });

        Assert.Equal(Folder, File.GetUnixFileMode(data));
        Assert.Equal(Folder, File.GetUnixFileMode(Path.Combine(data, DataFolder.KeysFolder)));
        Assert.Contains(Path.Combine(data, "bots1c.db-wal"), Directory.GetFiles(data)); // the log exists while the app runs
        Assert.All(Directory.GetFiles(data), file => Assert.Equal((file, Private), (file, File.GetUnixFileMode(file))));
        var keys = Directory.GetFiles(Path.Combine(data, DataFolder.KeysFolder));
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Equal(Private, File.GetUnixFileMode(key)));
    }

    [Fact]
    public async Task An_installation_made_before_the_rule_has_its_files_made_private_at_start()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var parent = new TempFolder();
        var data = Path.Combine(parent.Path, "App_Data");
        using (var first = new Bots1CAppFactory(data))
            _ = first.Services; // started once: database and folders exist
        var open = Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(data, open);
        File.SetUnixFileMode(Path.Combine(data, "bots1c.db"), Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using (var second = new Bots1CAppFactory(data))
            _ = second.Services;

        Assert.Equal(Folder, File.GetUnixFileMode(data));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(data, "bots1c.db")));
    }
}
