using System.Globalization;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Components.Shared;

namespace Bots1C.Tests.Web.Localization;

/// <summary>One way to write a size (a file in the messenger, the disk on the dashboard), in the reader's units.</summary>
public class ByteSizesTests : MudTestContext
{
    [Theory]
    [InlineData("ru", 512L, "512 Б")]
    [InlineData("ru", 1536L, "1,5 КБ")]
    [InlineData("ru", 20L << 20, "20 МБ")]
    [InlineData("ru", 5L << 30, "5 ГБ")]
    [InlineData("en", 1536L, "1.5 KB")]
    [InlineData("en", (3L << 30) / 2, "1.5 GB")]
    public void A_size_is_written_in_the_readers_units_and_number_format(string culture, long bytes, string expected)
    {
        var (ui, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            Assert.Equal(expected, ByteSizes.Readable(Strings, bytes));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, format);
        }
    }
}
