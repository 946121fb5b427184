using System.Net;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.EventLog;
using Bots1C.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bots1C.Tests.Web.Accounts;

/// <summary>What a stranger at the sign-in form can and cannot do: fill the database, guess fast, tell which
/// e-mails exist, or lock out someone else.</summary>
public class SignInProtectionTests
{
    private const string Email = "olga@example.ru";
    private const string Wrong = "Wr0ngPassword";

    [Fact]
    public async Task A_huge_typed_e_mail_is_stored_capped_with_an_ellipsis()
    {
        using var app = new Bots1CAppFactory();
        await app.CreateUserAsync(Email, HtmlForms.Password, Roles.Operator);
        var typed = new string('a', 100_000) + "@example.ru";

        await app.CreateBrowserLikeClient().SignInAsync(typed, Wrong);

        var failed = Assert.Single(await EventsAsync(app), e => e.Code == "SignInFailed");
        Assert.Equal(EventFieldLimits.Subject, failed.Subject!.Length);
        Assert.EndsWith("…", failed.Subject);
        Assert.StartsWith("aaaa", failed.Subject);
    }

    [Fact]
    public async Task Failed_sign_ins_from_one_address_within_a_minute_write_one_event_that_counts_the_rest()
    {
        using var app = new Bots1CAppFactory();
        await app.CreateUserAsync(Email, HtmlForms.Password, Roles.Operator);
        var client = app.CreateBrowserLikeClient().From("127.0.0.2");

        for (var attempt = 1; attempt <= 4; attempt++)
            await client.SignInAsync($"nobody{attempt}@example.ru", Wrong);

        var failed = Assert.Single(await EventsAsync(app), e => e.Code == "SignInFailed");
        Assert.Equal("nobody1@example.ru", failed.Subject);
        Assert.Contains("127.0.0.2", failed.Message);
        Assert.Contains("3 more", failed.Message);
    }

    [Fact]
    public async Task Another_address_gets_an_event_of_its_own()
    {
        using var app = new Bots1CAppFactory();
        await app.CreateUserAsync(Email, HtmlForms.Password, Roles.Operator);

        await app.CreateBrowserLikeClient().From("127.0.0.2").SignInAsync("first@example.ru", Wrong);
        await app.CreateBrowserLikeClient().From("127.0.0.3").SignInAsync("second@example.ru", Wrong);

        Assert.Equal(["first@example.ru", "second@example.ru"],
            (await EventsAsync(app)).Where(e => e.Code == "SignInFailed").Select(e => e.Subject));
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_from_one_address_get_429_and_a_page_that_says_so()
    {
        using var app = new Bots1CAppFactory().With("Bots1C:SignIn:AttemptsPerMinute", "3");
        await app.CreateUserAsync(Email, HtmlForms.Password, Roles.Operator);
        var client = app.CreateBrowserLikeClient().From("127.0.0.2");
        for (var attempt = 0; attempt < 3; attempt++)
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync($"nobody{attempt}@example.ru", Wrong)).StatusCode);

        var refused = await client.SignInAsync("nobody@example.ru", Wrong);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_limit_of_one_address_does_not_stop_another()
    {
        using var app = new Bots1CAppFactory().With("Bots1C:SignIn:AttemptsPerMinute", "1");
        await app.CreateUserAsync(Email, HtmlForms.Password, Roles.Operator);
        await app.CreateBrowserLikeClient().From("127.0.0.2").SignInAsync("nobody@example.ru", Wrong);

        var response = await app.CreateBrowserLikeClient().From("127.0.0.3").SignInAsync(Email);

        Assert.Equal("/", response.RedirectPath());
    }

    [Fact]
    public async Task Wrong_passwords_from_one_address_do_not_lock_the_account_for_another_address()
    {
        using var app = new Bots1CAppFactory();
        await app.CreateUserAsync(Email, HtmlForms.Password, Roles.Administrator);
        var stranger = app.CreateBrowserLikeClient().From("127.0.0.2");
        for (var attempt = 0; attempt < 5; attempt++)
            await stranger.SignInAsync(Email, Wrong);
        Assert.Contains("Too many failed attempts", (await HtmlForms.ParseAsync(await stranger.SignInAsync(Email))).FormError());

        var response = await app.CreateBrowserLikeClient().From("127.0.0.3").SignInAsync(Email);

        Assert.Equal("/", response.RedirectPath());
    }

    [Fact]
    public async Task Failures_across_many_e_mails_block_the_address_even_for_a_right_password()
    {
        using var app = new Bots1CAppFactory().With("Bots1C:SignIn:FailuresPerAddress", "3");
        await app.CreateUserAsync(Email, HtmlForms.Password, Roles.Operator);
        var client = app.CreateBrowserLikeClient().From("127.0.0.2");
        for (var attempt = 0; attempt < 3; attempt++)
            await client.SignInAsync($"nobody{attempt}@example.ru", Wrong);

        var response = await client.SignInAsync(Email);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Too many failed attempts", (await HtmlForms.ParseAsync(response)).FormError());
    }

    [Fact]
    public async Task An_unknown_e_mail_costs_one_password_hash_check_like_a_known_one()
    {
        var hasher = new CountingPasswordHasher();
        using var app = new Bots1CAppFactory().WithServices(s => s.Replace(ServiceDescriptor.Singleton<IPasswordHasher<AppUser>>(hasher)));
        await app.CreateUserAsync(Email, HtmlForms.Password, Roles.Operator);

        await app.CreateBrowserLikeClient().SignInAsync(Email, Wrong);
        var forKnown = hasher.Verifications;
        await app.CreateBrowserLikeClient().SignInAsync("nobody@example.ru", Wrong);

        Assert.Equal(1, forKnown);
        Assert.Equal(2, hasher.Verifications);
    }

    /// <summary>The real hasher, counting its checks: proves which path a sign-in took without timing it.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _real = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => _real.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private static async Task<List<EventLogEntry>> EventsAsync(Bots1CAppFactory app)
    {
        await using var db = await app.Db();
        return await db.Events.OrderBy(e => e.Id).ToListAsync();
    }
}
