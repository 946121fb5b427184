using Bots1C.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Bots1C.Web.Components.Shared;

/// <summary>A size in bytes as people read it, in their language's units: "512 B", "1.5 MB" · «512 Б», «1,5 МБ».
/// Binary steps (1 KB = 1024 bytes), one decimal where it says something.</summary>
public static class ByteSizes
{
    private const long KB = 1L << 10, MB = 1L << 20, GB = 1L << 30;

    public static string Readable(IStringLocalizer<SharedResource> L, long bytes) => bytes switch
    {
        < KB => L["Units.Bytes", bytes],
        < MB => L["Units.Kilobytes", Number(bytes, KB)],
        < GB => L["Units.Megabytes", Number(bytes, MB)],
        _ => L["Units.Gigabytes", Number(bytes, GB)],
    };

    private static string Number(long bytes, long unit) => (bytes / (double)unit).ToString("0.#");
}
