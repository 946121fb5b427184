using System.Text.Json;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bots1C.Web.Endpoints.Api;

public static class ValidationProblems
{
    /// <summary>RFC 7807 problem details with each failing field named as in the JSON body (camelCase).</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem From(IEnumerable<ValidationFailure> failures) =>
        TypedResults.ValidationProblem(
            failures.GroupBy(f => FieldName(f.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()),
            title: "The request has invalid fields.");

    private static string FieldName(string property) =>
        string.Join('.', property.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}

public static class UnprocessableProblems
{
    /// <summary>
    /// 422: the request is well-formed but names things that do not exist or cannot be used (unknown scenario ids,
    /// a scenario file with problems). Same shape as a validation problem: <c>errors</c> by field or place.
    /// </summary>
    public static ProblemHttpResult From(IDictionary<string, string[]> errors, string title, IDictionary<string, object?>? extensions = null)
    {
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = title,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
            problem.Extensions[key] = value;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult From(IEnumerable<ValidationFailure> failures, string title) =>
        From(failures.GroupBy(f => JsonNamingPolicy.CamelCase.ConvertName(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()), title);
}

public static class LicenseProblems
{
    /// <summary>403: the request is fine, the license does not allow it. <c>code</c> names the original's error.</summary>
    public static ProblemHttpResult From(Bots1C.Domain.Licensing.LicenseRefusal refusal) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The license does not allow this.", detail: refusal.English,
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.4",
            extensions: new Dictionary<string, object?> { ["code"] = refusal.Error.ToString() });
}
