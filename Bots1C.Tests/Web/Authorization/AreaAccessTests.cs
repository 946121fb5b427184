using System.Net;
using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Components.Layout;

namespace Bots1C.Tests.Web.Authorization;

/// <summary>Who may open which page. Areas come from the navigation table, so each area a later issue adds
/// is checked here without touching this file; pages outside the drawer are listed in <see cref="ExtraPages"/>.</summary>
public class AreaAccessTests : IClassFixture<AreaAccessTests.AppWithEveryRole>
{
    private readonly AppWithEveryRole _app;

    public AreaAccessTests(AppWithEveryRole app) => _app = app;

    /// <summary>Pages not in the drawer, with the roles that may open them (none listed = any signed-in user).</summary>
    public static readonly (string Path, string[] Roles)[] ExtraPages =
    [
        ("/", []),
        ("/bots/new", [Roles.Administrator]),
        ("/bots/1", [Roles.Administrator, Roles.Manager]), // managers choose a bot's scenarios on its card
        ("/scenarios/1", [Roles.Administrator, Roles.Manager, Roles.Operator]),
    ];

    /// <summary>Every REST API route: without a valid X-Api-Key each answers 401, whoever is signed in.</summary>
    public static readonly (string Method, string Path)[] ApiEndpoints =
    [
        ("GET", "/api/v1/bots"), ("POST", "/api/v1/bots"), ("GET", "/api/v1/bots/1"), ("PUT", "/api/v1/bots/1"),
        ("DELETE", "/api/v1/bots/1"), ("POST", "/api/v1/bots/1/webhook"), ("POST", "/api/v1/bots/1/check"),
        ("POST", "/api/v1/messages"), ("GET", "/api/v1/messages/1"),
        ("GET", "/api/v1/conversations"), ("GET", "/api/v1/conversations/1/messages"),
        ("GET", "/api/v1/scenarios"), ("GET", "/api/v1/scenarios/1/export"), ("POST", "/api/v1/scenarios/import"),
    ];

    public static IEnumerable<object[]> Api() => ApiEndpoints.Select(e => new object[] { e.Method, e.Path });

    public static IEnumerable<object[]> Pages() =>
        NavigationAreas.All.Select(a => new object[] { "/" + a.Href, a.Roles })
            .Concat(ExtraPages.Select(p => new object[] { p.Path, p.Roles }));

    public static IEnumerable<object[]> PagesByRole() =>
        from page in Pages()
        from role in Roles.All
        select new[] { page[0], page[1], role };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string path, string[] _)
    {
        var response = await _app.CreateBrowserLikeClient().GetAsync(path);
        Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}", response.RedirectPath());
    }

    [Theory]
    [MemberData(nameof(PagesByRole))]
    public async Task A_signed_in_user_opens_only_the_pages_of_their_role(string path, string[] allowed, string role)
    {
        var client = _app.CreateBrowserLikeClient();
        await client.SignInAsync(AppWithEveryRole.EmailOf(role));

        var response = await client.GetAsync(path);

        var expected = allowed.Length == 0 || allowed.Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task An_operator_gets_403_from_the_users_page_with_an_explanation()
    {
        var client = _app.CreateBrowserLikeClient();
        await client.SignInAsync(AppWithEveryRole.EmailOf(Roles.Operator));

        var response = await client.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Access denied", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Api))]
    public async Task The_api_refuses_calls_without_a_valid_key(string method, string path)
    {
        var client = _app.CreateBrowserLikeClient();
        await client.SignInAsync(AppWithEveryRole.EmailOf(Roles.Administrator)); // a browser session is not an API key

        var missing = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var wrong = new HttpRequestMessage(new HttpMethod(method), path);
        wrong.Headers.Add("X-Api-Key", "b1c_not-a-key");
        var refused = await client.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/account/login")]
    [InlineData("/assets/css/bots1c.css")]
    public async Task Public_addresses_answer_without_sign_in(string path)
    {
        var response = await _app.CreateBrowserLikeClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public sealed class AppWithEveryRole : Bots1CAppFactory, IAsyncLifetime
    {
        public static string EmailOf(string role) => $"{role.ToLowerInvariant()}@example.ru";

        public async Task InitializeAsync()
        {
            foreach (var role in Roles.All)
                await CreateUserAsync(EmailOf(role), HtmlForms.Password, role);
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }
}
