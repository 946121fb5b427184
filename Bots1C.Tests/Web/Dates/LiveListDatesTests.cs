using System.Globalization;
using System.Security.Claims;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Web.MessengerScreen;
using Bots1C.Web.Features.Messenger;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Bots1C.Tests.Web.Dates;

/// <summary>A list that updates itself: the update is rendered from a background event, which runs with the server's
/// culture, yet its dates must read as the person's language writes them.</summary>
public class LiveListDatesTests : MessengerAppContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public LiveListDatesTests()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("anna@example.ru");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "op-anna"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task A_row_added_by_a_background_update_in_a_Russian_circuit_shows_a_Russian_date()
    {
        var circuitCulture = CultureInfo.CurrentCulture;
        var circuitUiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru-RU");
        try
        {
            var shop = await BotAsync("Shop");
            await ConversationAsync(shop, "Olga", DateTimeOffset.UtcNow.AddDays(-5));
            var page = Render<MessengerPage>();
            page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=dialog-row]")), Wait);

            // The message path publishes from its own thread, whose culture is the server's (en-US here).
            await Task.Run(async () =>
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
                var pavel = await ConversationAsync(shop, "Pavel", DateTimeOffset.UtcNow.AddDays(-3));
                await Service<ConversationNotifier>().PublishAsync(new ConversationEvent(shop, pavel.Id, null, ConversationChange.MessageAdded));
            });

            page.WaitForAssertion(() =>
            {
                var time = page.FindAll("[data-testid=dialog-row]")
                    .Single(r => r.QuerySelector("[data-testid=dialog-name]")!.TextContent.Trim() == "Pavel")
                    .QuerySelector(".dialog-time")!;
                Assert.Matches(@"^\d{2}\.\d{2}\.\d{4}$", time.TextContent.Trim());
                Assert.Matches(@"^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$", time.GetAttribute("title"));
            }, Wait);
        }
        finally
        {
            CultureInfo.CurrentCulture = circuitCulture;
            CultureInfo.CurrentUICulture = circuitUiCulture;
        }
    }
}
