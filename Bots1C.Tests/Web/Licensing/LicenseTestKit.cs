using Bots1C.Domain.Bots;
using Bots1C.Domain.Licensing;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Licensing;

/// <summary>Keys as the tests' vendor signs them, and installing them the way the license page does.</summary>
public static class LicenseTestKit
{
    public static string WorkingKey(string? host = "bots.example.ru", DateTimeOffset? expires = null, IReadOnlyList<Messenger>? messengers = null,
        bool forbidsSharedDatabase = false, int? activeBots = null, int? contactsPerBot = null) =>
        LicenseKeys.Sign(new LicenseDocument(Guid.NewGuid().ToString("N"), LicenseType.Working, "7707083893", "Д-15/2026", host, null,
            DateTimeOffset.UtcNow.AddDays(-1), expires, messengers, activeBots, contactsPerBot)
        { KeyId = Bots1CAppFactory.TestVendorKeyId, ForbidsSharedDatabase = forbidsSharedDatabase }, Bots1CAppFactory.TestVendorKey);

    public static async Task InstallAsync(this Bots1CAppFactory app, string key)
    {
        var result = await app.Services.GetRequiredService<LicenseStore>().InstallAsync(key, "test");
        Assert.Equal(KeyCheck.Valid, result.Check);
    }

    public static async Task InstallTestLicenseAsync(this Bots1CAppFactory app) =>
        Assert.Equal(KeyCheck.Valid, (await app.Services.GetRequiredService<LicenseStore>().InstallTestLicenseAsync("test")).Check);

    public static object TelegramBot(string name, string apiServerUrl, string publicBaseUrl = "https://bots.example.ru/bots_unf", string state = "Active") =>
        new { name, messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl, apiServerUrl, state };
}
