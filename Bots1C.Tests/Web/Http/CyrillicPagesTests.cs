using System.Net.Http.Headers;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Web.Http;

/// <summary>Russian pages carry their letters as UTF-8 text, not as numeric entities (&amp;#x41F;…) six times the size.</summary>
public class CyrillicPagesTests
{
    [Fact]
    public async Task A_Russian_page_has_its_Cyrillic_text_literally_in_the_HTML()
    {
        using var app = new Bots1CAppFactory();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru-RU"));

        var html = await client.GetStringAsync("/setup");

        Assert.Contains("Первый запуск", html);
        Assert.DoesNotContain("&#x41F;", html); // П
    }
}
