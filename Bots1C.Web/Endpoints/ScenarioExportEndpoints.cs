using Bots1C.Domain.Accounts;
using Bots1C.Domain.Scenarios.Exchange;
using Microsoft.AspNetCore.Authorization;

namespace Bots1C.Web.Endpoints;

public static class ScenarioExportEndpoints
{
    /// <summary>
    /// <c>GET /scenarios/export?ids=1,2</c>: the download behind the scenarios page's Export button (signed-in people,
    /// by cookie). A plain request rather than a circuit call, so the browser saves the file itself.
    /// </summary>
    public static void MapScenarioExportEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/scenarios/export", ExportAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.Administrator},{Roles.Manager},{Roles.Operator}" });

    private static async Task<IResult> ExportAsync(string? ids, ScenarioExport export, CancellationToken ct)
    {
        var wanted = new List<long>();
        foreach (var part in (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, out var id) || id <= 0)
                return TypedResults.Problem(title: "The request could not be read.", statusCode: StatusCodes.Status400BadRequest,
                    detail: $"'{part}' is not a scenario id: use ids=1,2,3.");
            wanted.Add(id);
        }
        if (wanted.Count == 0)
            return TypedResults.Problem(title: "The request could not be read.", statusCode: StatusCodes.Status400BadRequest,
                detail: "Name the scenarios to export: ids=1,2,3.");
        var result = await export.ExportAsync(wanted, ct);
        if (!result.Complete)
            return TypedResults.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound,
                detail: $"There is no scenario {string.Join(", ", result.MissingIds)}.");
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(result.File.ToJson()), "application/json", export.FileName());
    }
}
