using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Components.Layout;
using Bunit;

namespace Bots1C.Tests.Web.Layout;

public class NavMenuTests : MudTestContext
{
    private List<string> LinksFor(params string[] roles)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("someone@example.ru");
        auth.SetRoles(roles);
        var menu = Render<NavMenu>();
        return menu.FindAll("a").Select(a => a.TextContent.Trim()).ToList();
    }

    [Fact]
    public void An_administrator_sees_every_administration_area() =>
        Assert.Equal(["Home", "Status", "Messenger", "Bots", "Scenarios", "Quick replies", "Counterparties", "Contacts", "Print forms", "Users", "Event log", "API keys", "License"], LinksFor(Roles.Administrator));

    [Fact]
    public void An_operator_sees_only_the_areas_open_to_operators() =>
        Assert.Equal(["Home", "Messenger", "Scenarios", "Counterparties", "Contacts"], LinksFor(Roles.Operator));

    [Fact]
    public void The_menu_names_the_running_version()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("operator@example.ru");
        auth.SetRoles(Roles.Operator);

        var version = Render<NavMenu>().Find("[data-testid=app-version]").TextContent;

        Assert.Equal($"Version {Bots1C.Web.Composition.AppVersion.Number}", version);
        Assert.Matches(@"^\d+\.\d+\.\d+$", Bots1C.Web.Composition.AppVersion.Number);
    }

    [Fact]
    public void Links_point_at_the_areas_pages()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("admin@example.ru");
        auth.SetRoles(Roles.Administrator);
        var hrefs = Render<NavMenu>().FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["", "dashboard", "messenger", "bots", "scenarios", "quick-replies", "directory/owners", "directory/contacts", "print-forms", "admin/users", "admin/events", "admin/api-keys", "admin/license"], hrefs);
    }

    [Fact]
    public void The_area_of_the_open_page_is_marked_active_also_on_its_sub_pages()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("admin@example.ru");
        auth.SetRoles(Roles.Administrator);
        Services.GetRequiredService<NavigationManager>().NavigateTo("bots/3");

        var menu = Render<NavMenu>();

        Assert.Equal(["bots"], menu.FindAll("a.active").Select(a => a.GetAttribute("href")));
        Assert.Equal("page", menu.Find("a.active").GetAttribute("aria-current"));
    }

    [Fact]
    public void Following_a_link_moves_the_active_mark()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("admin@example.ru");
        auth.SetRoles(Roles.Administrator);
        var menu = Render<NavMenu>();
        Assert.Equal([""], menu.FindAll("a.active").Select(a => a.GetAttribute("href")));

        Services.GetRequiredService<NavigationManager>().NavigateTo("admin/events?source=Licensing");

        menu.WaitForAssertion(() => Assert.Equal(["admin/events"], menu.FindAll("a.active").Select(a => a.GetAttribute("href"))));
    }
}
