using Bots1C.Domain.Bots;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Diagnostics;

/// <summary>
/// Step 3, the original's "open the link with localhost instead of the domain": the bot's webhook, asked on this
/// machine, answers "Status: Ready" without a password. The publication path in the bot's address must be the app's
/// own, letter for letter: the reverse proxy in front compares paths case-sensitively, even where the app does not.
/// </summary>
public sealed class PublicationCheck(LocalAppAddress local, IConfiguration configuration, IHttpClientFactory httpClients,
    IOptions<DiagnosticsOptions> options)
{
    public const string HttpClientName = "diagnostics-local";

    public async Task<StepResult> RunAsync(Bot bot, CancellationToken ct)
    {
        const DiagnosticStep step = DiagnosticStep.LocalPublication;
        if (!Uri.TryCreate(bot.PublicBaseUrl, UriKind.Absolute, out var publicUri))
            return StepResult.Fail(step, DiagnosticProblems.PublicAddressInvalid, new DiagnosticFact("PublicAddress", bot.PublicBaseUrl));
        var botPath = publicUri.AbsolutePath.TrimEnd('/');
        var appPath = (configuration["PathBase"] ?? "").TrimEnd('/');
        var facts = new List<DiagnosticFact> { new("PublicationPaths", Shown(botPath), Shown(appPath)) };

        string? problem = null;
        if (appPath.Length > 0 && botPath != appPath)
            problem = string.Equals(botPath, appPath, StringComparison.OrdinalIgnoreCase) ? DiagnosticProblems.PathCaseMismatch : DiagnosticProblems.PathMismatch;
        else if (appPath.Length == 0 && botPath.Length > 0)
            facts.Add(new("ProxyRemovesPath", botPath)); // the proxy must strip the path before passing requests on

        if (local.Find() is not { } localBase)
        {
            facts.Add(new("LocalAddressUnknown"));
            return problem is null ? StepResult.Warn(step, DiagnosticProblems.LocalAddressUnknown, [.. facts]) : StepResult.Fail(step, problem, [.. facts]);
        }
        var url = new Uri(localBase, (appPath.Length > 0 ? botPath : "") + "/webhooks/" + bot.BotKey);
        try
        {
            using var client = httpClients.CreateClient(HttpClientName);
            client.Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
            var answer = await ReadyAnswer.GetAsync(client, url, ct);
            facts.Add(answer.Fact(url));
            problem ??= answer.Ready ? null : answer.AsksForPassword ? DiagnosticProblems.AsksForPassword : DiagnosticProblems.NotReady;
        }
        catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            facts.Add(new("RequestFailed", url.ToString(), e.Message));
            problem ??= DiagnosticProblems.LocalNoAnswer;
        }
        return problem is null ? StepResult.Pass(step, [.. facts]) : StepResult.Fail(step, problem, [.. facts]);
    }

    private static string Shown(string path) => path.Length == 0 ? "/" : path;
}
