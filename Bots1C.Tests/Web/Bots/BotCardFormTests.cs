using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Bots;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Bots;

/// <summary>The bot card's form: what to fix is shown under the field, and goes away as soon as the field is changed.</summary>
public class BotCardFormTests : MudTestContext
{
    private readonly Bots1CAppFactory _app = new();

    public BotCardFormTests()
    {
        Services.AddSingleton(_app.Services.GetRequiredService<BotCatalog>());
        Services.AddSingleton(_app.Services.GetRequiredService<BotConnection>());
        Services.AddSingleton(_app.Services.GetRequiredService<ChannelAdapters>());
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
    public void A_fixed_field_loses_its_error_before_the_next_save()
    {
        var card = Render<BotCardPage>();
        card.Find("input[data-testid=bot-url]").Change("https://bot.example.ru");
        card.Find("button[data-testid=bot-save]").Click();
        card.WaitForAssertion(() => Assert.Contains("Enter the bot's name", card.Markup));

        card.Find("input[data-testid=bot-name]").Change("Shop");

        card.WaitForAssertion(() => Assert.DoesNotContain("Enter the bot's name", card.Markup));
        Assert.Contains("Paste the token", card.Markup); // the other field's error stays until it is fixed or saved
    }
}
