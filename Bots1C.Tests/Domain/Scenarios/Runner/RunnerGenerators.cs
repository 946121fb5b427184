using Bots1C.Domain.Scenarios;
using FsCheck;
using FsCheck.Fluent;

namespace Bots1C.Tests.Domain.Scenarios.Runner;

/// <summary>One thing the customer (or the clock, or the processor) does; resolved against what the bot said so far.</summary>
public abstract record Act
{
    /// <summary>Minutes that pass before the act (0 mostly; sometimes past the idle timeout).</summary>
    public int MinutesBefore { get; init; }
    /// <summary>Whether the processor completes the calls this act leads to (false: the next message arrives first).</summary>
    public bool CompleteCalls { get; init; } = true;

    public sealed record Type(string Text) : Act;
    /// <summary>Types the text of the k-th button seen so far (Viber reply buttons, choices).</summary>
    public sealed record TypeButtonText(int K) : Act;
    /// <summary>Presses the k-th callback button seen so far, however old.</summary>
    public sealed record PressSeen(int K) : Act;
    public sealed record PressPayload(string? Payload, string? Text) : Act;
    public sealed record SharePhone(string Phone, bool Own) : Act;
    public sealed record StartScenario(int Index) : Act;
    /// <summary>A call result nobody asked for.</summary>
    public sealed record StrayCallResult(bool Ok) : Act;
}

/// <summary>A bot with 1–3 valid scenarios (Go-to between them), its main menu and not-matched choices, and what happens.</summary>
public sealed record RunnerCase(IReadOnlyList<ScenarioDefinition> Scenarios, int? MainMenu, int? NotMatched,
    IReadOnlyList<Act> Acts, IReadOnlyList<bool> CallOutcomes)
{
    public const long FirstId = 100;

    public override string ToString() =>
        $"MainMenu={MainMenu}, NotMatched={NotMatched}, Calls=[{string.Join(",", CallOutcomes)}]\n"
        + string.Join("\n", Scenarios.Select(ScenarioJson.Serialize)) + "\n"
        + string.Join("\n", Acts);
}

/// <summary>FsCheck generators of valid scenarios and input sequences.</summary>
public static class RunnerGenerators
{
    public static readonly string[] Variables = ["a", "b", "c"];

    private static readonly string[] Texts =
        ["Hello", "Hi {{contact.firstName}}", "You said {{vars.a}}", "{{vars.b}}", "Phone {{contact.phone}}, e-mail {{contact.email}}", "Ёлка!", "{{ vars.c }} and {{contact.name}}"];

    private static readonly string[] Rights = ["", "42", "{{vars.a}}", "hello", "2025-12-31", "1 234,5", "^\\d+$", ".*", "{{contact.firstName}}"];

    public static Gen<string> Text => Gen.Elements(Texts);

    /// <summary>Words a customer may type: menu words, trigger-ish words, answers of every type, junk.</summary>
    public static Gen<string> Typed(int scenarios) => Gen.OneOf(
        Gen.Elements("/start", "/start@MyBot", "/menu", "menu", "Меню", "главное меню", "start"),
        Gen.Choose(0, Math.Max(0, scenarios - 1)).SelectMany(i => Gen.Elements($"/c{i}", $"/C{i}@MyBot x", $"hello {i}", $"Hello, {i}!", $"a word{i} here", $"word{i}")),
        Gen.Elements("42", "1 234,5", "-3", "31.12.2025", "2025-02-30", "anna@example.com", "anna@", "8 (912) 345-67-89", "+7 912 345 67 89", "12345"),
        Gen.Elements("Red", "зелёный", "yes", "Yes 👍", "", " ", "(", "{{vars.a}}", "s100:s0:b0", new string('x', 1200), "Hello"));

    private static Gen<T> Pick<T>(IReadOnlyList<T> items) => Gen.Elements(items.AsEnumerable());

