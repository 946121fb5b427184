using PdfSharp.Fonts;

namespace Bots1C.Domain.PrintForms.Rendering;

/// <summary>
/// PDFsharp has no fonts of its own on Linux: every face comes from here. Liberation Sans is metric-compatible with
/// Arial (what 1C's forms use) and draws Ё/ё correctly, which DejaVu does not in PDFsharp 6.2 (the base letter is
/// dropped). The faces ship inside this assembly (Liberation 2.1.5, SIL Open Font License, Fonts/LICENSE.txt), so
/// every machine renders the same form and nothing has to be installed for print forms to work.
/// </summary>
public sealed class LiberationSansFonts : IFontResolver
{
    public const string Family = "Liberation Sans";
    private const string Regular = "LiberationSans-Regular", Bold = "LiberationSans-Bold";

    private static readonly object Gate = new();
    private static bool _installed;
    private readonly Dictionary<string, byte[]> _faces = new();

    private LiberationSansFonts()
    {
        foreach (var face in new[] { Regular, Bold })
            _faces[face] = ReadEmbedded(face);
    }

    /// <summary>Makes PDFsharp use these fonts (process-wide, once).</summary>
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

    private static byte[] ReadEmbedded(string face)
    {
        var name = $"Fonts/{face}.ttf";
        using var stream = typeof(LiberationSansFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font resource {name} is missing from the build.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular);

    public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);
}
