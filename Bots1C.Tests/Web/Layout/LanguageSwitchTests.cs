using System.Globalization;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Components.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Bots1C.Tests.Web.Layout;

public class LanguageSwitchTests : MudTestContext
{
    [Fact]
    public void Choosing_a_language_reloads_through_the_culture_endpoint_and_comes_back()
    {
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("admin/users");
        var popovers = Render<MudPopoverProvider>();
        var sw = Render<LanguageSwitch>();

        sw.Find("button").Click();
        popovers.WaitForElement("[data-culture=ru]").Click();

        // MudBlazor closes the menu before it runs the item's handler, so the navigation may come a moment later.
        sw.WaitForAssertion(() => Assert.Equal("http://localhost/culture/set?culture=ru&returnUrl=admin%2Fusers", nav.Uri));
    }

    [Fact]
    public void The_current_language_is_ticked()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("ru");
        try
        {
            var popovers = Render<MudPopoverProvider>();
            var sw = Render<LanguageSwitch>();
            sw.Find("button").Click();
            var items = popovers.WaitForElements("[data-culture]");
            Assert.Equal(["Русский", "English"], items.Select(i => i.TextContent.Trim()));
            Assert.NotNull(popovers.Find("[data-culture=ru] svg"));
            Assert.Empty(popovers.FindAll("[data-culture=en] svg"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
