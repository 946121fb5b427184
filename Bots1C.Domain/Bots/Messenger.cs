namespace Bots1C.Domain.Bots;

/// <summary>The messengers a bot can be connected to. Stored by name, so adding one never renumbers.</summary>
public enum Messenger
{
    Telegram,
    Viber,
    WebChat,
}

public enum BotState
{
    Active,
    Disabled,
    MarkedForDeletion,
}
