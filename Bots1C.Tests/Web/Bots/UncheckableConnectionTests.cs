using Bots1C.Domain.Bots;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Bots;

/// <summary>A messenger with no way to check a bot's credentials (JivoChat) leaves the bot "not checked", with the reason,
/// instead of marking a bot that may work perfectly as failing on the bot list and the dashboard.</summary>
public class UncheckableConnectionTests
{
    [Fact]
    public async Task Check_now_on_a_JivoChat_bot_says_it_cannot_be_checked_and_does_not_mark_it_failing()
    {
        using var app = new Bots1CAppFactory();
        var catalog = app.Services.GetRequiredService<BotCatalog>();
        var bot = (await catalog.CreateAsync(new BotInput
        {
            Name = "Jivo shop", Messenger = Messenger.JivoChat, Token = "jivo-agreed-token-5f2c9a", ExtraId = "bots1c-provider",
            PublicBaseUrl = "https://bot.example.ru/bots_unf", State = BotState.Disabled,
        }, "test")).Bot!;

        var outcome = await app.Services.GetRequiredService<BotConnection>().CheckAsync(bot.Id, "admin");

        Assert.True(outcome!.NotCheckable);
        var stored = await app.StoredBotAsync(bot.Id);
        Assert.Equal(ConnectionStatus.Unknown, stored.Status);
        Assert.StartsWith("JivoChat has no call that confirms", stored.StatusReason);
        Assert.NotNull(stored.StatusCheckedAt);
    }
}
