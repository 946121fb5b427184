using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Bots1C.Web.Composition;

/// <summary>The UI languages. Russian for browsers that ask for it, English for everyone else.</summary>
public static class Cultures
{
    public const string Russian = "ru";
    public const string English = "en";
    public const string Default = English;
    public static readonly IReadOnlyList<string> Supported = [Russian, English];

    public static bool IsSupported(string? culture) => culture is not null && Supported.Contains(culture);

    public static void Configure(RequestLocalizationOptions options)
    {
        var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
        options.DefaultRequestCulture = new RequestCulture(Default);
        options.SupportedCultures = cultures;
        options.SupportedUICultures = cultures;
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        // The remembered choice wins over the browser; a query string must not switch languages.
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
    }

    public static string CookieValue(string culture) =>
        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture));
}
