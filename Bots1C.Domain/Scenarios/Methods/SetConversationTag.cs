namespace Bots1C.Domain.Scenarios.Methods;

/// <summary><c>Conversation.SetTag(tag[, remove])</c>: marks the conversation (operators see and filter by tags).</summary>
public sealed class SetConversationTag : IScenarioMethod
{
    public const int MaxTagLength = 50;
    public string Name => "Conversation.SetTag";
    public IReadOnlyList<MethodParameter> Parameters { get; } =
    [
        new("tag", true, "the tag, e.g. vip"),
        new("remove", false, "\"true\" to take the tag off instead"),
    ];
    public IReadOnlyList<string> Results { get; } = [];

    public Task<MethodOutcome> InvokeAsync(ScenarioMethodContext context, IReadOnlyDictionary<string, string> arguments, CancellationToken ct)
    {
        var tag = arguments.GetValueOrDefault("tag")?.Trim().ToLowerInvariant() ?? "";
        if (tag.Length is 0 or > MaxTagLength)
            return Task.FromResult(MethodOutcome.Failure($"A tag is 1 to {MaxTagLength} characters."));
        var tags = context.Conversation.Tags;
        var remove = string.Equals(arguments.GetValueOrDefault("remove")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        if (remove)
            tags.Remove(tag);
        else if (!tags.Contains(tag))
            tags.Add(tag);
        return Task.FromResult(MethodOutcome.Success());
    }
}
