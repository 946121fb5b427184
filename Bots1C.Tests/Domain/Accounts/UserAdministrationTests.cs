using Bots1C.Domain.Accounts;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Accounts;

public class UserAdministrationTests : IAsyncLifetime
{
    private readonly Bots1CAppFactory _app = new();
    private AppUser _admin = default!;
    private UserAdministration Admin => _app.Services.GetRequiredService<UserAdministration>();

    public async Task InitializeAsync() =>
        _admin = await _app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private static NewUser Operator(string email = "ivan@example.ru", string password = HtmlForms.Password) =>
        new(email, "Ivan", password, [Roles.Operator]);

    [Fact]
    public async Task A_new_user_gets_the_chosen_roles_and_an_event_log_entry()
    {
        var result = await Admin.CreateAsync(new NewUser("ivan@example.ru", "Ivan", HtmlForms.Password, [Roles.Operator, Roles.Manager]), "admin@example.ru");

        Assert.True(result.Succeeded);
        var ivan = (await Admin.ListAsync()).Single(u => u.Email == "ivan@example.ru");
        Assert.Equal([Roles.Manager, Roles.Operator], ivan.Roles);
        Assert.Contains(await EventsAsync(), e => e.Code == "UserCreated" && e.Subject == "ivan@example.ru" && e.Actor == "admin@example.ru");
    }

    [Fact]
    public async Task A_duplicate_email_is_refused()
    {
        await Admin.CreateAsync(Operator(), "admin");
        var result = await Admin.CreateAsync(Operator("IVAN@example.ru"), "admin");
        Assert.Contains(result.Errors, e => e.Code is "DuplicateEmail" or "DuplicateUserName");
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_each_reason()
    {
        var result = await Admin.CreateAsync(Operator(password: "abc"), "admin");
        Assert.Equal(["PasswordRequiresDigit", "PasswordRequiresUpper", "PasswordTooShort"], result.Errors.Select(e => e.Code).Order());
    }

    [Fact]
    public async Task Missing_name_bad_email_and_no_role_are_refused_before_anything_is_stored()
    {
        var result = await Admin.CreateAsync(new NewUser("not-an-email", " ", HtmlForms.Password, []), "admin");
        Assert.Equal(["DisplayNameRequired", "InvalidEmail", "RoleRequired"], result.Errors.Select(e => e.Code).Order());
        Assert.Single(await Admin.ListAsync());
    }

    [Fact]
    public async Task A_missing_email_is_asked_for_not_called_invalid()
    {
        var result = await Admin.CreateAsync(new NewUser("", "Anna", HtmlForms.Password, [Roles.Operator]), "admin");
        var error = Assert.Single(result.Errors);
        Assert.Equal(("EmailRequired", "Enter the person's e-mail address."), (error.Code, error.Description));
    }

    [Fact]
    public async Task The_last_administrator_keeps_the_role()
    {
        var result = await Admin.SetRolesAsync(_admin.Id, [Roles.Operator], "admin");
        Assert.Equal("LastAdministrator", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Roles_change_and_the_change_is_logged()
    {
        await Admin.CreateAsync(Operator(), "admin");
        var ivan = (await Admin.ListAsync()).Single(u => u.Email == "ivan@example.ru");

        Assert.True((await Admin.SetRolesAsync(ivan.Id, [Roles.Manager], "admin@example.ru")).Succeeded);

        Assert.Equal([Roles.Manager], (await Admin.ListAsync()).Single(u => u.Id == ivan.Id).Roles);
        Assert.Contains(await EventsAsync(), e => e.Code == "RolesChanged" && e.Message.Contains("from Operator to Manager"));
    }

    [Fact]
    public async Task An_administrator_cannot_lock_themselves()
    {
        var result = await Admin.LockAsync(_admin.Id, _admin.Id, "admin");
        Assert.Equal("CannotLockYourself", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Locking_blocks_sign_in_and_unlocking_restores_it()
    {
        await Admin.CreateAsync(Operator(), "admin");
        var ivan = (await Admin.ListAsync()).Single(u => u.Email == "ivan@example.ru");

        await Admin.LockAsync(ivan.Id, _admin.Id, "admin");
        Assert.True((await Admin.ListAsync()).Single(u => u.Id == ivan.Id).IsLocked(DateTimeOffset.UtcNow));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _app.CreateBrowserLikeClient().SignInAsync("ivan@example.ru")).StatusCode);

        await Admin.UnlockAsync(ivan.Id, "admin");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await _app.CreateBrowserLikeClient().SignInAsync("ivan@example.ru")).StatusCode);
    }

    [Fact]
    public async Task A_reset_password_replaces_the_old_one()
    {
        await Admin.CreateAsync(Operator(), "admin");
        var ivan = (await Admin.ListAsync()).Single(u => u.Email == "ivan@example.ru");

        Assert.True((await Admin.ResetPasswordAsync(ivan.Id, "N3wPassword!", "admin")).Succeeded);

        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(ivan.Id))!;
        Assert.True(await users.CheckPasswordAsync(user, "N3wPassword!"));
        Assert.False(await users.CheckPasswordAsync(user, HtmlForms.Password));
    }

    [Fact]
    public async Task A_weak_reset_password_keeps_the_old_one()
    {
        await Admin.CreateAsync(Operator(), "admin");
        var ivan = (await Admin.ListAsync()).Single(u => u.Email == "ivan@example.ru");

        Assert.False((await Admin.ResetPasswordAsync(ivan.Id, "weak", "admin")).Succeeded);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await _app.CreateBrowserLikeClient().SignInAsync("ivan@example.ru")).StatusCode);
    }

    private async Task<List<Bots1C.Domain.EventLog.EventLogEntry>> EventsAsync()
    {
        await using var db = await _app.Db();
        return await db.Events.ToListAsync();
    }
}
