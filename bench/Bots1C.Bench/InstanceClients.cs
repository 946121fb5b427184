namespace Bots1C.Bench;

/// <summary>
/// The load generator's HTTP clients, one per app instance, and which instance gets which update: the load balancer of
/// <c>--instances 2</c>. Updates go round-robin, as a balancer without stickiness sends them, and a chat's consecutive
/// updates land on alternate instances, so each chat's order has to hold across instances (their claims) rather than
/// within one. With one instance every update goes to it.
/// </summary>
public sealed class InstanceClients : IDisposable
{
    private readonly HttpClient[] _clients;

    public InstanceClients(BenchApp app) => _clients = app.BaseUrls.Select(url => Load.Client(url)).ToArray();

    public int Count => _clients.Length;

    /// <summary>For a measurement's size column: how many instances the load was spread over, when more than one.</summary>
    public string InSize => Count > 1 ? $", {Count} instances" : "";

    /// <summary>The client for update number <paramref name="update"/> when updates go to chat <c>update % chats</c>
    /// (the benchmarks' way). Plain <c>update % instances</c> would pin every chat to one instance whenever the number
    /// of chats is even; the chat's index plus the round (<c>update / chats</c>) alternates each chat between instances
    /// from one round to the next while neighbouring updates still alternate.</summary>
    public HttpClient For(long update, int chats) => _clients[InstanceOf(update, chats, _clients.Length)];

    public static int InstanceOf(long update, int chats, int instances) => (int)((update % chats + update / chats) % instances);

    public void Dispose()
    {
        foreach (var client in _clients)
            client.Dispose();
    }
}
