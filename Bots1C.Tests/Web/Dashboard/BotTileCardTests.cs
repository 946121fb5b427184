using System.Globalization;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Dashboard;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Dashboard;
using Bunit;

namespace Bots1C.Tests.Web.Dashboard;

/// <summary>A bot's tile names its messenger as people know it, in the reader's language, not by the code's name.</summary>
public class BotTileCardTests : MudTestContext
{
    private static BotTile Tile(Messenger messenger) => new(1, "Shop", messenger, BotState.Active, ConnectionStatus.Established, null, null,
        null, null, 0, 0, 0, 0, 0, 0, null, null, null, null, null);

    [Theory]
    [InlineData(Messenger.WebChat, "en-US", "Web chat")]
    [InlineData(Messenger.WebChat, "ru-RU", "Веб-чат")]
    [InlineData(Messenger.Vk, "ru-RU", "ВКонтакте")]
    [InlineData(Messenger.Max, "en-US", "MAX")]
    public void The_tile_names_the_messenger_in_the_readers_language(Messenger messenger, string culture, string expected)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var tile = Render<BotTileCard>(p => p.Add(c => c.Tile, Tile(messenger)));
            Assert.Equal(expected, tile.Find("[data-testid=bot-tile-messenger]").TextContent.Trim());
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
