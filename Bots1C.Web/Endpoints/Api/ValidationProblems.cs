using System.Text.Json;
using FluentValidation.Results;

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
