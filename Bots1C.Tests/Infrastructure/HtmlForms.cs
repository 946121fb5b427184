using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Bots1C.Tests.Infrastructure;

/// <summary>Fills and submits the app's server-rendered forms the way a browser without scripts would,
/// antiforgery token and Blazor's form handler name included.</summary>
public static class HtmlForms
{
    public const string Password = "Str0ngPassw0rd";

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>GETs the page, fills the named inputs (by id) and posts its first form.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, IDictionary<string, string> byId)
    {
        var page = await client.GetPageAsync(url);
        var form = page.Forms.First();
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>())
        {
            if (input.Type == "checkbox" && !(byId.TryGetValue(input.Id ?? "", out var v) && v == "true"))
                continue;
            var value = input.Id is { } id && byId.TryGetValue(id, out var given) ? given : input.Value;
            fields.Add(new(input.Name!, input.Type == "checkbox" ? "true" : value));
        }
        return await client.PostAsync(form.Action is { Length: > 0 } action ? action : url, new FormUrlEncodedContent(fields));
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = Password) =>
        client.SubmitFormAsync("/account/login", new Dictionary<string, string> { ["email"] = email, ["password"] = password });

    public static Task<HttpResponseMessage> SubmitSetupAsync(this HttpClient client, string name, string email, string password, string? confirm = null) =>
        client.SubmitFormAsync("/setup", new Dictionary<string, string>
        {
            ["name"] = name, ["email"] = email, ["password"] = password, ["confirm"] = confirm ?? password,
        });

    public static string? FormError(this IHtmlDocument page) =>
        page.QuerySelector("[data-testid=form-error]")?.TextContent.Trim();

    /// <summary>Where a redirect points, as a path: Blazor answers with absolute URLs, minimal APIs with relative ones.</summary>
    public static string RedirectPath(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }
}
