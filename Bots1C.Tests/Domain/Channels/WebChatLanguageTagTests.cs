using Bots1C.Domain.Channels.WebChat;

namespace Bots1C.Tests.Domain.Channels;

/// <summary>What the web chat accepts as the visitor's language: a short BCP-47 tag, else nothing.</summary>
public class WebChatLanguageTagTests
{
    [Theory]
    [InlineData("ru", "ru")]
    [InlineData(" en-GB ", "en-GB")]
    [InlineData("zh-Hant-TW", "zh-Hant-TW")]
    [InlineData("", null)]
    [InlineData("*", null)]
    [InlineData("en_US", null)]
    [InlineData("english-language", null)]
    [InlineData("en-US-u-ca-gregory-x", null)]
    public void Only_a_short_bcp47_tag_is_taken(string tag, string? expected)
    {
        Assert.Equal(expected, WebChatLanguage.Valid(tag));
    }
}
