using System.Globalization;
using System.Resources;
using System.Security.Claims;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Web.MessengerScreen;
using Bots1C.Web.Features.Messenger;
using Bots1C.Web.Resources;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Bots1C.Tests.Web.Dates;

/// <summary>A list that updates itself: the update is rendered from a background event, which runs with the server's
/// culture, yet its dates and words must read as the person's language writes them.</summary>
public class LiveUpdateCultureTests : MessengerAppContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public LiveUpdateCultureTests()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("anna@example.ru");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "op-anna"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task A_row_added_by_a_background_update_in_a_Russian_circuit_shows_a_Russian_date()
    {
        var time = (await RowAddedInTheBackgroundAsync()).QuerySelector(".dialog-time")!;

        Assert.Matches(@"^\d{2}\.\d{2}\.\d{4}$", time.TextContent.Trim());
        Assert.Matches(@"^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$", time.GetAttribute("title"));
    }

    [Fact]
    public async Task A_row_added_by_a_background_update_in_a_Russian_circuit_says_its_state_in_Russian()
    {
        var state = (await RowAddedInTheBackgroundAsync()).QuerySelector("[data-testid=dialog-state]")!;

        Assert.Equal(RussianStrings.GetString("Conversation.State.Bot", Russian), state.TextContent.Trim());
    }

    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");
    private static readonly ResourceManager RussianStrings = new(typeof(SharedResource));

    /// <summary>Opens the messenger in a Russian circuit, then adds Pavel's conversation and announces it from a thread with
    /// the server's culture (en-US), as the message path does; returns Pavel's row once the list shows it.</summary>
    private async Task<AngleSharp.Dom.IElement> RowAddedInTheBackgroundAsync()
    {
        var circuitCulture = CultureInfo.CurrentCulture;
        var circuitUiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Russian;
        try
        {
            var shop = await BotAsync("Shop");
            await ConversationAsync(shop, "Olga", DateTimeOffset.UtcNow.AddDays(-5));
            var page = Render<MessengerPage>();
            page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=dialog-row]")), Wait);

            await Task.Run(async () =>
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
                var pavel = await ConversationAsync(shop, "Pavel", DateTimeOffset.UtcNow.AddDays(-3));
                await Service<ConversationNotifier>().PublishAsync(new ConversationEvent(shop, pavel.Id, null, ConversationChange.MessageAdded));
            });

            AngleSharp.Dom.IElement? row = null;
            page.WaitForAssertion(() => row = page.FindAll("[data-testid=dialog-row]")
                .Single(r => r.QuerySelector("[data-testid=dialog-name]")!.TextContent.Trim() == "Pavel"), Wait);
            return row!;
        }
        finally
        {
            CultureInfo.CurrentCulture = circuitCulture;
            CultureInfo.CurrentUICulture = circuitUiCulture;
        }
    }
}
