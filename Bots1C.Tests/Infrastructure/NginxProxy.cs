using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bots1C.Tests.Infrastructure;

/// <summary>
/// The shipped deploy/nginx-bots1c.conf run by the real nginx in front of a test app: in a folder of its own, on
/// loopback ports, in the foreground as a child process (stopped with the test), with a throw-away self-signed
/// certificate for bot.example.ru. Only the addresses, ports and certificate paths of the file are changed.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string Domain = "bot.example.ru";
    private static readonly string[] Places = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"];

    /// <summary>nginx on this machine, or null.</summary>
    public static string? Executable => Places.FirstOrDefault(File.Exists);

    private readonly Process _process;
    private readonly TempFolder _folder;

    private NginxProxy(Process process, TempFolder folder, int port, X509Certificate2 certificate) =>
        (_process, _folder, Port, Certificate) = (process, folder, port, certificate);

    /// <summary>The HTTPS port (the file's 443).</summary>
    public int Port { get; }
    public X509Certificate2 Certificate { get; }
    public string ErrorLog => File.Exists(Path.Combine(_folder.Path, "error.log")) ? File.ReadAllText(Path.Combine(_folder.Path, "error.log")) : "";

    public static string ShippedConfig()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Bots1C.sln")))
            root = root.Parent ?? throw new InvalidOperationException("Bots1C.sln not found above the test binaries");
        return File.ReadAllText(Path.Combine(root.FullName, "deploy", "nginx-bots1c.conf"));
    }

    /// <param name="app">The app's address, e.g. http://127.0.0.1:41234 (the file's 127.0.0.1:5080).</param>
    public static async Task<NginxProxy> StartAsync(string app)
    {
        var folder = new TempFolder();
        var certificate = SelfSigned();
        var certificateFile = Path.Combine(folder.Path, "cert.pem");
        var keyFile = Path.Combine(folder.Path, "key.pem");
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var (https, http) = (FreePort(), FreePort());
        var config = ShippedConfig();
        config = Replace(config, "server 127.0.0.1:5080;", $"server {new Uri(app).Authority};");
        config = Replace(config, "listen 443 ssl;", $"listen 127.0.0.1:{https} ssl;");
        config = Replace(config, "listen 80;", $"listen 127.0.0.1:{http};");
        config = Replace(config, "listen [::]:443 ssl;", "");
        config = Replace(config, "listen [::]:80;", "");
        config = Replace(config, "/etc/ssl/bot.example.ru/fullchain.pem", certificateFile);
        config = Replace(config, "/etc/ssl/bot.example.ru/privkey.pem", keyFile);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "bots1c.conf"), config);
        // master_process off: one process that never changes user, so it can read this folder when tests run as root.
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            pid {{folder.Path}}/nginx.pid;
            error_log {{folder.Path}}/error.log info;
            events { worker_connections 256; }
            http {
                access_log {{folder.Path}}/access.log;
                client_body_temp_path {{folder.Path}}/client_body;
                proxy_temp_path {{folder.Path}}/proxy;
                fastcgi_temp_path {{folder.Path}}/fastcgi;
                uwsgi_temp_path {{folder.Path}}/uwsgi;
                scgi_temp_path {{folder.Path}}/scgi;
                include {{folder.Path}}/bots1c.conf;
            }
            """);

        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("nginx is not installed"))
        {
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-p", folder.Path, "-c", Path.Combine(folder.Path, "nginx.conf"), "-e", Path.Combine(folder.Path, "error.log") })
            start.ArgumentList.Add(argument);
        var nginx = new NginxProxy(Process.Start(start)!, folder, https, certificate);
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (nginx._process.HasExited)
                break;
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, https);
                return nginx;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        var log = nginx.ErrorLog + await nginx._process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "");
        await nginx.DisposeAsync();
        throw new Xunit.Sdk.XunitException($"nginx did not start with deploy/nginx-bots1c.conf:\n{log}");
    }

    /// <summary>A client of the proxy as a visitor's browser is: it asks for https://bot.example.ru, trusts only this
    /// proxy's certificate, keeps cookies and connects from <paramref name="from"/> (a loopback address of its own).</summary>
    public HttpClient Client(IPAddress from, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies ?? new CookieContainer(),
            SslOptions = { RemoteCertificateValidationCallback = (_, c, _, _) => Trusted(c) },
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://{Domain}:{Port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public bool Trusted(X509Certificate? presented) => presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString();

    private static string Replace(string config, string shipped, string here) =>
        config.Contains(shipped, StringComparison.Ordinal) ? config.Replace(shipped, here, StringComparison.Ordinal)
            : throw new Xunit.Sdk.XunitException($"deploy/nginx-bots1c.conf no longer has \"{shipped}\"; update NginxProxy with it.");

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={Domain}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(Domain);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
        Certificate.Dispose();
        _folder.Dispose();
    }
}

/// <summary>A test of the shipped nginx file: skipped, saying why, where nginx is not installed.</summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute()
    {
        if (NginxProxy.Executable is null)
            Skip = "nginx is not installed (sudo apt-get install -y nginx; .ci/run installs it): deploy/nginx-bots1c.conf is not tested here.";
    }
}
