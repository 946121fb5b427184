using PdfSharp.Fonts;

namespace Bots1C.Domain.PrintForms.Rendering;

/// <summary>The forms' fonts are missing: said once, with what to install.</summary>
public sealed class PrintFontMissingException(string message) : InvalidOperationException(message);

/// <summary>
/// PDFsharp has no fonts of its own on Linux: every face comes from here. Liberation Sans is metric-compatible with
/// Arial (what 1C's forms use) and draws Ё/ё correctly, which DejaVu does not in PDFsharp 6.2 (the base letter is
/// dropped). The files are looked for in fixed places only — a fonts/ folder next to the app first, then Debian's and
/// Fedora's packages — so every machine renders the same form or says exactly what is missing.
/// </summary>
public sealed class LiberationSansFonts : IFontResolver
{
    public const string Family = "Liberation Sans";
    private const string Regular = "LiberationSans-Regular", Bold = "LiberationSans-Bold";

    public static readonly IReadOnlyList<string> Folders =
    [
        Path.Combine(AppContext.BaseDirectory, "fonts"),
        "/usr/share/fonts/truetype/liberation",
        "/usr/share/fonts/truetype/liberation2",
        "/usr/share/fonts/liberation-sans",
        "/usr/share/fonts/liberation-sans-fonts",
    ];

    private static readonly object Gate = new();
    private static bool _installed;
    private readonly Dictionary<string, byte[]> _faces = new();

    private LiberationSansFonts()
    {
        foreach (var face in new[] { Regular, Bold })
            _faces[face] = File.ReadAllBytes(Find(face + ".ttf"));
    }

    /// <summary>Makes PDFsharp use these fonts (process-wide, once); throws <see cref="PrintFontMissingException"/>
    /// naming the folders looked in when the files are not there.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed)
                return;
            GlobalFontSettings.FontResolver = new LiberationSansFonts();
            _installed = true;
        }
    }

    private static string Find(string file) =>
        Folders.Select(folder => Path.Combine(folder, file)).FirstOrDefault(File.Exists)
        ?? throw new PrintFontMissingException(
            $"The print forms need the font Liberation Sans ({file}), which is not installed. Install it with " +
            $"'apt-get install fonts-liberation' (Debian/Ubuntu) or copy LiberationSans-Regular.ttf and LiberationSans-Bold.ttf " +
            $"into {Folders[0]}. Looked in: {string.Join(", ", Folders)}.");

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular);

    public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);
}
