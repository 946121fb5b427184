using System.Globalization;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Bots;
using Bots1C.Domain.EventLog;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Admin.EventLog;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bots1C.Tests.Web.EventLog;

/// <summary>The event log page says each event's details in the reader's language from the values the writer kept;
/// an entry written before values were kept shows its English message, marked as English.</summary>
public class EventDetailsPageTests : MudTestContext
{
    private readonly Bots1CAppFactory _app = new();
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture, _uiCulture = CultureInfo.CurrentUICulture;

    public EventDetailsPageTests()
    {
        Services.AddSingleton(_app.Services.GetRequiredService<EventLogQuery>());
        Services.AddSingleton(_app.Services.GetRequiredService<IOptions<EventLogOptions>>());
        Services.AddSingleton(_app.Services.GetRequiredService<BotCatalog>());
    }

    private IRenderedComponent<Bots1C.Web.Features.Admin.EventLog.EventLogPage> RenderIn(string culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return Render<Bots1C.Web.Features.Admin.EventLog.EventLogPage>();
    }

    private async Task CreateOperatorThroughUserAdministrationAsync() =>
        Assert.True((await _app.Services.GetRequiredService<UserAdministration>()
            .CreateAsync(new NewUser("olga@example.ru", "Olga", HtmlForms.Password, [Roles.Operator, Roles.Manager]), "admin@example.ru")).Succeeded);

    [Fact]
    public async Task A_Russian_reader_sees_the_details_of_an_event_the_app_wrote_in_Russian()
    {
        await CreateOperatorThroughUserAdministrationAsync();

        var page = RenderIn("ru-RU");

        page.WaitForAssertion(() =>
        {
            var details = page.FindAll("[data-testid=event-details]").Single(d => d.TextContent.Contains("Пользователь создан"));
            Assert.Equal("Пользователь создан, роли: Менеджер, Оператор.", details.TextContent.Trim());
            Assert.False(details.HasAttribute("lang"));
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_English_reader_sees_the_same_event_in_English()
    {
        await CreateOperatorThroughUserAdministrationAsync();

        var page = RenderIn("en-US");

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=event-details]"),
            d => d.TextContent.Trim() == "User created with roles: Manager, Operator."), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_entry_written_before_values_were_kept_shows_its_English_message_marked_as_English()
    {
        await using (var db = await _app.Db())
        {
            db.Events.Add(new EventLogEntry { At = DateTimeOffset.UtcNow, Level = EventLevel.Warning, Source = EventSources.Delivery,
                Code = "DeliveryFailed", Message = "A message to chat 42 was not delivered: blocked" });
            await db.SaveChangesAsync();
        }

        var page = RenderIn("ru-RU");

        page.WaitForAssertion(() =>
        {
            var details = page.FindAll("[data-testid=event-details]").Single(d => d.TextContent.Contains("chat 42"));
            Assert.Equal("en", details.GetAttribute("lang"));
            Assert.Contains("Сообщение не доставлено", page.Markup); // the title is Russian all the same
        }, TimeSpan.FromSeconds(10));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
            return;
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        _app.Dispose();
    }
}
