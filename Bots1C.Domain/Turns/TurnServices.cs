using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Domain.Turns;

public static class TurnServices
{
    /// <summary>The turn of a conversation: the processor that records inbox rows, the turn itself, the order a chat
    /// keeps while a scenario call is out, and the worker that performs those calls.</summary>
    public static IServiceCollection AddTurns(this IServiceCollection services)
    {
        services.AddSingleton<ConversationRecorder>();
        services.AddSingleton<ConversationTurn>();
        services.AddSingleton<MessengerAgents>();
        services.AddSingleton<Operators.IScenarioStart>(sp => sp.GetRequiredService<ConversationTurn>());
        services.AddSingleton<ChatWaitsForScenarioCall>();
        services.AddSingleton<ScenarioCallSignal>();
        services.AddHostedService<ScenarioCallWorker>();
        services.AddHostedService<ConversationProcessor>();
        return services;
    }
}
