using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bots1C.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bots1C.Tests.Web.Http;

/// <summary>
/// Programs (1C, messengers, the chat window, monitors) never get the HTML sign-in page: a call that matches no
/// endpoint under a machine path is answered with a JSON problem and its real status — 404, 405 or 415.
/// </summary>
public class MachineEndpointAnswerTests : IAsyncLifetime
{
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private string _botKey = "";

    public async Task InitializeAsync()
    {
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Site chat", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru/bots_unf",
            allowedOrigins = "https://shop.example.ru",
        });
        _botKey = ApiClient.BotKeyOf(bot);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private HttpClient Client(bool withKey)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (withKey)
            client.DefaultRequestHeaders.Add("X-Api-Key", ApiClient.Key);
        return client;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, (await response.ReadJsonAsync()).GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/nothing-here", true)]
    [InlineData("/api/v1/nothing-here", false)]
    [InlineData("/api/nothing-here", false)]
    [InlineData("/hubs/nothing-here", false)]
    [InlineData("/files", false)]
    public async Task A_path_with_no_endpoint_under_a_machine_prefix_is_a_404_problem(string path, bool withKey) =>
        await AssertProblemAsync(await Client(withKey).GetAsync(path), HttpStatusCode.NotFound);

    [Fact]
    public async Task An_unknown_path_below_a_webhook_or_the_chat_window_is_a_404_problem()
    {
        await AssertProblemAsync(await Client(false).GetAsync($"/webhooks/{_botKey}/extra"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await Client(false).GetAsync($"/webchat/{_botKey}/extra"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("DELETE", "/api/v1/bots", true)]
    [InlineData("PATCH", "/api/v1/bots", false)]
    [InlineData("PUT", "/api/license/requests", false)]
    [InlineData("PUT", "/webhooks/{bot}", false)]
    [InlineData("DELETE", "/webchat/{bot}/messages", false)]
    [InlineData("POST", "/files/some-token", false)]
    public async Task A_method_the_endpoint_does_not_take_is_a_405_problem_naming_the_allowed_ones(string method, string path, bool withKey)
    {
        var response = await Client(withKey).SendAsync(new HttpRequestMessage(new HttpMethod(method), path.Replace("{bot}", _botKey)));

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.NotEmpty(response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("/api/v1/bots", true)]
    [InlineData("/api/license/requests", false)]
    [InlineData("/webchat/{bot}/session", false)]
    public async Task A_body_of_a_type_the_endpoint_does_not_read_is_a_415_problem(string path, bool withKey)
    {
        var content = new StringContent("name=Shop", Encoding.UTF8, "text/plain");

        var response = await Client(withKey).PostAsync(path.Replace("{bot}", _botKey), content);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_API_call_without_a_key_to_an_existing_endpoint_stays_a_401()
    {
        var response = await Client(false).GetAsync("/api/v1/bots");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    /// <summary>The chat window is served by this app into its iframe, so its calls are same-origin: another site's
    /// script gets no permission to call the chat API from its own pages, and the refusal is not a redirect.</summary>
    [Fact]
    public async Task A_cross_origin_preflight_to_the_chat_API_is_refused_without_a_redirect_or_a_grant()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, $"/webchat/{_botKey}/messages");
        preflight.Headers.Add("Origin", "https://shop.example.ru");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-visitor-token");

        var response = await Client(false).SendAsync(preflight);

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task A_person_opening_an_unknown_page_still_gets_the_sign_in_page()
    {
        var response = await Client(false).GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString());
    }
}