    /// <summary>The settings of one step of the given kind, all valid for the checker.</summary>
    private static Gen<Step> StepOf(StepKind kind, string id, int scenarios) => kind switch
    {
        StepKind.Message =>
            from text in Text
            from buttons in Gen.Choose(0, 3)
            from link in Gen.Elements(false, false, true)
            from labels in Gen.Elements("Yes 👍", "No", "Red", "{{vars.a}} ok", "Menu").ArrayOf(buttons)
            from file in Gen.Elements<long?>(null, null, 7)
            select new Step
            {
                Id = id, Kind = kind, Text = text, FileId = file, FileName = file is null ? null : "f.pdf",
                Buttons = labels.Select((label, i) => new StepButton { Id = $"b{i}", Text = label })
                    .Concat(link ? [new StepButton { Id = "l", Text = "Site", Url = "https://example.com/?q={{vars.a}}" }] : []).ToList(),
            },
        StepKind.Question =>
            from text in Text
            from variable in Pick(Variables)
            from type in Gen.Elements(Enum.GetValues<AnswerType>())
            from tries in Gen.Choose(1, 4)
            from retry in Gen.Elements<string?>(null, "Again, {{contact.firstName}}", "Once more")
            select new Step
            {
                Id = id, Kind = kind, Text = text, Variable = variable, AnswerType = type, MaxTries = tries, RetryText = retry,
                Choices = type == AnswerType.Choice ? ["Red", "Зелёный", "Yes 👍"] : [],
            },
        StepKind.RequestPhone => Text.Select(text => new Step { Id = id, Kind = kind, Text = text }),
        StepKind.RequestEmail =>
            from text in Text
            from tries in Gen.Choose(1, 3)
            select new Step { Id = id, Kind = kind, Text = text, MaxTries = tries, RetryText = "E-mail please" },
        StepKind.Condition =>
            from left in Gen.Elements("vars.a", "vars.b", "vars.c", "contact.phone", "contact.firstName", "contact.email")
            from op in Gen.Elements(Enum.GetValues<ConditionOperator>())
            from right in Gen.Elements(Rights)
            select new Step { Id = id, Kind = kind, Left = left, Operator = op, Right = right },
        StepKind.CallMethod => Gen.Elements(
            new Step { Id = id, Kind = kind, Method = "Conversation.SetTag", Arguments = [new NameValue { Name = "tag", Value = "t-{{vars.a}}" }] },
            new Step
            {
                Id = id, Kind = kind, Method = "Contact.SetField",
                Arguments = [new NameValue { Name = "field", Value = "email" }, new NameValue { Name = "value", Value = "{{vars.b}}" }],
            }),
        StepKind.HttpRequest =>
            from method in Gen.Elements(ScenarioChecker.HttpMethods)
            from timeout in Gen.Choose(1, 60)
            select new Step
            {
                Id = id, Kind = kind, HttpMethod = method, Url = "https://erp.example.com/o/{{vars.a}}?p={{contact.phone}}",
                Body = method == "GET" ? null : """{"a":"{{vars.a}}"}""", TimeoutSeconds = timeout,
                Headers = [new NameValue { Name = "X-A", Value = "{{vars.c}}" }],
                Results = [new ResultMapping { From = "$.x.y", To = "b" }, new ResultMapping { From = "items[0].sum", To = "c" }],
            },
        StepKind.SendFile => Gen.Elements<string?>(null, "Here you are").Select(text => new Step { Id = id, Kind = kind, FileId = 9, FileName = "p.pdf", Text = text }),
        StepKind.GoToScenario => Gen.Choose(0, scenarios - 1).Select(i => new Step { Id = id, Kind = kind, TargetScenario = $"k{i}" }),
        StepKind.HandOver => Text.Select(text => new Step { Id = id, Kind = kind, Text = text }),
        StepKind.End =>
            from text in Gen.Elements<string?>(null, "Bye", "Bye {{vars.a}}")
            from menu in Gen.Elements(false, true)
            select new Step { Id = id, Kind = kind, Text = text, ShowMainMenu = menu },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static readonly (int, StepKind)[] KindWeights =
    [
        (5, StepKind.Message), (4, StepKind.Question), (2, StepKind.RequestPhone), (2, StepKind.RequestEmail), (5, StepKind.Condition),
        (2, StepKind.CallMethod), (2, StepKind.HttpRequest), (1, StepKind.SendFile), (1, StepKind.GoToScenario), (1, StepKind.HandOver),
        (1, StepKind.End),
    ];

    /// <summary>
    /// A valid scenario: random steps whose every outcome leads to a random step (cycles included), then the steps
    /// the start cannot reach dropped (only unreachable steps pointed at them, so every kept outcome stays connected).
    /// </summary>
    public static Gen<ScenarioDefinition> ScenarioOf(int index, int scenarios) =>
        from count in Gen.Choose(1, 10)
        from kinds in Gen.Frequency(KindWeights.Select(w => (w.Item1, Gen.Constant(w.Item2)))).ArrayOf(count)
        from steps in Gen.CollectToArray(kinds.Select((kind, i) => StepOf(kind, $"s{i}", scenarios)))
        from targets in Gen.Choose(0, count - 1).ArrayOf(count * 4 + 1)
        from interruptible in Gen.Elements(true, true, false)
        from triggers in Gen.SubListOf(
            new Trigger { Kind = TriggerKind.Command, Value = $"/c{index}" },
            new Trigger { Kind = TriggerKind.Phrase, Value = $"Hello {index}" },
            new Trigger { Kind = TriggerKind.Keyword, Value = $"word{index}" },
            new Trigger { Kind = TriggerKind.ButtonPayload, Value = $"pay{index}" })
        select Assemble(index, steps, targets, interruptible, [.. triggers]);

    private static ScenarioDefinition Assemble(int index, Step[] steps, int[] targets, bool interruptible, List<Trigger> triggers)
    {
        var definition = ScenarioDefinition.New($"Scenario {index}");
        definition.Key = $"k{index}";
        definition.Interruptible = interruptible;
        definition.Triggers = triggers;
        definition.Steps.AddRange(steps);
        var t = 0;
        foreach (var step in definition.Steps)
            foreach (var outcome in StepOutcomes.Of(step))
                definition.Transitions.Add(new Transition { From = step.Id, Outcome = outcome, To = steps[targets[t++ % targets.Length]].Id });

        var reached = new HashSet<string> { "start" };
        var queue = new Queue<string>(["start"]);
        while (queue.TryDequeue(out var id))
            foreach (var next in definition.Transitions.Where(x => x.From == id).Select(x => x.To))
                if (reached.Add(next))
                    queue.Enqueue(next);
        definition.Steps.RemoveAll(s => !reached.Contains(s.Id));
        definition.Transitions.RemoveAll(x => !reached.Contains(x.From));
        return definition;
    }

    public static Gen<Act> ActOf(int scenarios) =>
        from act in Gen.Frequency(
            (8, Typed(scenarios).Select(text => (Act)new Act.Type(text))),
            (3, Gen.Choose(0, 50).Select(k => (Act)new Act.TypeButtonText(k))),
            (6, Gen.Choose(0, 50).Select(k => (Act)new Act.PressSeen(k))),
            (1, Gen.Elements<string?>(null, "", "pay0", "pay1", "s100:s0:b0", "s101:s1:b1", "s999:x:y", "s100:s0", "garbage", new string('s', 80))
                .SelectMany(p => Gen.Elements<string?>(null, "Menu", "Yes 👍", "Hello 0"), (p, text) => (Act)new Act.PressPayload(p, text))),
            (2, Gen.Elements("+79123456789", "8 912 345 67 89", "123", "").SelectMany(_ => Gen.Elements(true, true, false), (phone, own) => (Act)new Act.SharePhone(phone, own))),
            (1, Gen.Choose(0, scenarios).Select(i => (Act)new Act.StartScenario(i))),
            (1, Gen.Elements(true, false).Select(ok => (Act)new Act.StrayCallResult(ok))))
        from minutes in Gen.Frequency((12, Gen.Constant(0)), (2, Gen.Choose(1, 29)), (2, Gen.Choose(31, 600)))
        from complete in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        select act with { MinutesBefore = minutes, CompleteCalls = complete };

    public static Gen<ScenarioDefinition[]> ScenarioSet =>
        Gen.Choose(1, 3).SelectMany(n => Gen.CollectToArray(Enumerable.Range(0, n).Select(i => ScenarioOf(i, n))));

    public static Gen<RunnerCase> Cases =>
        from set in ScenarioSet
        from menu in Gen.Elements<int?>([null, .. Enumerable.Range(0, set.Length).Cast<int?>()])
        from notMatched in Gen.Elements<int?>([null, .. Enumerable.Range(0, set.Length).Cast<int?>()])
        from acts in ActOf(set.Length).ListOf().Select(l => l.Take(25).ToList()).Where(l => l.Count > 0)
        from calls in Gen.Elements(true, true, false).ArrayOf(8)
        select new RunnerCase(set, menu, notMatched, acts, calls);
}

/// <summary>Registers the generators with FsCheck.</summary>
public static class RunnerArbitraries
{
    public static Arbitrary<RunnerCase> Cases() => RunnerGenerators.Cases.ToArbitrary();
    public static Arbitrary<ScenarioDefinition[]> ScenarioSets() => RunnerGenerators.ScenarioSet.ToArbitrary();
}
