using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Domain.Conversations;

public static class ConversationServices
{
    /// <summary>The message path's storage side: the inbox's group commit, the outbox and its dispatcher, pacing, live
    /// notifications, stored files, and this process's instance lock (claims of dead instances are given back).</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<ConversationNotifier>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<ConversationQueries>();
        services.AddSingleton<Files.FileLinks>();
        services.AddSingleton<Files.FileStore>();
        services.AddSingleton<SendPacer>();
        services.AddSingleton<InboxWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxWriter>());
        services.AddSingleton<AppInstance>();
        services.AddSingleton<Jobs.JobLeases>();
        services.AddSingleton<GoneInstanceRelease>();
        services.AddHostedService(sp => sp.GetRequiredService<GoneInstanceRelease>());
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
