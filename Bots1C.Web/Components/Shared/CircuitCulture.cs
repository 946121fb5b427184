using System.Globalization;

namespace Bots1C.Web.Components.Shared;

/// <summary>A background event (the message path, the health monitor) calls its subscribers on its own thread, with the
/// server's culture; whatever they render through InvokeAsync would then be worded in the server's language. Wrapping the
/// handler when a page subscribes (on the circuit's thread) makes it run in the circuit's culture instead.</summary>
public static class CircuitCulture
{
    public static Func<T, Task> Keep<T>(Func<T, Task> handler)
    {
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        // Set inside an async method: the caller's culture comes back when it returns, so the event's thread is untouched.
        return async value =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            await handler(value);
        };
    }
}
