using System.Net;
using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Accounts;

public class SetupTests
{
    [Fact]
    public async Task Sign_in_sends_a_fresh_installation_to_setup()
    {
        using var app = new Bots1CAppFactory();
        var response = await app.CreateBrowserLikeClient().GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/setup", response.RedirectPath());
    }

    [Fact]
    public async Task Setup_creates_the_first_administrator_signs_them_in_and_opens_the_welcome_tour()
    {
        using var app = new Bots1CAppFactory();
        var client = app.CreateBrowserLikeClient();

        var response = await client.SubmitSetupAsync("Anna Admin", "anna@example.ru", HtmlForms.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/welcome", response.RedirectPath());
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = Assert.Single(await users.Users.ToListAsync());
        Assert.Equal("Anna Admin", admin.DisplayName);
        Assert.True(await users.IsInRoleAsync(admin, Roles.Administrator));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Setup_is_gone_once_a_user_exists()
    {
        using var app = new Bots1CAppFactory();
        await app.CreateUserAsync("first@example.ru", HtmlForms.Password, Roles.Operator);

        var response = await app.CreateBrowserLikeClient().GetAsync("/setup");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.RedirectPath());
    }

    [Fact]
    public async Task A_setup_form_posted_after_someone_else_finished_setup_creates_nobody()
    {
        using var app = new Bots1CAppFactory();
        var client = app.CreateBrowserLikeClient();
        var page = await client.GetPageAsync("/setup"); // opened while the installation was fresh
        await app.CreateUserAsync("first@example.ru", HtmlForms.Password, Roles.Administrator);

        var form = page.Forms.First();
        var fields = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>()
            .ToDictionary(i => i.Name!, i => i.Id switch
            {
                "name" => "Intruder", "email" => "intruder@example.ru", "password" or "confirm" => HtmlForms.Password, _ => i.Value,
            });
        await client.PostAsync("/setup", new FormUrlEncodedContent(fields));

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Null(await users.FindByEmailAsync("intruder@example.ru"));
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_every_reason()
    {
        using var app = new Bots1CAppFactory();
        var response = await app.CreateBrowserLikeClient().SubmitSetupAsync("Anna", "anna@example.ru", "short");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await HtmlForms.ParseAsync(response)).FormError();
        Assert.NotNull(error);
        Assert.Contains("at least 8 characters", error);
        Assert.Contains("digit", error);
        Assert.Contains("upper-case", error);
    }

    [Fact]
    public async Task Different_passwords_are_refused()
    {
        using var app = new Bots1CAppFactory();
        var response = await app.CreateBrowserLikeClient().SubmitSetupAsync("Anna", "anna@example.ru", HtmlForms.Password, "Other0nePassword");
        Assert.Contains("differ", (await HtmlForms.ParseAsync(response)).FormError());
    }

    [Fact]
    public async Task Bootstrap_settings_create_the_first_administrator_at_start()
    {
        using var app = new Bots1CAppFactory()
            .With("Bots1C:Bootstrap:AdminEmail", "ops@example.ru")
            .With("Bots1C:Bootstrap:AdminPassword", HtmlForms.Password);

        var response = await app.CreateBrowserLikeClient().SignInAsync("ops@example.ru");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync("ops@example.ru"))!, Roles.Administrator));
    }
}
