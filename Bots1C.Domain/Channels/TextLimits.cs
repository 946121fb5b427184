namespace Bots1C.Domain.Channels;

internal static class TextLimits
{
    /// <summary>The text cut to at most <paramref name="max"/> UTF-16 units, never between the halves of an emoji:
    /// a lone surrogate is not valid text and the messengers refuse it.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
            return text;
        return text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
    }
}
