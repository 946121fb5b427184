using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Bots1C.Domain.Channels;

namespace Bots1C.Tests.Domain.Channels;

/// <summary>Why a messenger could not be reached, in words an administrator acts on, never an exception's own text.</summary>
public class NetworkFailureTests
{
    [Fact]
    public async Task A_refused_connection_says_this_server_cannot_connect()
    {
        var closedPort = ClosedLoopbackPort();
        using var http = new HttpClient();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{closedPort}/"));

        Assert.Equal(KnownReasons.CannotConnect.English, NetworkFailure.Describe(failure));
    }

    [Fact]
    public void A_name_that_does_not_resolve_says_to_check_DNS() =>
        Assert.Equal(KnownReasons.NameNotResolved.English,
            NetworkFailure.Describe(new HttpRequestException(HttpRequestError.NameResolutionError, "No such host is known. (api.telegram.org:443)")));

    [Fact]
    public void An_untrusted_certificate_deep_inside_a_wrapper_says_the_secure_connection_failed() =>
        Assert.Equal(KnownReasons.SecureConnectionFailed.English,
            NetworkFailure.Describe(new InvalidOperationException("Exception of type 'Telegram.Bot.Exceptions.RequestException' was thrown.",
                new HttpRequestException("The SSL connection could not be established, see inner exception.",
                    new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot")))));

    [Fact]
    public void A_timeout_says_the_server_did_not_answer_in_time() =>
        Assert.Equal(KnownReasons.TimedOut.English,
            NetworkFailure.Describe(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.")));

    [Fact]
    public void An_error_status_names_the_status() =>
        Assert.Equal(KnownReasons.ServerAnswered.English + "503.",
            NetworkFailure.Describe(new HttpRequestException("Response status code does not indicate success: 503 (Service Unavailable).", null, HttpStatusCode.ServiceUnavailable)));

    [Fact]
    public void Anything_else_is_unreachable_without_the_exceptions_text() =>
        Assert.Equal(KnownReasons.Unreachable.English, NetworkFailure.Describe(new IOException("Unable to read data from the transport connection.")));

    [Fact]
    public void The_outbound_guards_refusal_keeps_its_own_words_naming_the_setting()
    {
        const string words = "The bot's token would be sent to api.example.org: add it to Bots1C:Messengers:ApiAllowedHosts.";

        Assert.Equal(words, NetworkFailure.Describe(new HttpRequestException("An error occurred while sending the request.",
            new Bots1C.Domain.Outbound.OutboundRefusedException(words))));
    }

    [Fact]
    public void A_refusal_at_connect_time_keeps_the_guards_words_though_the_client_calls_it_a_connection_error()
    {
        // What HttpClient makes of an exception thrown by the guard's ConnectCallback (an address resolved to a private one).
        const string words = "1c.example.org resolves to a non-public address: add it to Bots1C:Directory:ODataAllowedHosts.";

        Assert.Equal(words, NetworkFailure.Describe(new HttpRequestException(HttpRequestError.ConnectionError,
            "An error occurred while sending the request.", new Bots1C.Domain.Outbound.OutboundRefusedException(words))));
    }

    [Fact]
    public void A_stored_reason_is_recognised_by_its_sentence_and_keeps_what_comes_before_and_after()
    {
        Assert.Equal(("", KnownReasons.WhatsAppWindowClosed, " (WhatsApp error 131047)"),
            KnownReasons.Recognise($"{KnownReasons.WhatsAppWindowClosed.English} (WhatsApp error 131047)"));
        Assert.Equal(("VK did not give the file: ", KnownReasons.TimedOut, ""),
            KnownReasons.Recognise($"VK did not give the file: {KnownReasons.TimedOut.English}"));
        Assert.Null(KnownReasons.Recognise("Forbidden: bot was blocked by the user"));
    }

    internal static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
