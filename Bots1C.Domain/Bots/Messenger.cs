namespace Bots1C.Domain.Bots;

/// <summary>The messengers a bot can be connected to. Stored by name, so adding one never renumbers.</summary>
public enum Messenger
{
    Telegram,
    Viber,
    WebChat,
    /// <summary>MAX, the national messenger (bot platform on business.max.ru).</summary>
    Max,
    /// <summary>JivoChat's bot-provider API: the bot answers in a site's Jivo chat before Jivo's own agents.</summary>
    JivoChat,
    /// <summary>A VK community's messages (Callback API).</summary>
    Vk,
    /// <summary>WhatsApp Business Cloud API (Meta).</summary>
    WhatsApp,
}

public enum BotState
{
    Active,
    Disabled,
    MarkedForDeletion,
}
