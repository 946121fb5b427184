using System.Security.Claims;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Components.Account;
using Bots1C.Web.Components.Layout;
using Bunit;

namespace Bots1C.Tests.Web.Layout;

public class UserMenuTests : MudTestContext
{
    [Fact]
    public void Shows_the_display_name_and_a_sign_out_that_posts()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("anna@example.ru");
        auth.SetClaims(new Claim(DisplayNameClaimsFactory.DisplayNameClaim, "Анна Петрова"));

        var menu = Render<UserMenu>();

        Assert.Equal("Анна Петрова", menu.Find("[data-testid=user-name]").TextContent.Trim());
        var form = menu.Find("form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("account/logout", form.GetAttribute("action"));
    }

    [Fact]
    public void Shows_nothing_to_an_anonymous_visitor()
    {
        AddAuthorization();
        Assert.Empty(Render<UserMenu>().FindAll("form"));
    }
}
