using System.Text;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Methods;
using Bots1C.Domain.Scenarios.Runner;
using Bots1C.Tests.Domain.Scenarios.Runner;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Bots1C.Tests.Domain.Scenarios;

/// <summary>
/// The executor against a real HTTP server on loopback (WireMock) through a real HttpClient: JSON paths into
/// variables, failures of every kind as "failed" (never an exception), and the built-in methods.
/// </summary>
public sealed class ScenarioCallExecutorTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly ServiceProvider _services;
    private readonly ScenarioCallExecutor _executor;
    private readonly Conversation _conversation = new() { Id = 5, Contact = new Contact { FirstName = "Anna", ExternalUserId = "u1" } };

    public ScenarioCallExecutorTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHttpClient(ScenarioCallExecutor.HttpClientName);
        services.AddSingleton<IScenarioMethod, SetContactField>();
        services.AddSingleton<IScenarioMethod, SetConversationTag>();
        services.AddSingleton<ScenarioMethods>();
        services.AddSingleton<ScenarioCallExecutor>();
        _services = services.BuildServiceProvider();
        _executor = _services.GetRequiredService<ScenarioCallExecutor>();
    }

    public void Dispose()
    {
        _server.Stop();
        _services.Dispose();
    }

    // No database is touched by HTTP calls or by these two methods: they change the tracked conversation only.
    private ScenarioMethodContext Context => new(null!, 1, _conversation);

    private void Answers(int status, string body, string contentType = "application/json", TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);
        if (delay is { } d)
            response = response.WithDelay(d);
        _server.Given(Request.Create().WithPath("/api/*")).RespondWith(response);
    }

    private PendingCall Get(string path = "/api/order", TimeSpan? timeout = null, params (string From, string To)[] results) =>
        new(10, "h", StepKind.HttpRequest, null, new Dictionary<string, string>(),
            new HttpCall("GET", _server.Url + path, null, [], timeout ?? TimeSpan.FromSeconds(5)),
            results.Select(r => new ResultMapping { From = r.From, To = r.To }).ToList());

    private Task<RunnerInput.CallCompleted> Execute(PendingCall call) => _executor.ExecuteAsync(call, Context, CancellationToken.None);

    [Fact]
    public async Task A_json_answer_fills_variables_by_json_paths()
    {
        Answers(200, """{"a":{"b":"deep"},"items":[{"sum":12.5},{"sum":3}],"n":42,"obj":{"x":1},"nothing":null}""");

        var completed = await Execute(Get(results: [("$.a.b", "ab"), ("items[0].sum", "sum"), ("$.n", "n"), ("$.obj", "obj"), ("$.items[1].sum", "second")]));

        Assert.True(completed.Ok);
        Assert.Null(completed.Error);
        Assert.Equal(new Dictionary<string, string> { ["ab"] = "deep", ["sum"] = "12.5", ["n"] = "42", ["obj"] = """{"x":1}""", ["second"] = "3" },
            completed.Variables);
    }

    [Fact]
    public async Task A_path_that_finds_nothing_or_null_sets_no_variable()
    {
        Answers(200, """{"a":1,"nothing":null,"list":[1,2]}""");

        var completed = await Execute(Get(results: [("$.missing", "m"), ("$.nothing", "n"), ("$.list[*]", "many")]));

        Assert.True(completed.Ok);
        Assert.Empty(completed.Variables);
    }

    [Fact]
    public async Task A_json_string_that_looks_like_a_date_is_read_as_written()
    {
        Answers(200, """{"deliveryAt":"2025-12-31T10:00:00","day":"2025-12-31"}""");

        var completed = await Execute(Get(results: [("$.deliveryAt", "at"), ("$.day", "day")]));

        Assert.Equal("2025-12-31T10:00:00", completed.Variables["at"]);
        Assert.Equal("2025-12-31", completed.Variables["day"]);
    }

    [Fact]
    public async Task Numbers_and_flags_are_read_as_json_writes_them()
    {
        Answers(200, """{"sum":12.50,"big":12345678901234567890.12,"paid":true}""");

        var completed = await Execute(Get(results: [("$.sum", "sum"), ("$.big", "big"), ("$.paid", "paid")]));

        Assert.Equal("12.50", completed.Variables["sum"]);
        Assert.Equal("12345678901234567890.12", completed.Variables["big"]);
        Assert.Equal("true", completed.Variables["paid"]);
    }

    [Fact]
    public async Task A_successful_answer_with_text_after_the_json_is_ok_without_variables()
    {
        Answers(200, """{"a":"1"} and then some""");

        var completed = await Execute(Get(results: [("$.a", "a")]));

        Assert.True(completed.Ok);
        Assert.Empty(completed.Variables);
    }

    [Fact]
    public async Task A_server_error_fails_with_the_status_in_the_error()
    {
        Answers(500, """{"error":"boom"}""");

        var completed = await Execute(Get(results: [("$.error", "e")]));

        Assert.False(completed.Ok);
        Assert.Contains("500", completed.Error);
        Assert.Contains("/api/order", completed.Error);
        Assert.Empty(completed.Variables);
    }

    [Fact]
    public async Task A_not_found_fails_too()
    {
        var completed = await Execute(Get("/nothing-here"));

        Assert.False(completed.Ok);
        Assert.Contains("404", completed.Error);
    }

    [Fact]
    public async Task A_server_slower_than_the_steps_timeout_fails_as_a_timeout()
    {
        Answers(200, "{}", delay: TimeSpan.FromSeconds(3));

        var completed = await Execute(Get(timeout: TimeSpan.FromSeconds(1)));

        Assert.False(completed.Ok);
        Assert.Contains("did not answer within 1 s", completed.Error);
    }

    [Fact]
    public async Task A_successful_answer_that_is_not_json_is_ok_without_variables()
    {
        Answers(200, "<html>OK</html>", "text/html");

        var completed = await Execute(Get(results: [("$.a", "a")]));

        Assert.True(completed.Ok);
        Assert.Empty(completed.Variables);
    }

    [Fact]
    public async Task An_empty_successful_answer_is_ok_without_variables()
    {
        Answers(204, "");

        var completed = await Execute(Get(results: [("$.a", "a")]));

        Assert.True(completed.Ok);
        Assert.Empty(completed.Variables);
    }

    [Fact]
    public async Task An_answer_larger_than_the_limit_fails()
    {
        var big = "{\"a\":\"" + new string('x', ScenarioCallExecutor.MaxResponseBytes) + "\"}";
        Answers(200, big);

        var completed = await Execute(Get(results: [("$.a", "a")]));

        Assert.False(completed.Ok);
        Assert.Contains("larger than", completed.Error);
    }

    [Fact]
    public async Task An_answer_just_within_the_limit_is_read()
    {
        var body = "{\"a\":\"" + new string('x', ScenarioCallExecutor.MaxResponseBytes - 8) + "\"}";
        Assert.Equal(ScenarioCallExecutor.MaxResponseBytes, Encoding.UTF8.GetByteCount(body));
        Answers(200, body);

        var completed = await Execute(Get(results: [("$.a", "a")]));

        Assert.True(completed.Ok);
        Assert.Equal(ScenarioCallExecutor.MaxResponseBytes - 8, completed.Variables["a"].Length);
    }

    [Fact]
    public async Task A_server_that_is_not_there_fails()
    {
        var url = _server.Url!;
        _server.Stop();

        var completed = await Execute(new PendingCall(10, "h", StepKind.HttpRequest, null, new Dictionary<string, string>(),
            new HttpCall("GET", url + "/api/x", null, [], TimeSpan.FromSeconds(5)), []));

        Assert.False(completed.Ok);
        Assert.Contains("failed", completed.Error);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"a\":\"cut short")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\nZZ\r\n")]
    [InlineData("this is not http\r\n\r\n")]
    public async Task A_broken_answer_fails_instead_of_throwing(string raw)
    {
        // WireMock always answers well-formed HTTP, so a raw socket on loopback plays the broken server.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[8192];
            _ = await stream.ReadAsync(buffer);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(raw));
            await stream.FlushAsync();
            client.Client.Shutdown(System.Net.Sockets.SocketShutdown.Both);
        });

        var completed = await Execute(new PendingCall(10, "h", StepKind.HttpRequest, null, new Dictionary<string, string>(),
            new HttpCall("GET", $"http://127.0.0.1:{port}/api/x", null, [], TimeSpan.FromSeconds(5)),
            [new ResultMapping { From = "$.a", To = "a" }]));
        await serve;

        Assert.False(completed.Ok);
        Assert.NotNull(completed.Error);
    }

    [Theory]
    [InlineData("ftp://example.com/x")]
    [InlineData("not a url")]
    [InlineData("")]
    public async Task An_address_that_is_not_http_fails_without_a_request(string url)
    {
        var completed = await Execute(new PendingCall(10, "h", StepKind.HttpRequest, null, new Dictionary<string, string>(),
            new HttpCall("GET", url, null, [], TimeSpan.FromSeconds(5)), []));

        Assert.False(completed.Ok);
        Assert.Contains("is not an http(s) address", completed.Error);
    }

    [Fact]
    public async Task The_runners_http_call_reaches_the_server_as_rendered_and_the_answer_continues_the_scenario()
    {
        Answers(200, """{"order":{"status":"shipped"}}""");
        var scenario = ScenarioBuilder.Named("Order").OnCommand("/order").StartsWith("h")
            .Http("h", "POST", _server.Url + "/api/orders/{{vars.number}}", """{"comment":"{{vars.comment}}"}""")
            .Header("X-Customer", "{{contact.firstName}}")
            .Result("$.order.status", "status").On("ok", "ok").On("failed", "bad")
            .Message("ok", "Order {{vars.number}} is {{vars.status}}").Message("bad", "No luck")
            .Build(10);
        var chat = RunnerChat.With(scenario).WithVariable("number", "A 1/2").WithVariable("comment", "say \"hi\"");

        var call = chat.Send("/order").Call!;
        var completed = await Execute(call);
        chat.Run(completed);

        Assert.Equal(["Order A 1/2 is shipped"], chat.Said);
        var request = Assert.Single(_server.LogEntries).RequestMessage;
        Assert.Equal("POST", request.Method);
        // WireMock shows %20 decoded but keeps %2F: the variable's slash stayed inside one path segment.
        Assert.EndsWith("/api/orders/A 1%2F2", request.Url);
        Assert.Equal("say \"hi\"", System.Text.Json.JsonDocument.Parse(request.Body!).RootElement.GetProperty("comment").GetString());
        Assert.Equal("Anna", request.Headers!["X-Customer"].Single());
        Assert.Contains("application/json", request.Headers!["Accept"].Single());
        Assert.StartsWith("application/json", request.Headers!["Content-Type"].Single());
    }

    [Fact]
    public async Task A_method_call_runs_the_method_and_succeeds()
    {
        var call = new PendingCall(10, "c", StepKind.CallMethod, "conversation.settag",
            new Dictionary<string, string> { ["tag"] = " VIP " }, null, []);

        var completed = await Execute(call);

        Assert.True(completed.Ok);
        Assert.Equal(["vip"], _conversation.Tags);
    }

    [Fact]
    public async Task A_method_that_reports_failure_fails_with_its_error()
    {
        var call = new PendingCall(10, "c", StepKind.CallMethod, "Contact.SetField",
            new Dictionary<string, string> { ["field"] = "phone", ["value"] = "not a phone" }, null, []);

        var completed = await Execute(call);

        Assert.False(completed.Ok);
        Assert.Contains("not a phone number", completed.Error);
    }

    [Fact]
    public async Task An_unknown_method_fails()
    {
        var call = new PendingCall(10, "c", StepKind.CallMethod, "Orders.Cancel", new Dictionary<string, string>(), null, []);

        var completed = await Execute(call);

        Assert.False(completed.Ok);
        Assert.Contains("There is no method 'Orders.Cancel'", completed.Error);
    }
}
