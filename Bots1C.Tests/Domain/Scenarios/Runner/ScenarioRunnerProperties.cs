using Bots1C.Domain.Channels;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Runner;
using FsCheck.Xunit;

namespace Bots1C.Tests.Domain.Scenarios.Runner;

/// <summary>
/// Properties over random valid bots and random conversations. The exact step bound: a run counts a step before
/// the guard's check (<c>++steps &gt; LoopGuard</c>), a run executes at most one chain of steps, and the processor
/// passes a call's continuation the steps counted so far — so <c>StepsTaken ≤ LoopGuard + 1</c>, always.
/// </summary>
public class ScenarioRunnerProperties
{
    private const int MaxCallsPerMessage = ScenarioRunner.DefaultLoopGuard + 2;

    [Property(Arbitrary = [typeof(RunnerArbitraries)], MaxTest = 300)]
    public void Generated_scenarios_pass_the_checker(ScenarioDefinition[] set)
    {
        var checker = new ScenarioChecker(ScenarioCheckerTests.BuiltInMethods, ScenarioCheckerTests.BuiltInPrintForms);
        var keys = set.Select(s => s.Key).ToHashSet();
        foreach (var scenario in set)
            Assert.Empty(checker.Check(scenario, keys));
    }

    [Property(Arbitrary = [typeof(RunnerArbitraries)], MaxTest = 500)]
    public void The_runner_never_throws_stays_within_the_loop_guard_and_leaves_a_valid_state(RunnerCase @case)
    {
        var runnable = @case.Scenarios.Select((s, i) => new RunnableScenario(RunnerCase.FirstId + i, s)).ToList();
        var bot = BotScenarios.Of(runnable,
            @case.MainMenu is { } m ? runnable[m] : null,
            @case.NotMatched is { } n ? runnable[n] : null);
        var runner = new ScenarioRunner();
        var settings = RunnerSettings.Default;
        var state = ScenarioState.Idle;
        var contact = new ContactFacts("Anna", null, "anna", null, null, "ru");
        var now = RunnerChat.T0;
        var seen = new List<Button>();
        var calls = 0;

        RunResult Run(RunnerInput input, ScenarioState from, int stepsSoFar)
        {
            var result = runner.Run(bot, from, contact, input, now, settings, stepsSoFar);
            Check(bot, settings, input, from, result);
            var again = runner.Run(bot, from, contact, input, now, settings, stepsSoFar);
            Assert.True(SameOutcome(result, again), "the runner is a pure function: the same run twice gives the same outcome");
            seen.AddRange(result.Replies.SelectMany(r => r.Buttons));
            state = result.State;
            contact = result.Contact;
            return result;
        }

        foreach (var act in @case.Acts)
        {
            now = now.AddMinutes(act.MinutesBefore);
            var callbacks = seen.Where(b => b.Kind == ButtonKind.Callback).ToList();
            RunnerInput input = act switch
            {
                Act.Type t => new RunnerInput.Text(t.Text),
                Act.TypeButtonText t => new RunnerInput.Text(seen.Count == 0 ? "hello" : seen[t.K % seen.Count].Text),
                Act.PressSeen p when callbacks.Count > 0 => new RunnerInput.ButtonPress(callbacks[p.K % callbacks.Count].Payload, callbacks[p.K % callbacks.Count].Text),
                Act.PressSeen => new RunnerInput.ButtonPress("s100:s0:b0", null),
                Act.PressPayload p => new RunnerInput.ButtonPress(p.Payload, p.Text),
                Act.SharePhone s => new RunnerInput.PhoneShared(s.Phone, s.Own),
                Act.StartScenario s => new RunnerInput.StartScenario(RunnerCase.FirstId + s.Index),
                Act.StrayCallResult c => new RunnerInput.CallCompleted(c.Ok, new Dictionary<string, string> { ["a"] = "stray" }, null),
                _ => throw new InvalidOperationException(act.ToString()),
            };
            var result = Run(input, state, 0);

            // The processor performs each call and feeds its outcome back, with the steps counted so far.
            var perMessage = 0;
            while (result.Call is not null && act.CompleteCalls)
            {
                Assert.True(++perMessage <= MaxCallsPerMessage, "calls on one message must end (loop guard)");
                var ok = @case.CallOutcomes[calls++ % @case.CallOutcomes.Count];
                var variables = ok ? new Dictionary<string, string> { ["b"] = "from call", ["c"] = "12.5" } : new Dictionary<string, string>();
                result = Run(new RunnerInput.CallCompleted(ok, variables, ok ? null : "HTTP 500"), state with { AwaitingCall = true }, result.StepsTaken);
            }
            if (result.Call is not null)
                state = state with { AwaitingCall = false }; // as stored: the processor never keeps AwaitingCall
        }
    }

    private static bool SameOutcome(RunResult a, RunResult b) =>
        a.State with { Variables = [] } == b.State with { Variables = [] }
        && a.State.Variables.OrderBy(v => v.Key).SequenceEqual(b.State.Variables.OrderBy(v => v.Key))
        && a.Replies.Select(r => (r.Text, r.FileId, string.Join("|", r.Buttons))).SequenceEqual(b.Replies.Select(r => (r.Text, r.FileId, string.Join("|", r.Buttons))))
        && (a.Call?.StepId, a.Call?.Http?.Url, a.Call?.Http?.Body) == (b.Call?.StepId, b.Call?.Http?.Url, b.Call?.Http?.Body)
        && a.Contact == b.Contact && a.Handled == b.Handled && a.StepsTaken == b.StepsTaken
        && a.Warnings.SequenceEqual(b.Warnings);

    private static void Check(BotScenarios bot, RunnerSettings settings, RunnerInput input, ScenarioState before, RunResult result)
    {
        Assert.InRange(result.StepsTaken, 0, settings.LoopGuard + 1);
        foreach (var reply in result.Replies)
        {
            Assert.True(reply.Text is not null || reply.FileId is not null, "a reply has a text or a file");
            foreach (var button in reply.Buttons)
            {
                Assert.NotNull(button.Text);
                if (button.Kind == ButtonKind.Callback)
                {
                    Assert.NotNull(button.Payload);
                    Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(button.Payload), 1, 64);
                    Assert.NotNull(ButtonPayloads.Parse(button.Payload));
                }
            }
        }
        if (!result.Handled)
            Assert.Empty(result.Replies);
        Assert.Equal(result.Call is not null, result.State.AwaitingCall);

        var state = result.State;
        if (state.IsIdle)
        {
            Assert.Null(state.StepId);
            Assert.False(state.AwaitingCall);
            return;
        }
        Assert.False(state.WaitingForOperator && !state.IsIdle, "an operator's conversation is idle for the bot");
        var scenario = bot.Find(state.ScenarioId);
        Assert.True(scenario is not null, $"state names scenario {state.ScenarioId} that does not run (input {input})");
        var step = scenario.Definition.FindStep(state.StepId);
        Assert.True(step is not null, $"state names step '{state.StepId}' missing from {scenario.Name} (input {input})");
        if (state == before)
            return; // untouched (e.g. a stray call result): whatever it was, the runner did not make it
        if (state.AwaitingCall)
            Assert.True(step.Kind is StepKind.CallMethod or StepKind.HttpRequest, $"awaiting a call at a {step.Kind} step");
        else
        {
            Assert.True(StepOutcomes.Waits(step), $"the conversation rests at '{step.Id}', a {step.Kind} step that does not wait (input {input})");
            Assert.NotNull(state.WaitingSince);
        }
        Assert.InRange(state.Variables.Count, 0, 200);
    }
}
