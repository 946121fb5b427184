namespace Bots1C.Domain.Operators;

/// <summary>Settings under <c>Bots1C:Operators</c>.</summary>
public sealed class OperatorOptions
{
    public const string Section = "Bots1C:Operators";

    /// <summary>A taken-over dialog where nobody has written for this long returns to the bot; 0 keeps it forever.</summary>
    public int IdleReturnMinutes { get; set; } = 30;
}
