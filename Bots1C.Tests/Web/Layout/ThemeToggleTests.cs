using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Components.Layout;
using Bunit;

namespace Bots1C.Tests.Web.Layout;

public class ThemeToggleTests : MudTestContext
{
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void A_click_asks_for_the_other_mode(bool isDark, bool expected)
    {
        bool? asked = null;
        var toggle = Render<ThemeToggle>(p => p
            .Add(t => t.IsDark, isDark)
            .Add(t => t.IsDarkChanged, value => asked = value));

        toggle.Find("[data-testid=theme-toggle]").Click();

        Assert.Equal(expected, asked);
    }

    [Fact]
    public void The_button_names_the_mode_it_switches_to()
    {
        var toggle = Render<ThemeToggle>(p => p.Add(t => t.IsDark, false));
        Assert.Equal("Dark theme", toggle.Find("[data-testid=theme-toggle]").GetAttribute("aria-label"));
    }
}
