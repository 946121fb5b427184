namespace Bots1C.Tests.Infrastructure;

/// <summary>Waits for background work (inbox processing, delivery) to show its effect: polls a bounded number
/// of times, never sleeps longer than needed.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        T value;
        do
        {
            value = await read();
            if (done(value))
                return value;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        Assert.Fail($"Timed out after {seconds} s waiting for {what}. Last value: {value}");
        return value;
    }
}
