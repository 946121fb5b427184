using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Bots1C.Domain.Channels;

/// <summary>
/// Why a call did not reach a messenger, in words an administrator can act on. An exception's own text is never shown:
/// it names .NET types ("Exception of type '…RequestException' was thrown") or the socket layer, and says nothing
/// about what to check. The sentences are <see cref="KnownReasons"/>, so the pages show them in the reader's language.
/// Only the outbound guard's refusal is passed on as it is: those words are ours, and name the setting to change.
/// </summary>
public static class NetworkFailure
{
    public static string Describe(Exception failure)
    {
        // Our own guard's words first, however deep: HttpClient wraps a refusal at connect time in a "connection error",
        // which would otherwise hide which setting lets the address through.
        for (Exception? e = failure; e is not null; e = e.InnerException)
            if (e is Outbound.OutboundRefusedException refused)
                return refused.Message;
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AuthenticationException:
                    return KnownReasons.SecureConnectionFailed.English;
                case TimeoutException or TaskCanceledException:
                    return KnownReasons.TimedOut.English;
                case SocketException socket when socket.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain:
                    return KnownReasons.NameNotResolved.English;
                case HttpRequestException { StatusCode: { } status }:
                    return $"{KnownReasons.ServerAnswered.English}{(int)status}.";
                case HttpRequestException request when request.HttpRequestError != HttpRequestError.Unknown:
                    return request.HttpRequestError switch
                    {
                        HttpRequestError.NameResolutionError => KnownReasons.NameNotResolved.English,
                        HttpRequestError.ConnectionError or HttpRequestError.ProxyTunnelError => KnownReasons.CannotConnect.English,
                        HttpRequestError.SecureConnectionError => KnownReasons.SecureConnectionFailed.English,
                        HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError
                            => KnownReasons.ConnectionBroken.English,
                        _ => KnownReasons.Unreachable.English,
                    };
                case SocketException:
                    return KnownReasons.CannotConnect.English;
            }
        }
        return KnownReasons.Unreachable.English;
    }
}
