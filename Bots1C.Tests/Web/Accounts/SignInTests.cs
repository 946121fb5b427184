using System.Net;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Accounts;

/// <summary>Signing in (ASP.NET Identity over the app's database); <see cref="SignInTestsOnPostgres"/> runs it on PostgreSQL.</summary>
public class SignInTests
{
    private const string Email = "olga@example.ru";

    protected virtual DatabaseKind Database => DatabaseKind.Sqlite;

    [SkippableFact]
    public async Task The_right_password_signs_in_and_returns_to_the_page_asked_for()
    {
        using var app = Bots1CAppFactory.On(Database);
        await app.CreateUserAsync(Email, HtmlForms.Password, Roles.Administrator);
        var client = app.CreateBrowserLikeClient();

        var response = await client.SubmitFormAsync("/account/login?ReturnUrl=%2Fadmin%2Fevents",
            new Dictionary<string, string> { ["email"] = Email, ["password"] = HtmlForms.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/events", response.RedirectPath());
    }

    [SkippableFact]
    public async Task A_return_address_outside_the_app_is_replaced_by_home()
    {
        using var app = Bots1CAppFactory.On(Database);
        await app.CreateUserAsync(Email, HtmlForms.Password, Roles.Operator);

        var response = await app.CreateBrowserLikeClient().SubmitFormAsync("/account/login?ReturnUrl=%2F%2Fevil.example",
            new Dictionary<string, string> { ["email"] = Email, ["password"] = HtmlForms.Password });

        Assert.Equal("/", response.RedirectPath());
    }

    [SkippableFact]
    public async Task A_wrong_password_gets_a_clear_message_and_an_event_log_entry()
    {
        using var app = Bots1CAppFactory.On(Database);
        await app.CreateUserAsync(Email, HtmlForms.Password, Roles.Operator);

        var response = await app.CreateBrowserLikeClient().SignInAsync(Email, "Wr0ngPassword");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong e-mail or password", (await HtmlForms.ParseAsync(response)).FormError());
        Assert.Contains(await EventsAsync(app), e => e.Code == "SignInFailed" && e.Subject == Email);
    }

    [SkippableFact]
    public async Task Five_wrong_passwords_from_one_address_lock_it_out_of_the_account_even_with_the_right_one()
    {
        using var app = Bots1CAppFactory.On(Database);
        await app.CreateUserAsync(Email, HtmlForms.Password, Roles.Operator);
        var client = app.CreateBrowserLikeClient();

        for (var attempt = 0; attempt < 5; attempt++)
            await client.SignInAsync(Email, "Wr0ngPassword");
        var response = await client.SignInAsync(Email, HtmlForms.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Too many failed attempts", (await HtmlForms.ParseAsync(response)).FormError());
        Assert.Single(await EventsAsync(app), e => e.Code == "LockedOut" && e.Subject == Email);
    }

    [SkippableFact]
    public async Task A_user_locked_by_an_administrator_is_told_so()
    {
        using var app = Bots1CAppFactory.On(Database);
        var admin = await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);
        var user = await app.CreateUserAsync(Email, HtmlForms.Password, Roles.Operator);
        await app.Services.GetRequiredService<UserAdministration>().LockAsync(user.Id, admin.Id, admin.Email!);

        var response = await app.CreateBrowserLikeClient().SignInAsync(Email);

        Assert.Contains("locked by an administrator", (await HtmlForms.ParseAsync(response)).FormError());
    }

    [SkippableFact]
    public async Task Sign_out_ends_the_session()
    {
        using var app = Bots1CAppFactory.On(Database);
        await app.CreateUserAsync(Email, HtmlForms.Password, Roles.Administrator);
        var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(Email);

        var home = await client.GetPageAsync("/");
        var token = home.QuerySelector("form[action='account/logout'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal("/account/login", response.RedirectPath());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [SkippableFact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused_and_the_session_stays()
    {
        using var app = Bots1CAppFactory.On(Database);
        await app.CreateUserAsync(Email, HtmlForms.Password, Roles.Administrator);
        var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(Email);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    private static async Task<List<Bots1C.Domain.EventLog.EventLogEntry>> EventsAsync(Bots1CAppFactory app)
    {
        await using var db = await app.Db();
        return await db.Events.ToListAsync();
    }
}

[Trait("Database", "Postgres")]
public class SignInTestsOnPostgres : SignInTests
{
    protected override DatabaseKind Database => DatabaseKind.Postgres;
}
