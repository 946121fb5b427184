namespace Bots1C.Web.Components.Account;

public static class ReturnUrls
{
    /// <summary>The path to go to after sign-in, relative to the app's base; anything that could leave the
    /// app ("//host", "/\host", "https://…") becomes the home page.</summary>
    public static string ToLocalRelative(string? returnUrl, string pathBase)
    {
        if (string.IsNullOrWhiteSpace(returnUrl) || !returnUrl.StartsWith('/')
            || returnUrl.StartsWith("//") || returnUrl.StartsWith("/\\"))
            return "";
        if (pathBase.Length > 0 && returnUrl.StartsWith(pathBase, StringComparison.OrdinalIgnoreCase))
            returnUrl = returnUrl[pathBase.Length..];
        return returnUrl.TrimStart('/');
    }
}
