using System.Globalization;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Resources;

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
}
