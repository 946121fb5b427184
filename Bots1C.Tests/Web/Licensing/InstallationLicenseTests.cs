using System.Diagnostics;
using System.Globalization;
using System.Resources;
using Bots1C.Domain.Licensing;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Licensing;

/// <summary>This installation's identity and license across restarts, the unattended install, the command line, and
/// the messages of every license error in both languages.</summary>
public class InstallationLicenseTests
{
    [Fact]
    public async Task The_installation_id_is_made_at_first_start_and_kept_across_restarts()
    {
        using var folder = new TempFolder();
        string first, again;
        using (var app = new Bots1CAppFactory(folder.Path).WithoutLicense())
        {
            app.CreateClient();
            first = await app.Services.GetRequiredService<LicenseStore>().InstallationIdAsync();
        }
        using (var app = new Bots1CAppFactory(folder.Path).WithoutLicense())
        {
            app.CreateClient();
            again = await app.Services.GetRequiredService<LicenseStore>().InstallationIdAsync();
        }

        Assert.Equal(32, first.Length);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task A_test_license_got_offline_survives_a_restart()
    {
        using var folder = new TempFolder();
        using (var app = new Bots1CAppFactory(folder.Path).WithoutLicense())
            await app.InstallTestLicenseAsync();

        using var restarted = new Bots1CAppFactory(folder.Path).WithoutLicense();
        var status = await restarted.Services.GetRequiredService<LicenseStore>().StatusAsync();

        Assert.Equal((LicenseType.Test, KeyCheck.Valid), (status.License!.Type, status.Check!.Value));
    }

    [Fact]
    public async Task A_test_key_of_another_installation_is_refused_when_pasted()
    {
        using var other = new Bots1CAppFactory().WithoutLicense();
        await other.InstallTestLicenseAsync();
        var foreignKey = await other.Services.GetRequiredService<LicenseStore>().CurrentKeyAsync();
        using var app = new Bots1CAppFactory().WithoutLicense();

        var result = await app.Services.GetRequiredService<LicenseStore>().InstallAsync(foreignKey!, "test");

        // Signed by the other installation's own key, which this one does not trust.
        Assert.Equal(KeyCheck.BadSignature, result.Check);
        Assert.False((await app.Services.GetRequiredService<LicenseStore>().StatusAsync()).IsInstalled);
    }

    [Fact]
    public async Task An_unattended_install_brings_its_license_key_from_the_settings()
    {
        var key = LicenseTestKit.WorkingKey();
        using var app = new Bots1CAppFactory().WithoutLicense().With("Bots1C:Bootstrap:LicenseKey", key);

        app.CreateClient();

        Assert.Equal(key, await app.Services.GetRequiredService<LicenseStore>().CurrentKeyAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ru")]
    public void Every_license_error_has_its_message_in_both_languages(string culture)
    {
        var resources = new ResourceManager("Bots1C.Web.Resources.SharedResource", typeof(Bots1C.Web.Resources.SharedResource).Assembly);
        var missing = Enum.GetValues<LicenseError>()
            .SelectMany(e => new[] { $"License.Error.{e}", $"Event.License{e}" })
            .Where(key => resources.GetString(key, CultureInfo.GetCultureInfo(culture)) is null
                          || culture == "ru" && resources.GetString(key, CultureInfo.GetCultureInfo(culture)) == resources.GetString(key, CultureInfo.InvariantCulture))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task The_command_line_makes_a_vendor_key_pair_and_issues_a_key_that_verifies_with_it()
    {
        using var folder = new TempFolder();

        var keygen = await RunAsync("license", "keygen", "--out", folder.Path, "--kid", "vendor-cli");
        var issue = await RunAsync("license", "issue", "--private-key", Path.Combine(folder.Path, "vendor-cli.private.pem"), "--kid", "vendor-cli",
            "--inn", "7707083893", "--contract", "Д-1", "--webhook", "https://bots.example.ru/bots_unf", "--expires", "2030-12-31", "--messengers", "Telegram,WebChat");

        Assert.Equal(0, keygen.Code);
        Assert.Equal(0, issue.Code);
        using var publicKey = LicenseKeys.FromPem(await File.ReadAllTextAsync(Path.Combine(folder.Path, "vendor-cli.public.pem")));
        var verified = LicenseKeys.Verify(issue.Output.Trim(), new Dictionary<string, System.Security.Cryptography.ECDsa> { ["vendor-cli"] = publicKey }, "x", DateTimeOffset.UtcNow);
        Assert.Equal(KeyCheck.Valid, verified.Check);
        Assert.Equal(("bots.example.ru", new DateOnly(2030, 12, 31)), (verified.License!.WebhookHost, DateOnly.FromDateTime(verified.License.ExpiresAt!.Value.UtcDateTime)));
    }

    [Fact]
    public async Task The_command_line_refuses_to_overwrite_a_vendor_key()
    {
        using var folder = new TempFolder();
        await RunAsync("license", "keygen", "--out", folder.Path, "--kid", "v");

        var again = await RunAsync("license", "keygen", "--out", folder.Path, "--kid", "v");

        Assert.Equal(1, again.Code);
        Assert.Contains("never overwritten", again.Error);
    }

    /// <summary>The built app, as an administrator runs it: <c>dotnet Bots1C.Web.dll license …</c>.</summary>
    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => AppCommandLine.RunAsync(args);
}
