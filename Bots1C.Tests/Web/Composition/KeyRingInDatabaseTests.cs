using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Composition;

/// <summary><c>Bots1C:DataProtection:Keys=Database</c>: instances on several machines share the key ring through the
/// database, each key encrypted with a certificate that is not in it (docs/scaling.md).</summary>
public sealed class KeyRingInDatabaseTests : IDisposable
{
    private const string Password = "pfx-Passw0rd";
    private readonly TempFolder _files = new();
    private readonly List<Bots1CAppFactory> _apps = [];

    public KeyRingInDatabaseTests()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Bots1C key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pfx, Password));
    }

    private string CertificatePath => Path.Combine(_files.Path, "keyring.pfx");

    public void Dispose()
    {
        foreach (var app in _apps)
            app.Dispose();
        _files.Dispose();
    }

    private Bots1CAppFactory App(string? dataPath = null, bool keysInDatabase = true)
    {
        var app = new Bots1CAppFactory(dataPath);
        if (keysInDatabase)
            app.With("Bots1C:DataProtection:Keys", "Database")
                .With("Bots1C:DataProtection:CertificatePath", CertificatePath)
                .With("Bots1C:DataProtection:CertificatePassword", Password);
        _apps.Add(app);
        return app;
    }

    private static async Task<List<string>> KeysInDatabaseAsync(Bots1CAppFactory app)
    {
        await using var db = await app.Db();
        return await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
    }

    [Fact]
    public async Task The_keys_are_in_the_database_encrypted_with_the_certificate_and_not_in_the_folder()
    {
        var app = App();
        app.Services.GetRequiredService<TokenProtector>().Protect("123456:bot-token");

        var keys = await KeysInDatabaseAsync(app);

        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("encryptedSecret", xml));
        Assert.All(keys, xml => Assert.DoesNotContain("<value>", xml));
        var folder = Path.Combine(app.DataPath, DataFolder.KeysFolder);
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder, "key-*.xml") : []);
    }

    [Fact]
    public async Task A_second_instance_with_its_own_data_folder_opens_what_the_first_encrypted()
    {
        var first = App();
        var sealedToken = first.Services.GetRequiredService<TokenProtector>().Protect("123456:bot-token");
        Assert.NotEmpty(await KeysInDatabaseAsync(first));

        using var otherFolder = new TempFolder();
        var second = App(otherFolder.Path).With("Bots1C:Database:ConnectionString",
            $"Data Source={Path.Combine(first.DataPath, DatabaseProvider.SqliteFileName)}");

        Assert.Equal("123456:bot-token", second.Services.GetRequiredService<TokenProtector>().Unprotect(sealedToken));
    }

    [Fact]
    public async Task Switching_to_the_database_keeps_what_the_folders_keys_encrypted()
    {
        string sealedToken, dataPath;
        using (var before = new Bots1CAppFactory())
        {
            (await before.CreateClient().GetAsync("/health")).EnsureSuccessStatusCode();
            sealedToken = before.Services.GetRequiredService<TokenProtector>().Protect("123456:bot-token");
            dataPath = before.DataPath;
            // The factory's own folder goes with it; keep a copy of the installation to switch.
            CopyFolder(dataPath, Path.Combine(_files.Path, "installation"));
        }

        var after = App(Path.Combine(_files.Path, "installation"));
        (await after.CreateClient().GetAsync("/health")).EnsureSuccessStatusCode();

        Assert.Equal("123456:bot-token", after.Services.GetRequiredService<TokenProtector>().Unprotect(sealedToken));
        var keys = await KeysInDatabaseAsync(after);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.DoesNotContain("<value>", xml));
    }

    [Fact]
    public async Task Without_a_certificate_the_app_does_not_start_and_names_the_setting()
    {
        using var data = new TempFolder();

        var (code, _, error) = await AppCommandLine.RunAsync("license", "show", $"--Bots1C:DataPath={data.Path}", "--Bots1C:DataProtection:Keys=Database");

        Assert.NotEqual(0, code);
        Assert.Contains("Bots1C:DataProtection:CertificatePath", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task A_wrong_certificate_password_is_reported_without_the_password()
    {
        using var data = new TempFolder();

        var (code, _, error) = await AppCommandLine.RunAsync("license", "show", $"--Bots1C:DataPath={data.Path}", "--Bots1C:DataProtection:Keys=Database",
            $"--Bots1C:DataProtection:CertificatePath={CertificatePath}", "--Bots1C:DataProtection:CertificatePassword=not-the-Passw0rd");

        Assert.NotEqual(0, code);
        Assert.Contains("Bots1C:DataProtection:CertificatePassword", error);
        Assert.DoesNotContain("not-the-Passw0rd", error);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            if (!file.EndsWith("-wal") && !file.EndsWith("-shm"))
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from))
            if (Path.GetFileName(folder) != "instances")
                CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
    }
}
