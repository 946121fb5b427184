using System.Text.RegularExpressions;
using Bots1C.Domain.Scenarios.Methods;

namespace Bots1C.Domain.Scenarios;

/// <summary>
/// Everything that must hold before a bot may run a scenario: one start, every step reachable, every button
/// and outcome connected, known methods, valid variable names, existing Go-to targets, sane step settings.
/// A scenario with problems can still be saved, as a draft.
/// </summary>
public sealed partial class ScenarioChecker(ScenarioMethods methods, PrintForms.PrintFormTemplates printForms)
{
    public const int MaxSteps = 1000;
    public const int MaxTextLength = 4096;
    public const int MaxButtons = 12;
    public const int MaxButtonText = 64;
    public static readonly string[] HttpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,16}$")]
    private static partial Regex StepIdPattern();

    /// <param name="scenarioKeys">Keys of the scenarios a Go-to step may name (the stored ones plus any imported alongside).</param>
    public IReadOnlyList<ScenarioProblem> Check(ScenarioDefinition scenario, IReadOnlySet<string> scenarioKeys)
    {
        var problems = new List<ScenarioProblem>();
        void Add(string code, string message, string place, string? stepId = null) => problems.Add(new(code, message, place, stepId));

        if (string.IsNullOrWhiteSpace(scenario.Name))
            Add("NameRequired", "Give the scenario a name.", "Name");
        else if (scenario.Name.Length > 200)
            Add("NameTooLong", "The name is longer than 200 characters.", "Name");
        if (scenario.Description?.Length > 2000)
            Add("DescriptionTooLong", "The description is longer than 2000 characters.", "Description");
        if (string.IsNullOrWhiteSpace(scenario.Key) || scenario.Key.Length > 64)
            Add("KeyInvalid", "The scenario's key must be 1 to 64 characters.", "Key");
        CheckTriggers(scenario, Add);

        if (scenario.Steps.Count > MaxSteps)
            Add("TooManySteps", $"A scenario holds at most {MaxSteps} steps.", "Steps");
        var starts = scenario.Steps.Count(s => s.Kind == StepKind.Start);
        if (starts == 0)
            Add("NoStart", "The scenario needs a start step.", "Steps");
        else if (starts > 1)
            Add("ManyStarts", "A scenario has exactly one start step.", "Steps");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var step = scenario.Steps[i];
            var place = $"Steps[{i}]";
            if (!StepIdPattern().IsMatch(step.Id ?? ""))
                Add("StepIdInvalid", "A step id is 1 to 16 letters, digits, '-' or '_'.", place + ".Id", step.Id);
            else if (!ids.Add(step.Id!))
                Add("StepIdDuplicate", $"Two steps have the id '{step.Id}'.", place + ".Id", step.Id);
            if (!Enum.IsDefined(step.Kind))
                Add("StepKindUnknown", "The step's kind is unknown.", place + ".Kind", step.Id);
            else
                CheckStep(step, place, scenarioKeys, (code, message, where) => Add(code, message, where, step.Id));
        }
        CheckTransitions(scenario, Add);
        return problems;
    }

    private static void CheckTriggers(ScenarioDefinition scenario, Action<string, string, string, string?> add)
    {
        for (var i = 0; i < scenario.Triggers.Count; i++)
        {
            var trigger = scenario.Triggers[i];
            var place = $"Triggers[{i}]";
            if (!Enum.IsDefined(trigger.Kind))
                add("TriggerKindUnknown", "The trigger's kind is unknown.", place + ".Kind", null);
            else if (string.IsNullOrWhiteSpace(trigger.Value) || trigger.Value.Length > 200)
                add("TriggerEmpty", "A trigger needs a value of at most 200 characters.", place + ".Value", null);
            else if (trigger.Kind == TriggerKind.Command && !TriggerMatcher.IsCommand(trigger.Value))
                add("TriggerCommandInvalid", "A command starts with '/' and has no spaces, e.g. /start.", place + ".Value", null);
            else if (trigger.Kind is TriggerKind.Phrase or TriggerKind.Keyword && TriggerMatcher.Normalize(trigger.Value).Length == 0)
                add("TriggerEmpty", "A phrase or keyword needs letters or digits.", place + ".Value", null);
        }
    }

    private void CheckStep(Step step, string place, IReadOnlySet<string> scenarioKeys, Action<string, string, string> add)
    {
        void Text(bool required)
        {
            if (required && string.IsNullOrWhiteSpace(step.Text))
                add("TextRequired", "Write the text this step sends.", place + ".Text");
            CheckText(step.Text, place + ".Text", add);
        }

        switch (step.Kind)
        {
            case StepKind.Message:
                if (string.IsNullOrWhiteSpace(step.Text) && step.FileId is null)
                    add("TextRequired", "Write the text this step sends (or attach a file).", place + ".Text");
                Text(required: false);
                CheckButtons(step, place, add);
                break;
            case StepKind.Question:
                Text(required: true);
                CheckText(step.RetryText, place + ".RetryText", add);
                if (!ScenarioVariables.IsVariableName(step.Variable))
                    add("VariableInvalid", "Name the variable for the answer: letters, digits and '_', not starting with a digit.", place + ".Variable");
                if (!Enum.IsDefined(step.AnswerType))
                    add("AnswerTypeUnknown", "The answer type is unknown.", place + ".AnswerType");
                if (step.AnswerType == AnswerType.Choice && !step.Choices.Any(c => !string.IsNullOrWhiteSpace(c)))
                    add("ChoicesRequired", "A choice question needs at least one option.", place + ".Choices");
                if (step.Choices.Count > MaxButtons || step.Choices.Any(c => c.Length > MaxButtonText))
                    add("ChoicesTooMany", $"At most {MaxButtons} options of up to {MaxButtonText} characters.", place + ".Choices");
                CheckTries(step, place, add);
                break;
            case StepKind.RequestPhone:
                Text(required: true);
                // Used where the number is typed (the web chat, VK, Jivo): said for a text that is no phone number.
                CheckText(step.RetryText, place + ".RetryText", add);
                CheckTries(step, place, add);
                break;
            case StepKind.RequestEmail:
                Text(required: true);
                CheckText(step.RetryText, place + ".RetryText", add);
                CheckTries(step, place, add);
                break;
            case StepKind.Condition:
                if (!ScenarioVariables.IsReference(step.Left))
                    add("ConditionLeftInvalid", "Compare a variable (vars.name) or a contact field (contact.phone, …).", place + ".Left");
                if (!Enum.IsDefined(step.Operator))
                    add("OperatorUnknown", "The comparison is unknown.", place + ".Operator");
                else if (step.Operator is not (ConditionOperator.IsEmpty or ConditionOperator.IsNotEmpty) && step.Right is null)
                    add("ConditionRightRequired", "Enter the value to compare with.", place + ".Right");
                else if (step.Operator == ConditionOperator.MatchesPattern && !IsRegex(step.Right!))
                    add("PatternInvalid", "The pattern is not a valid regular expression.", place + ".Right");
                else
                    CheckText(step.Right, place + ".Right", add);
                break;
            case StepKind.CallMethod:
                if (methods.Find(step.Method) is not { } method)
                {
                    add("MethodUnknown", $"There is no method '{step.Method}'.", place + ".Method");
                    break;
                }
                foreach (var parameter in method.Parameters.Where(p => p.Required))
                    if (!step.Arguments.Any(a => string.Equals(a.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
                        add("ArgumentMissing", $"The method needs the argument '{parameter.Name}'.", place + ".Arguments");
                foreach (var name in step.Arguments.GroupBy(a => a.Name ?? "", StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
                    add("ArgumentDuplicate", $"The argument '{name}' is given more than once.", place + ".Arguments");
                foreach (var argument in step.Arguments)
                    if (!method.Parameters.Any(p => string.Equals(p.Name, argument.Name, StringComparison.OrdinalIgnoreCase)))
                        add("ArgumentUnknown", $"The method has no argument '{argument.Name}'.", place + ".Arguments");
                    else
                        CheckText(argument.Value, place + ".Arguments", add);
                for (var r = 0; r < step.Results.Count; r++)
                {
                    if (!method.Results.Contains(step.Results[r].From, StringComparer.OrdinalIgnoreCase))
                        add("ResultUnknown", $"The method returns no '{step.Results[r].From}'.", $"{place}.Results[{r}].From");
                    CheckResultVariable(step.Results[r], $"{place}.Results[{r}]", add);
                }
                break;
            case StepKind.HttpRequest:
                if (!HttpMethods.Contains(step.HttpMethod))
                    add("HttpMethodInvalid", "Choose GET, POST, PUT, PATCH or DELETE.", place + ".HttpMethod");
                if (string.IsNullOrWhiteSpace(step.Url) || !IsHttpUrlTemplate(step.Url))
                    add("UrlInvalid", "Enter a full http(s) address; it may hold variables.", place + ".Url");
                CheckText(step.Url, place + ".Url", add);
                CheckText(step.Body, place + ".Body", add);
                if (step.TimeoutSeconds is < 1 or > 60)
                    add("TimeoutInvalid", "The timeout is 1 to 60 seconds.", place + ".TimeoutSeconds");
                foreach (var header in step.Headers)
                {
                    if (!HeaderName().IsMatch(header.Name ?? ""))
                        add("HeaderInvalid", $"'{header.Name}' is not a header name.", place + ".Headers");
                    CheckText(header.Value, place + ".Headers", add);
                }
                for (var r = 0; r < step.Results.Count; r++)
                {
                    if (!JsonPaths.IsValid(step.Results[r].From))
                        add("JsonPathInvalid", $"'{step.Results[r].From}' is not a JSON path such as $.order.number.", $"{place}.Results[{r}].From");
                    CheckResultVariable(step.Results[r], $"{place}.Results[{r}]", add);
                }
                break;
            case StepKind.SendFile:
                if (step.FileId is null && string.IsNullOrWhiteSpace(step.PrintDocument))
                    add("FileRequired", "Choose the file to send, or the document whose print form to send.", place + ".FileId");
                // A misspelt form would only show up as a warning in the event log when a customer asks for it.
                if (!string.IsNullOrWhiteSpace(step.PrintForm) && printForms.Find(step.PrintForm) is null)
                    add("PrintFormUnknown", $"There is no print form '{step.PrintForm.Trim()}'; the forms are: {string.Join(", ", printForms.All.Select(f => f.Name))}.", place + ".PrintForm");
                CheckText(step.Text, place + ".Text", add);
                break;
            case StepKind.GoToScenario:
                if (string.IsNullOrWhiteSpace(step.TargetScenario))
                    add("TargetRequired", "Choose the scenario to go to.", place + ".TargetScenario");
                else if (!scenarioKeys.Contains(step.TargetScenario))
                    add("TargetMissing", "The scenario to go to does not exist.", place + ".TargetScenario");
                break;
            case StepKind.HandOver or StepKind.End:
                CheckText(step.Text, place + ".Text", add);
                break;
        }
    }

    private static void CheckButtons(Step step, string place, Action<string, string, string> add)
    {
        if (step.Buttons.Count > MaxButtons)
            add("ButtonsTooMany", $"A message has at most {MaxButtons} buttons.", place + ".Buttons");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var b = 0; b < step.Buttons.Count; b++)
        {
            var button = step.Buttons[b];
            var where = $"{place}.Buttons[{b}]";
            if (!StepIdPattern().IsMatch(button.Id ?? "") || !ids.Add(button.Id!))
                add("ButtonIdInvalid", "Each button needs its own short id.", where + ".Id");
            if (string.IsNullOrWhiteSpace(button.Text) || button.Text.Length > MaxButtonText)
                add("ButtonTextInvalid", $"A button's text is 1 to {MaxButtonText} characters.", where + ".Text");
            if (!string.IsNullOrWhiteSpace(button.Url) && !IsHttpUrlTemplate(button.Url))
                add("ButtonUrlInvalid", "A link button needs a full http(s) address.", where + ".Url");
        }
    }

    private static void CheckTries(Step step, string place, Action<string, string, string> add)
    {
        if (step.MaxTries is < 1 or > 10)
            add("MaxTriesInvalid", "Allow 1 to 10 tries.", place + ".MaxTries");
    }

    private static void CheckResultVariable(ResultMapping mapping, string place, Action<string, string, string> add)
    {
        if (!ScenarioVariables.IsVariableName(mapping.To))
            add("VariableInvalid", $"'{mapping.To}' is not a variable name.", place + ".To");
    }

    private static void CheckText(string? text, string place, Action<string, string, string> add)
    {
        if (text is null)
            return;
        if (text.Length > MaxTextLength)
            add("TextTooLong", $"The text is longer than {MaxTextLength} characters.", place);
        foreach (var unknown in ScenarioVariables.UnknownPlaceholders(text).Distinct())
            add("PlaceholderUnknown", $"{{{{{unknown}}}}} names no variable: use vars.<name> or contact.<field>.", place);
    }

    private static void CheckTransitions(ScenarioDefinition scenario, Action<string, string, string, string?> add)
    {
        var steps = scenario.Steps.Where(s => !string.IsNullOrEmpty(s.Id)).GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First());
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < scenario.Transitions.Count; i++)
        {
            var t = scenario.Transitions[i];
            var place = $"Transitions[{i}]";
            if (!steps.TryGetValue(t.From ?? "", out var from))
                add("TransitionFromMissing", $"An arrow starts at a step '{t.From}' that does not exist.", place + ".From", null);
            else if (!StepOutcomes.Of(from).Contains(t.Outcome))
                add("TransitionOutcomeInvalid", $"The step has no way out called '{t.Outcome}'.", place + ".Outcome", from.Id);
            else if (!seen.Add((t.From!, t.Outcome)))
                add("TransitionDuplicate", "One way out of a step leads to one step only.", place + ".Outcome", from.Id);
            if (!steps.TryGetValue(t.To ?? "", out var to))
                add("TransitionToMissing", $"An arrow leads to a step '{t.To}' that does not exist.", place + ".To", from?.Id);
            else if (to.Kind == StepKind.Start)
                add("TransitionToStart", "No arrow may lead back into the start.", place + ".To", from?.Id);
        }

        foreach (var step in scenario.Steps)
            foreach (var outcome in StepOutcomes.Of(step))
                if (!scenario.Transitions.Any(t => t.From == step.Id && t.Outcome == outcome))
                    add("OutcomeNotConnected", $"The way out '{outcome}' is not connected to a step.", $"Steps[{scenario.Steps.IndexOf(step)}]", step.Id);

        if (scenario.StartStep is not { } start)
            return;
        var reached = new HashSet<string> { start.Id };
        var queue = new Queue<string>([start.Id]);
        while (queue.TryDequeue(out var id))
            foreach (var t in scenario.Transitions.Where(t => t.From == id))
                if (t.To is not null && steps.ContainsKey(t.To) && reached.Add(t.To))
                    queue.Enqueue(t.To);
        for (var i = 0; i < scenario.Steps.Count; i++)
            if (!reached.Contains(scenario.Steps[i].Id))
                add("StepUnreachable", "No arrow leads to this step from the start.", $"Steps[{i}]", scenario.Steps[i].Id);
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Variables may stand for parts of the address, but it must start as a full http(s) address.</summary>
    private static bool IsHttpUrlTemplate(string url)
    {
        var sample = ScenarioVariables.Placeholder().Replace(url.Trim(), "x");
        return Uri.TryCreate(sample, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host);
    }

    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$")]
    private static partial Regex HeaderName();
}
