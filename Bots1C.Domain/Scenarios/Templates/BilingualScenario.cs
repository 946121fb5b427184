namespace Bots1C.Domain.Scenarios.Templates;

/// <summary>
/// One shipped template in both languages as one scenario a manager can read on the canvas: the start leads to a
/// condition on <c>contact.replyLanguage</c> ("Reply in English?"), whose "yes" arrow leads to the English version and
/// "no" to the Russian one. Nothing new to learn in the editor — the same condition step a manager would draw — and each
/// branch is the single-language template as it ships, so the two never drift apart. Step ids get <c>-ru</c>/<c>-en</c>;
/// the reader's language is drawn on top and names the scenario; the triggers of both languages start it.
/// </summary>
public static class BilingualScenario
{
    public const string ConditionStepId = "language";
    private const double BranchGap = 160, ShiftRight = 240;

    public static ScenarioDefinition Combine(ScenarioDefinition russian, ScenarioDefinition english, string readerLanguage)
    {
        var readerIsRussian = readerLanguage == "ru";
        var (top, bottom) = readerIsRussian ? (russian, english) : (english, russian);
        var combined = new ScenarioDefinition
        {
            Key = top.Key,
            Name = $"{top.Name} (RU/EN)",
            Description = (top.Description + (readerIsRussian
                ? " Отвечает на языке клиента: первый шаг решает, отвечать ли по-английски (ветка «да») или по-русски (ветка «нет»)."
                : " Answers in the customer's language: the first step decides whether to reply in English (the \"yes\" branch) or in Russian (\"no\").")).Trim(),
            Interruptible = top.Interruptible,
            Triggers = top.Triggers.Concat(bottom.Triggers)
                .DistinctBy(t => (t.Kind, TriggerMatcher.Normalize(t.Value)))
                .Select(t => new Trigger { Kind = t.Kind, Value = t.Value }).ToList(),
        };

        var topHeight = Height(top);
        var middle = 40 + (topHeight + BranchGap) / 2;
        combined.Steps.Add(new Step { Id = "start", Kind = StepKind.Start, X = 40, Y = middle });
        combined.Steps.Add(new Step
        {
            Id = ConditionStepId, Kind = StepKind.Condition, X = 240, Y = middle,
            Title = readerIsRussian ? "Отвечать по-английски?" : "Reply in English?",
            Left = "contact.replyLanguage", Operator = ConditionOperator.Equals, Right = "en",
        });
        combined.Transitions.Add(new Transition { From = "start", Outcome = StepOutcomes.Next, To = ConditionStepId });

        AddBranch(combined, top, readerIsRussian ? "ru" : "en", shiftDown: 0);
        AddBranch(combined, bottom, readerIsRussian ? "en" : "ru", shiftDown: topHeight + BranchGap);
        return combined;
    }

    private static void AddBranch(ScenarioDefinition combined, ScenarioDefinition version, string language, double shiftDown)
    {
        var start = version.StartStep ?? throw new InvalidOperationException($"The template {version.Key} has no start.");
        string Id(string id) => $"{id}-{language}";
        var minY = version.Steps.Where(s => s.Kind != StepKind.Start).Select(s => s.Y).DefaultIfEmpty(0).Min();
        foreach (var step in version.Steps.Where(s => s.Kind != StepKind.Start))
        {
            var copy = ScenarioJson.Clone(new ScenarioDefinition { Steps = [step] }).Steps[0];
            copy.Id = Id(step.Id);
            copy.X = step.X + ShiftRight;
            copy.Y = step.Y - minY + 40 + shiftDown;
            combined.Steps.Add(copy);
        }
        if (version.Next(start.Id, StepOutcomes.Next) is { } first)
            combined.Transitions.Add(new Transition
            {
                From = ConditionStepId, Outcome = language == "en" ? StepOutcomes.True : StepOutcomes.False, To = Id(first),
            });
        foreach (var transition in version.Transitions.Where(t => t.From != start.Id))
            combined.Transitions.Add(new Transition { From = Id(transition.From), Outcome = transition.Outcome, To = Id(transition.To) });
    }

    private static double Height(ScenarioDefinition version)
    {
        var ys = version.Steps.Where(s => s.Kind != StepKind.Start).Select(s => s.Y).ToList();
        return ys.Count == 0 ? 0 : ys.Max() - ys.Min() + 120;
    }
}
