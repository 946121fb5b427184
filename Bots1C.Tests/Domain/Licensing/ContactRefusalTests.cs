using Bots1C.Domain.Bots;
using Bots1C.Domain.Licensing;

namespace Bots1C.Tests.Domain.Licensing;

/// <summary>A refused contact keeps only its error; the pages describe it with the installed license's figures.</summary>
public class ContactRefusalTests
{
    private static LicenseStatus Installed(string? host = "bots.example.ru", int? activeBots = null, int? contactsPerBot = null) =>
        new(new LicenseDocument("l1", LicenseType.Working, "7707083893", "Д-1", host, null, DateTimeOffset.UtcNow, null, null, activeBots, contactsPerBot),
            KeyCheck.Valid, DateTimeOffset.UtcNow, "admin");

    [Fact]
    public void The_contact_limit_is_the_installed_keys()
    {
        var refusal = LicenseRefusal.OfContact(LicenseError.TestContactLimit, Installed(contactsPerBot: 25), Messenger.Telegram);
        Assert.Equal(25, refusal.Limit);
    }

    [Fact]
    public void The_contact_limit_is_the_test_licenses_when_no_key_is_installed_any_more()
    {
        var refusal = LicenseRefusal.OfContact(LicenseError.TestContactLimit, LicenseStatus.None, Messenger.Telegram);
        Assert.Equal(LicenseDocument.TestContactsPerBot, refusal.Limit);
    }

    [Fact]
    public void Too_many_active_bots_names_the_keys_bot_limit_not_the_contact_limit()
    {
        var refusal = LicenseRefusal.OfContact(LicenseError.TooManyActiveBots, Installed(activeBots: 2, contactsPerBot: 3), Messenger.Viber);
        Assert.Equal(2, refusal.Limit);
    }

    [Fact]
    public void A_domain_mismatch_names_the_licensed_host()
    {
        var refusal = LicenseRefusal.OfContact(LicenseError.DomainMismatch, Installed(host: "bot.shop.ru"), Messenger.Telegram);
        Assert.Equal("bot.shop.ru", refusal.Host);
        Assert.Contains("bot.shop.ru", refusal.English);
    }

    [Fact]
    public void A_messenger_the_key_does_not_allow_is_named()
    {
        var refusal = LicenseRefusal.OfContact(LicenseError.MessengerNotAllowed, Installed(), Messenger.Viber);
        Assert.Contains("Viber", refusal.English);
    }
}
