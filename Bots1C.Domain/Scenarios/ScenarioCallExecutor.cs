using System.Net.Http.Headers;
using System.Text;
using Bots1C.Domain.Outbound;
using Bots1C.Domain.Scenarios.Methods;
using Bots1C.Domain.Scenarios.Runner;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Bots1C.Domain.Scenarios;

/// <summary>
/// Performs what the runner asked for — a named method or an HTTP request — and turns the outcome into the
/// input the runner continues with. Failures of any kind become the step's "failed" way out, never an exception.
/// </summary>
public sealed class ScenarioCallExecutor(ScenarioMethods methods, IHttpClientFactory httpClients, ILogger<ScenarioCallExecutor> logger)
{
    public const string HttpClientName = "scenarios";
    public const int MaxResponseBytes = 1024 * 1024;
    /// <summary>The failure code of a request the SSRF rule refused (event "ScenarioCallRefused").</summary>
    public const string RefusedCode = "CallRefused";

    public async Task<RunnerInput.CallCompleted> ExecuteAsync(PendingCall call, ScenarioMethodContext context, CancellationToken ct) =>
        call.Kind == StepKind.CallMethod ? await CallMethodAsync(call, context, ct) : await CallHttpAsync(call.Http!, call.Results, ct);

    private async Task<RunnerInput.CallCompleted> CallMethodAsync(PendingCall call, ScenarioMethodContext context, CancellationToken ct)
    {
        if (methods.Find(call.Method) is not { } method)
            return Failed($"There is no method '{call.Method}'.");
        try
        {
            var outcome = await method.InvokeAsync(context, call.Arguments, ct);
            var variables = call.Results
                .Where(r => outcome.Results.Keys.Contains(r.From, StringComparer.OrdinalIgnoreCase))
                .ToDictionary(r => r.To, r => outcome.Results.First(kv => string.Equals(kv.Key, r.From, StringComparison.OrdinalIgnoreCase)).Value);
            return new RunnerInput.CallCompleted(outcome.Ok, variables, outcome.Error);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Scenario method {Method} failed", call.Method);
            return Failed($"{call.Method} failed: {e.Message}");
        }
    }

    /// <summary>An HTTP step's request; needs no database, so the call worker runs it with no unit of work open.</summary>
    public async Task<RunnerInput.CallCompleted> CallHttpAsync(HttpCall http, IReadOnlyList<ResultMapping> results, CancellationToken ct)
    {
        if (!Uri.TryCreate(http.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return Failed($"'{http.Url}' is not an http(s) address.");
        using var request = new HttpRequestMessage(new HttpMethod(http.Method), url);
        if (http.Body is not null)
            request.Content = new StringContent(http.Body, Encoding.UTF8, "application/json");
        foreach (var (name, value) in http.Headers)
            if (!request.Headers.TryAddWithoutValidation(name, value))
                request.Content?.Headers.TryAddWithoutValidation(name, value);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(http.Timeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadLimitedAsync(response.Content, timeout.Token);
            if (!response.IsSuccessStatusCode)
                return Failed($"{http.Method} {url.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            return new RunnerInput.CallCompleted(true, Extract(body, results), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed($"{http.Method} {url.GetLeftPart(UriPartial.Path)} did not answer within {http.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e) when (e.InnerException is OutboundRefusedException refused)
        {
            // Said apart from other failures: the fix is a setting, not waiting for the server.
            return new RunnerInput.CallCompleted(false, new Dictionary<string, string>(),
                $"{http.Method} {url.GetLeftPart(UriPartial.Path)}: {refused.Message}", RefusedCode);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // IOException: the answer broke off or was malformed while its body was read (HttpIOException).
            return Failed($"{http.Method} {url.GetLeftPart(UriPartial.Path)} failed: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            return Failed(e.Message);
        }
    }

    private static async Task<string> ReadLimitedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
                throw new InvalidDataException($"The answer is larger than {MaxResponseBytes / 1024} KB.");
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Values the JSON paths find; a path that finds nothing leaves its variable as it was.</summary>
    private static Dictionary<string, string> Extract(string body, IReadOnlyList<ResultMapping> results)
    {
        var variables = new Dictionary<string, string>();
        if (results.Count == 0 || string.IsNullOrWhiteSpace(body))
            return variables;
        JToken document;
        try
        {
            // Values stay as written: numbers as decimals (12.50 stays 12.50, large sums keep every digit), and by default Json.NET turns "2025-12-31T10:00:00" into a DateTime, which then
            // reads back as "12/31/2025 10:00:00".
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            document = JToken.Load(reader);
            while (reader.Read())
            {
                // as JToken.Parse does: anything but a comment after the value throws
            }
        }
        catch (JsonException)
        {
            return variables; // not JSON: the call still succeeded, there is just nothing to read
        }
        foreach (var mapping in results)
            if (JsonPaths.Read(document, mapping.From) is { } value)
                variables[mapping.To] = value;
        return variables;
    }

    private static RunnerInput.CallCompleted Failed(string error) => new(false, new Dictionary<string, string>(), error);
}
