using Bots1C.Domain.Bots;
using Bots1C.Domain.Licensing;
using Bots1C.Tests.Infrastructure;
using Bots1C.Tests.Web.Licensing;
using Bots1C.Web.Features.Bots;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Bots;

/// <summary>The bot card under a test license: saving a second active bot shows the original's message and the way to
/// the license page, and saves nothing.</summary>
public class BotCardLicenseTests : MudTestContext
{
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithoutLicense();

    public BotCardLicenseTests()
    {
        Services.AddSingleton(_app.Services.GetRequiredService<BotCatalog>());
        Services.AddSingleton(_app.Services.GetRequiredService<BotConnection>());
        Services.AddSingleton(_app.Services.GetRequiredService<Bots1C.Domain.Channels.ChannelAdapters>());
        Services.AddSingleton(_app.Services.GetRequiredService<Bots1C.Domain.Diagnostics.BotSaveChecks>());
        AddAuthorization().SetAuthorized("admin@example.ru").SetRoles(Bots1C.Domain.Accounts.Roles.Administrator);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _app.Dispose();
    }

    [Fact]
    public async Task Saving_a_second_active_bot_under_a_test_license_says_why_and_links_to_the_license_page()
    {
        await _app.InstallTestLicenseAsync();
        await _app.Services.GetRequiredService<BotCatalog>().CreateAsync(
            new BotInput { Name = "Shop", Messenger = Messenger.WebChat, PublicBaseUrl = "https://bot.example.ru" }, "test");
        var card = Render<BotCardPage>();

        card.Find("input[data-testid=bot-name]").Change("Support");
        card.Find("input[data-testid=bot-url]").Change("https://bot.example.ru");
        card.Find("input[data-testid=bot-token]").Change(MessagePath.TelegramToken);
        await card.Find("button[data-testid=bot-save]").ClickAsync(new());

        var alert = card.WaitForElement("[data-testid=license-refusal]");
        Assert.Equal(nameof(LicenseError.TooManyActiveBots), alert.GetAttribute("data-code"));
        Assert.Contains("The license allows 1", alert.TextContent);
        Assert.Equal("admin/license", card.Find("[data-testid=license-refusal-link]").GetAttribute("href"));
        Assert.Single(await _app.Services.GetRequiredService<BotCatalog>().ListAsync());
    }
}
