using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Diagnostics;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Bots.Diagnostics;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Diagnostics;

/// <summary>The guide recommends port 443 for every channel: a bot's diagnostics say so before any step is run.</summary>
public class DiagnosticsPortWarningTests : MudTestContext
{
    private readonly Bots1CAppFactory _app = new();

    public DiagnosticsPortWarningTests()
    {
        foreach (var type in new[] { typeof(DiagnosticsRunner), typeof(BotCatalog), typeof(ChannelAdapters) })
            Services.AddSingleton(type, _app.Services.GetRequiredService(type));
        AddAuthorization().SetAuthorized("admin@example.ru").SetRoles(Bots1C.Domain.Accounts.Roles.Administrator);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _app.Dispose();
    }

    private async Task<long> TelegramBotAsync(string url) =>
        (await _app.Services.GetRequiredService<BotCatalog>().CreateAsync(new BotInput
        {
            Name = "Shop", Messenger = Messenger.Telegram, Token = MessagePath.TelegramToken, PublicBaseUrl = url,
        }, "admin@example.ru")).Bot!.Id;

    [Fact]
    public async Task A_Telegram_bot_on_port_8443_is_advised_to_use_443()
    {
        var id = await TelegramBotAsync("https://bot.example.ru:8443/bots_unf");

        var page = Render<DiagnosticsPage>(p => p.Add(c => c.Id, id));

        var warning = page.WaitForElement("[data-testid=bot-port-warning]");
        Assert.Equal(Strings["Bots.Port443Recommended", 8443].Value, warning.TextContent.Trim());
    }

    [Fact]
    public async Task A_bot_on_port_443_gets_no_port_advice()
    {
        var id = await TelegramBotAsync("https://bot.example.ru/bots_unf");

        var page = Render<DiagnosticsPage>(p => p.Add(c => c.Id, id));

        page.WaitForElement("[data-testid=run-diagnostics]");
        Assert.Empty(page.FindAll("[data-testid=bot-port-warning]"));
    }
}
