using System.Globalization;
using System.Xml.Linq;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Tests.Domain.Channels;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Bots;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Bots;

/// <summary>"Check now" and the status chip say why a messenger cannot be reached in words, in the reader's language.</summary>
public class ConnectionFailureWordsTests : MudTestContext
{
    [Fact]
    public async Task Check_now_against_an_unreachable_Bot_API_stores_words_not_an_exception_text()
    {
        using var app = new Bots1CAppFactory();
        var bot = (await app.Services.GetRequiredService<BotCatalog>().CreateAsync(new BotInput
        {
            Name = "Shop", Messenger = Messenger.Telegram, Token = MessagePath.TelegramToken, PublicBaseUrl = "https://bot.example.ru/bots_unf",
            ApiServerUrl = $"http://127.0.0.1:{NetworkFailureTests.ClosedLoopbackPort()}",
        }, "test")).Bot!;

        var outcome = await app.Services.GetRequiredService<BotConnection>().CheckAsync(bot.Id, "admin");

        Assert.Equal((false, KnownReasons.CannotConnect.English), (outcome!.Ok, outcome.Reason));
        Assert.Equal(KnownReasons.CannotConnect.English, (await app.StoredBotAsync(bot.Id)).StatusReason);
    }

    [Fact]
    public void The_status_chip_shows_a_known_reason_in_Russian_with_what_followed_it()
    {
        var chip = InCulture("ru-RU", () => Render<BotStatusChip>(p => p
            .Add(c => c.State, BotState.Active).Add(c => c.Status, ConnectionStatus.Failing)
            .Add(c => c.Reason, KnownReasons.ServerAnswered.English + "503.")));

        Assert.Contains("Сервер мессенджера ответил ошибкой: HTTP 503.", chip.Find("[data-testid=bot-status]").TextContent);
    }

    [Fact]
    public void A_messengers_own_words_are_shown_as_they_came()
    {
        var chip = InCulture("ru-RU", () => Render<BotStatusChip>(p => p
            .Add(c => c.State, BotState.Active).Add(c => c.Status, ConnectionStatus.Failing).Add(c => c.Reason, "Unauthorized")));

        Assert.Contains("Unauthorized", chip.Find("[data-testid=bot-status]").TextContent);
    }

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.ru.resx")]
    public void Every_known_reason_has_its_words_in_both_languages(string file)
    {
        var names = XDocument.Load(Path.Combine(RepositoryRoot(), "Bots1C.Web", "Resources", file)).Root!.Elements("data")
            .Select(d => d.Attribute("name")!.Value).ToHashSet();

        Assert.All(KnownReasons.All, r => Assert.Contains($"Reason.{r.Code}", names));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "Bots1C.sln")))
            dir = dir.Parent ?? throw new InvalidOperationException("Bots1C.sln not found above the test binaries");
        return dir.FullName;
    }

    private static T InCulture<T>(string culture, Func<T> render)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { return render(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }
}
