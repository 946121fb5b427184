using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Bots1C.Tests.Domain.Channels.Max;

/// <summary>A customer's file is fetched by the link its attachment carried, without the bot's token.</summary>
public sealed class MaxDownloadTests : IDisposable
{
    private readonly MaxApiFake _media = new();
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter Max => _services.Adapter(Messenger.Max);

    public void Dispose()
    {
        _media.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task The_file_is_fetched_by_its_link_without_the_token()
    {
        var bytes = "%PDF-1.7 act 7"u8.ToArray();
        _media.Server.Given(Request.Create().WithPath("/getfile").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/pdf").WithBody(bytes));

        var result = await Max.DownloadAsync(_media.Bot, $"{_media.Server.Url}/getfile?sig=Zx1&fileId=7001", CancellationToken.None);

        Assert.True(result.Ok, result.Reason);
        using var content = new MemoryStream();
        await result.Content!.CopyToAsync(content);
        Assert.Equal(bytes, content.ToArray());
        Assert.Equal("application/pdf", result.ContentType);
        Assert.False(Assert.Single(_media.Server.Requests()).RequestMessage.Headers!.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task An_expired_link_is_Gone()
    {
        _media.Server.Given(Request.Create().WithPath("/getfile").UsingGet()).RespondWith(Response.Create().WithStatusCode(404));

        var result = await Max.DownloadAsync(_media.Bot, $"{_media.Server.Url}/getfile?fileId=7001", CancellationToken.None);

        Assert.Equal(DownloadFailure.Gone, result.Failure);
    }

    [Fact]
    public async Task A_link_that_is_not_http_is_Gone_without_a_request() =>
        Assert.Equal(DownloadFailure.Gone, (await Max.DownloadAsync(_media.Bot, "file:///etc/passwd", CancellationToken.None)).Failure);
}
