using System.Text;
using System.Text.Json;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Exchange;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bots1C.Web.Endpoints.Api;

public sealed record ScenarioResponse(long Id, string Key, string Name, string? Description, bool Enabled, bool Draft, int StepCount, DateTimeOffset UpdatedAt)
{
    public static ScenarioResponse From(ScenarioSummary s) => new(s.Id, s.Key, s.Name, s.Description, s.IsEnabled, s.IsDraft, s.StepCount, s.UpdatedAt);
}

public sealed record ImportedScenarioResponse(int Index, long? Id, string Key, string Name, ImportOutcome? Outcome);

public sealed record ScenarioImportResponse(IReadOnlyList<long> Ids, IReadOnlyList<ImportedScenarioResponse> Scenarios);

public sealed record ScenarioProblemResponse(string Code, string Message, string Place, string? Scenario, string? StepId);

public sealed record ScenarioClashResponse(int Index, string Key, string Name, long? SameKeyId, long? SameNameId, bool CanReplace);

/// <summary>/api/v1/scenarios: list, export one, import an exchange file (the same format the pages download).</summary>
public static class ScenariosApi
{
    public static RouteGroupBuilder MapScenariosApi(this RouteGroupBuilder api)
    {
        var scenarios = api.MapGroup("/scenarios").WithTags("Scenarios");
        scenarios.MapGet("", ListAsync);
        scenarios.MapGet("/{id:long}/export", ExportAsync);
        scenarios.MapPost("/import", ImportAsync)
            .Accepts<ScenarioExchangeFile>("application/json")
            .WithDescription("Body: an exchange file. onClash=fail (default: report clashes, import nothing), rename, replace or skip.");
        return api;
    }

    private static async Task<Ok<ScenarioResponse[]>> ListAsync(ScenarioCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok((await catalog.ListAsync(ct: ct)).Select(ScenarioResponse.From).ToArray());

    private static async Task<Results<ContentHttpResult, NotFound<ProblemDetailsLite>>> ExportAsync(long id, ScenarioExport export, CancellationToken ct)
    {
        var result = await export.ExportAsync([id], ct);
        if (!result.Complete)
            return TypedResults.NotFound(new ProblemDetailsLite("Not found", 404, $"Scenario {id} does not exist."));
        // Written by the exchange file itself, not by the API's JSON settings, so it is byte for byte what the pages download.
        return TypedResults.Text(result.File.ToJson(), "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> ImportAsync(HttpContext http, ScenarioImport import, string? onClash, CancellationToken ct)
    {
        ScenarioImportOptions? options = (onClash?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "fail" => ScenarioImportOptions.AskOnClash,
            "rename" => new ScenarioImportOptions(ClashChoice.Rename),
            "replace" => new ScenarioImportOptions(ClashChoice.Replace),
            "skip" => new ScenarioImportOptions(ClashChoice.Skip),
            _ => null,
        };
        if (options is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["onClash"] = ["Use fail, rename, replace or skip."] },
                title: "The request has invalid fields.");
        if (http.Request.ContentLength > ScenarioImport.MaxFileChars)
            return TooLarge();
        string body;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
            body = await reader.ReadToEndAsync(ct);
        if (body.Length > ScenarioImport.MaxFileChars)
            return TooLarge();

        var result = await import.ImportAsync(body, options, BotsApi.Actor(http), ct);
        if (result.Unreadable)
        {
            var problem = result.Problems[0];
            return TypedResults.Problem(title: "The file could not be read.", statusCode: StatusCodes.Status400BadRequest,
                detail: problem.Message, extensions: new Dictionary<string, object?> { ["code"] = problem.Code, ["place"] = problem.Place });
        }
        if (result.Problems.Count > 0)
            return UnprocessableProblems.From(
                result.Problems.GroupBy(p => JsonPlace(p.Place)).ToDictionary(g => g.Key, g => g.Select(p => p.Message).Distinct().ToArray()),
                "The scenarios have problems; nothing was imported.",
                new Dictionary<string, object?>
                {
                    ["problems"] = result.Problems.Select(p => new ScenarioProblemResponse(p.Code, p.Message, p.Place, p.ScenarioName, p.StepId)).ToList(),
                });
        if (result.UnresolvedClashes.Count > 0)
            return TypedResults.Problem(title: "Scenarios with these keys or names exist; nothing was imported.",
                statusCode: StatusCodes.Status409Conflict,
                detail: "Send onClash=rename (import copies), replace (overwrite the stored ones, keeping their ids) or skip.",
                extensions: new Dictionary<string, object?>
                {
                    ["clashes"] = result.UnresolvedClashes.Select(c => new ScenarioClashResponse(c.Index, c.Key, c.Name, c.SameKeyId, c.SameNameId, c.CanReplace)).ToList(),
                });
        return TypedResults.Ok(new ScenarioImportResponse(
            result.Scenarios.Where(s => s.Id is not null).Select(s => s.Id!.Value).Distinct().ToList(),
            result.Scenarios.Select(s => new ImportedScenarioResponse(s.Index, s.Id, s.Key, s.Name, s.Outcome)).ToList()));
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(title: "The file is too large.", statusCode: StatusCodes.Status413PayloadTooLarge,
            detail: $"A scenario file is at most {ScenarioImport.MaxFileChars / 1024 / 1024} MB.");

    /// <summary><c>scenarios[2].Steps[5].Text</c> as the body names it: <c>scenarios[2].steps[5].text</c>.</summary>
    private static string JsonPlace(string place) =>
        string.Join('.', place.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
