using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Runner;

namespace Bots1C.Tests.Domain.Scenarios.Runner;

/// <summary>Call method and HTTP request: the runner asks for the call, the processor feeds its outcome back.</summary>
public class CallStepTests
{
    private static RunnerChat Tagging() => RunnerChat.With(TaggingScenario()).WithVariable("city", "Kazan");

    private static RunnableScenario TaggingScenario() =>
        ScenarioBuilder.Named("Tag").OnCommand("/tag").StartsWith("m")
            .Message("m", "Tagging").Then("call")
            .CallMethod("call", "Conversation.SetTag", ("tag", "city-{{vars.city}}"), ("remove", "false"))
            .Result("count", "tags").On("ok", "done").On("failed", "oops")
            .Message("done", "Tagged ({{vars.tags}})").Message("oops", "Could not tag")
            .Build(10);

    [Fact]
    public void Call_method_returns_a_pending_call_with_rendered_arguments_and_waits_for_it()
    {
        var chat = Tagging();

        var result = chat.Send("/tag");

        Assert.Equal(["Tagging"], chat.Said);
        var call = Assert.IsType<PendingCall>(result.Call);
        Assert.Equal((10L, "call", StepKind.CallMethod, "Conversation.SetTag"), (call.ScenarioId, call.StepId, call.Kind, call.Method));
        Assert.Equal("city-Kazan", call.Arguments["tag"]);
        Assert.Equal("false", call.Arguments["REMOVE"]); // argument names ignore case
        Assert.Equal("tags", call.Results.Single().To);
        Assert.Null(call.Http);
        Assert.True(result.State.AwaitingCall);
        Assert.Equal("call", result.State.StepId);
    }

    [Fact]
    public void A_successful_call_leaves_by_ok_with_its_results_stored_in_variables()
    {
        var chat = Tagging();
        chat.Send("/tag");

        var result = chat.Complete(true, new Dictionary<string, string> { ["tags"] = "3" });

        Assert.Equal(["Tagged (3)"], chat.Said);
        Assert.Equal("3", result.State.Variables["tags"]);
        Assert.False(result.State.AwaitingCall);
        Assert.Null(result.Call);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_failed_call_leaves_by_failed_with_a_warning_naming_the_error()
    {
        var chat = Tagging();
        chat.Send("/tag");

        var result = chat.Complete(false, error: "database is down");

        Assert.Equal(["Could not tag"], chat.Said);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("CallFailed", warning.Code);
        Assert.Contains("database is down", warning.Message);
    }

    [Fact]
    public void A_call_result_when_no_call_is_awaited_is_dropped_with_a_warning()
    {
        var chat = Tagging();

        var result = chat.Complete(true);

        Assert.False(result.Handled);
        Assert.Empty(result.Replies);
        Assert.Equal("CallResultLost", result.Warnings.Single().Code);
    }

    [Fact]
    public void A_message_arriving_while_a_call_is_awaited_drops_the_call_and_is_handled_afresh()
    {
        var notMatched = ScenarioBuilder.Named("NM").StartsWith("m").Message("m", "Sorry").Build(2);
        var chat = RunnerChat.With(null, notMatched, TaggingScenario());
        chat.Send("/tag");

        var result = chat.Send("hello?");

        Assert.Equal(["Sorry"], chat.Said);
        Assert.False(result.State.AwaitingCall);
    }

    [Fact]
    public void Http_request_renders_variables_escaped_for_the_url_the_json_body_and_headers()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("Http").OnCommand("/http").StartsWith("h")
            .Http("h", "POST", "https://erp.example.com/orders/{{vars.number}}?who={{contact.firstName}}",
                """{"comment":"{{vars.comment}}","phone":"{{contact.phone}}"}""", timeoutSeconds: 500)
            .Header("X-Comment", "{{vars.comment}}")
            .Result("$.order.status", "status").On("ok", "done").On("failed", "done")
            .End("done").Build(10))
            .WithVariable("number", "A/1 2?&x=#")
            .WithVariable("comment", "He said \"hi\"\nnew line \\ тест");

        var call = chat.Send("/http").Call!;

        Assert.Equal(StepKind.HttpRequest, call.Kind);
        var http = call.Http!;
        Assert.Equal("POST", http.Method);
        Assert.Equal("https://erp.example.com/orders/A%2F1%202%3F%26x%3D%23?who=Anna", http.Url);
        Assert.Equal("He said \"hi\"\nnew line \\ тест",
            System.Text.Json.JsonDocument.Parse(http.Body!).RootElement.GetProperty("comment").GetString());
        Assert.Equal("", System.Text.Json.JsonDocument.Parse(http.Body!).RootElement.GetProperty("phone").GetString());
        Assert.Equal(KeyValuePair.Create("X-Comment", "He said \"hi\" new line \\ тест"), http.Headers.Single());
        Assert.Equal(TimeSpan.FromSeconds(60), http.Timeout);
        Assert.Equal("$.order.status", call.Results.Single().From);
    }

    [Fact]
    public void Http_request_without_a_body_sends_none()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("Http").OnCommand("/http").StartsWith("h")
            .Http("h", "GET", "https://erp.example.com/ping", body: "  ").On("ok", "done").On("failed", "done").End("done").Build(10));

        var call = chat.Send("/http").Call!;

        Assert.Null(call.Http!.Body);
        Assert.Equal(TimeSpan.FromSeconds(10), call.Http.Timeout);
    }

    [Fact]
    public void A_completed_http_call_continues_by_its_outcome()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("Http").OnCommand("/http").StartsWith("h")
            .Http("h", "GET", "https://erp.example.com/ping").On("ok", "yes").On("failed", "no")
            .Message("yes", "Status {{vars.status}}").Message("no", "Down").Build(10));
        chat.Send("/http");

        chat.Complete(true, new Dictionary<string, string> { ["status"] = "shipped" });

        Assert.Equal(["Status shipped"], chat.Said);
    }

    [Fact]
    public void Calls_one_after_another_each_come_back_as_pending_calls()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("Two").OnCommand("/two").StartsWith("a")
            .CallMethod("a", "Conversation.SetTag", ("tag", "one")).On("ok", "b").On("failed", "b")
            .CallMethod("b", "Conversation.SetTag", ("tag", "two")).On("ok", "end").On("failed", "end")
            .End("end", "Both done").Build(10));

        Assert.Equal("one", chat.Send("/two").Call!.Arguments["tag"]);
        Assert.Equal("two", chat.Complete(true).Call!.Arguments["tag"]);
        var last = chat.Complete(false);

        Assert.Null(last.Call);
        Assert.Equal(["Both done"], chat.Said);
    }

    [Fact]
    public void An_argument_named_twice_does_not_crash_the_runner_and_the_later_value_counts()
    {
        // Found by review: the arguments went into a dictionary with Add semantics, and a second "tag" (any case) threw.
        var chat = RunnerChat.With(ScenarioBuilder.Named("Twice").OnCommand("/twice").StartsWith("c")
            .CallMethod("c", "Conversation.SetTag", ("tag", "first"), ("Tag", "second")).On("ok", "end").On("failed", "end")
            .End("end").Build(10));

        var call = chat.Send("/twice").Call!;

        Assert.Equal("second", call.Arguments["tag"]);
    }
}
