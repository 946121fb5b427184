using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Web.Deployment;

/// <summary>
/// deploy/bots1c.service runs the app as Type=notify: systemd counts the service as started only when the app says
/// READY=1 on the socket named in NOTIFY_SOCKET, and the journal takes each log line's priority from its "&lt;6&gt;" prefix.
/// The app knows systemd started it by its parent process's name (Microsoft.Extensions.Hosting.Systemd reads
/// /proc/&lt;parent&gt;/comm), so a shell named "systemd" plays the service manager here and a socket of ours its notify socket.
/// </summary>
public class SystemdServiceTests
{
    [Fact]
    public async Task Started_by_systemd_the_app_says_READY_when_it_listens_and_writes_journal_priorities()
    {
        using var folder = new TempFolder();
        var systemd = Path.Combine(folder.Path, "systemd");
        File.CreateSymbolicLink(systemd, "/bin/sh");
        var socketPath = Path.Combine(folder.Path, "notify");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));

        await using var app = await ChildApp.StartUnderAsync(systemd, ChildApp.WebBuildFolder(),
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socketPath }, new TempFolder(), "--urls=http://127.0.0.1:0");

        var buffer = new byte[1024];
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        int received;
        try
        {
            received = await notify.ReceiveAsync(buffer, SocketFlags.None, bound.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"The app said nothing on NOTIFY_SOCKET within 20 s:\n{app.Output}");
        }
        Assert.Equal("READY=1", Encoding.UTF8.GetString(buffer, 0, received).Trim());
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health", bound.Token)).StatusCode);
        Assert.Matches(new Regex(@"^<6>Microsoft\.Hosting\.Lifetime\[\d+\] ", RegexOptions.Multiline), app.Output);
    }
}
