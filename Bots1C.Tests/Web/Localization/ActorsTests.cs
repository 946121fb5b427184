using System.Globalization;
using Bots1C.Tests.Infrastructure;
using Bots1C.Domain.ApiKeys;
using Bots1C.Web.Features.Admin.ApiKeys;
using Bots1C.Web.Resources;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Localization;

/// <summary>What the app did by itself is named in the reader's language where people read who did it (the event log,
/// the license page); people keep their own names.</summary>
public class ActorsTests : MudTestContext
{
    [Theory]
    [InlineData(Actors.BootstrapSettings, "из файла настроек")]
    [InlineData("setup page", "со страницы первого запуска")]
    [InlineData("command line", "из командной строки")]
    [InlineData("Анна Иванова", "Анна Иванова")]
    public void The_apps_own_actors_read_in_Russian_and_people_keep_their_names(string stored, string shown)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("ru");
        try
        {
            Assert.Equal(shown, Actors.Display(stored, Strings));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void The_api_keys_page_says_in_words_that_a_key_came_from_the_settings_file()
    {
        using var app = new Bots1CAppFactory().WithApiKey(); // the key is made at the first start, from the settings
        Services.AddSingleton(app.Services.GetRequiredService<ApiKeyStore>());
        AddAuthorization().SetAuthorized("admin@example.ru");
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("ru");
        try
        {
            var page = Render<ApiKeysPage>();

            page.WaitForAssertion(() => Assert.Contains("из файла настроек", page.Markup), TimeSpan.FromSeconds(5));
            Assert.DoesNotContain(Actors.BootstrapSettings, page.Markup);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
