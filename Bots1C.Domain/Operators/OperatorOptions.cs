namespace Bots1C.Domain.Operators;

/// <summary>Settings under <c>Bots1C:Operators</c>.</summary>
public sealed class OperatorOptions
{
    public const string Section = "Bots1C:Operators";

    /// <summary>A taken-over dialog where nobody has written for this long returns to the bot; 0 keeps it forever.</summary>
    public int IdleReturnMinutes { get; set; } = 30;

    /// <summary>A customer who writes again within this many minutes after an operator closed their dialog goes back to
    /// that operator (when online, else to the waiting queue) instead of the bot; 0 turns it off.</summary>
    public int ReopenToOperatorMinutes { get; set; } = 60;
}
