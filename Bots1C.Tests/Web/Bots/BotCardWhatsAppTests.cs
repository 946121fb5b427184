using Bots1C.Domain.Bots;
using Bots1C.Tests.Infrastructure;
using Bots1C.Tests.Web.Webhooks;
using Bots1C.Web.Features.Bots;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Bots;

/// <summary>A WhatsApp bot's card: the app secret is asked for but never shown back, and the verify token is there to copy.</summary>
public class BotCardWhatsAppTests : MudTestContext
{
    private readonly Bots1CAppFactory _app = new();

    public BotCardWhatsAppTests()
    {
        Services.AddSingleton(_app.Services.GetRequiredService<BotCatalog>());
        Services.AddSingleton(_app.Services.GetRequiredService<BotConnection>());
        Services.AddSingleton(_app.Services.GetRequiredService<Bots1C.Domain.Channels.ChannelAdapters>());
        Services.AddSingleton(_app.Services.GetRequiredService<Bots1C.Domain.Scenarios.BotScenarioSettings>());
        Services.AddSingleton(_app.Services.GetRequiredService<Bots1C.Domain.Scenarios.ScenarioCatalog>());
        Services.AddSingleton(_app.Services.GetRequiredService<Bots1C.Domain.Scenarios.Templates.StarterScenarios>());
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
    public async Task The_card_of_a_WhatsApp_bot_never_shows_its_app_secret()
    {
        var created = await _app.Services.GetRequiredService<BotCatalog>().CreateAsync(new BotInput
        {
            Name = "WhatsApp shop", Messenger = Messenger.WhatsApp, Token = WhatsAppWebhookTests.Token, ExtraId = WhatsAppWebhookTests.PhoneNumberId,
            AppSecret = WhatsAppWebhookTests.AppSecret, PublicBaseUrl = "https://bot.example.ru",
        }, "test");
        Assert.True(created.Succeeded);

        var card = Render<BotCardPage>(p => p.Add(c => c.Id, created.Bot!.Id));
        var field = card.WaitForElement("input[data-testid=bot-app-secret]");

        Assert.Equal("", field.GetAttribute("value") ?? "");
        Assert.Equal("password", field.GetAttribute("type"));
        Assert.DoesNotContain(WhatsAppWebhookTests.AppSecret, card.Markup);
        Assert.DoesNotContain(WhatsAppWebhookTests.Token, card.Markup);
    }
}
