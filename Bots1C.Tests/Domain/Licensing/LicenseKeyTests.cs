using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Licensing;

namespace Bots1C.Tests.Domain.Licensing;

public sealed class LicenseKeyTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private const string Installation = "inst-1";
    private readonly ECDsa _vendor = LicenseKeys.NewKey();
    private readonly ECDsa _installation = LicenseKeys.NewKey();

    private Dictionary<string, ECDsa> Trusted => new() { ["vendor-2026"] = _vendor, [LicenseDocument.InstallationKeyId] = _installation };

    private static LicenseDocument Working(DateTimeOffset? expires = null) =>
        new("lic-1", LicenseType.Working, "7707083893", "Д-15/2026", "bots.example.ru", null, Now.AddDays(-1), expires,
            [Messenger.Telegram, Messenger.WebChat], null, null) { KeyId = "vendor-2026" };

    private KeyVerification Verify(string key) => LicenseKeys.Verify(key, Trusted, Installation, Now);

    [Fact]
    public void A_working_key_signed_by_the_vendor_verifies_with_everything_it_says()
    {
        var result = Verify(LicenseKeys.Sign(Working(Now.AddYears(1)), _vendor));

        Assert.Equal(KeyCheck.Valid, result.Check);
        Assert.Equal(("7707083893", "Д-15/2026", "bots.example.ru"), (result.License!.Inn, result.License.Contract, result.License.WebhookHost));
        Assert.Equal([Messenger.Telegram, Messenger.WebChat], result.License.Messengers);
    }

    [Fact]
    public void A_key_whose_payload_was_changed_after_signing_is_refused()
    {
        var key = LicenseKeys.Sign(Working(), _vendor);
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(key.Split('.')[0])).Replace("bots.example.ru", "evil.example.ru");
        var tampered = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)) + "." + key.Split('.')[1];

        Assert.Equal(KeyCheck.BadSignature, Verify(tampered).Check);
    }

    [Fact]
    public void A_key_signed_by_a_key_we_do_not_trust_is_refused()
    {
        using var stranger = LicenseKeys.NewKey();

        Assert.Equal(KeyCheck.BadSignature, Verify(LicenseKeys.Sign(Working(), stranger)).Check);
    }

    [Fact]
    public void A_working_key_signed_by_the_installation_itself_is_refused()
    {
        var forged = Working() with { KeyId = LicenseDocument.InstallationKeyId };

        Assert.Equal(KeyCheck.BadSignature, Verify(LicenseKeys.Sign(forged, _installation)).Check);
    }

    [Fact]
    public void An_expired_key_says_so()
    {
        Assert.Equal(KeyCheck.Expired, Verify(LicenseKeys.Sign(Working(Now.AddMinutes(-1)), _vendor)).Check);
    }

    [Fact]
    public void A_test_license_is_made_offline_for_this_installation_with_the_fixed_limits()
    {
        var result = Verify(LicenseKeys.Sign(LicenseKeys.TestLicense(Installation, Now), _installation));

        Assert.Equal(KeyCheck.Valid, result.Check);
        Assert.Equal((LicenseType.Test, 1, 3), (result.License!.Type, result.License.ActiveBots, result.License.ContactsPerBot));
    }

    [Fact]
    public void A_test_key_of_another_installation_is_refused()
    {
        var key = LicenseKeys.Sign(LicenseKeys.TestLicense("inst-2", Now), _installation);

        Assert.Equal(KeyCheck.OtherInstallation, Verify(key).Check);
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(1, 4)]
    [InlineData(null, 3)]
    public void A_test_key_can_never_grant_more_than_a_test_license(int? bots, int? contacts)
    {
        var greedy = LicenseKeys.TestLicense(Installation, Now) with { ActiveBots = bots, ContactsPerBot = contacts };

        Assert.Equal(KeyCheck.TestGrantsTooMuch, Verify(LicenseKeys.Sign(greedy, _installation)).Check);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key")]
    [InlineData("a.b.c")]
    [InlineData("e30.AAAA")]
    public void Something_that_is_not_a_key_is_malformed(string key)
    {
        Assert.Equal(KeyCheck.Malformed, Verify(key).Check);
    }

    [Fact]
    public void Keys_travel_as_pem_and_verify_after_the_round_trip()
    {
        using var publicOnly = LicenseKeys.FromPem(LicenseKeys.PublicPem(_vendor));
        using var privateAgain = LicenseKeys.FromPem(LicenseKeys.PrivatePem(_vendor));
        var key = LicenseKeys.Sign(Working(), privateAgain);

        Assert.Equal(KeyCheck.Valid, LicenseKeys.Verify(key, new Dictionary<string, ECDsa> { ["vendor-2026"] = publicOnly }, Installation, Now).Check);
    }

    public void Dispose()
    {
        _vendor.Dispose();
        _installation.Dispose();
    }
}
