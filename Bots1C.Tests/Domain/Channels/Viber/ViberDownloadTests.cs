using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Bots1C.Tests.Domain.Channels.Viber;

/// <summary>A file a customer sent on Viber is its message's <c>media</c> link, fetched as it is.</summary>
public sealed class ViberDownloadTests : IDisposable
{
    private readonly ViberApiFake _api = new();
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter Viber => _services.Adapter(Messenger.Viber);

    public void Dispose()
    {
        _api.Dispose();
        _services.Dispose();
    }

    private string Media(string path, int status, byte[] body, string contentType = "image/jpeg")
    {
        _api.Server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body));
        return _api.Server.Url + path;
    }

    [Fact]
    public async Task The_media_link_is_fetched_with_its_bytes_type_and_name_and_without_the_token()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 7, 0xFF, 0xD9];
        var url = Media("/1/share/scan.jpg", 200, jpeg);

        var result = await Viber.DownloadAsync(_api.Bot, url, CancellationToken.None);

        Assert.True(result.Ok, result.Reason);
        using var content = new MemoryStream();
        await result.Content!.CopyToAsync(content);
        Assert.Equal(jpeg, content.ToArray());
        Assert.Equal(("image/jpeg", "scan.jpg"), (result.ContentType, result.FileName));
        Assert.False(Assert.Single(_api.Server.LogEntries).RequestMessage.Headers!.ContainsKey(Bots1C.Domain.Channels.Viber.ViberAdapter.AuthHeader));
    }

    [Fact]
    public async Task A_media_link_on_a_server_other_than_the_API_host_is_fetched()
    {
        // Viber's media live on dl-media.viber.com, not chatapi.viber.com. Here: the API servers allowed are the network
        // 127.0.0.0/8 only, and the media link names its server "localhost", which is not an API host.
        using var services = ChannelKit.Services(s => s.Configure<MessengerOptions>(o => o.ApiAllowedHosts.Add("127.0.0.0/8")), allowLoopback: false);
        var url = Media("/1/share/photo.jpg", 200, [1, 2, 3]).Replace(new Uri(_api.Server.Url!).Host, "localhost");

        var result = await services.Adapter(Messenger.Viber).DownloadAsync(_api.Bot, url, CancellationToken.None);

        Assert.True(result.Ok, result.Reason);
    }

    [Fact]
    public async Task An_expired_media_link_is_gone()
    {
        var url = Media("/1/share/old.jpg", 404, []);

        var result = await Viber.DownloadAsync(_api.Bot, url, CancellationToken.None);

        Assert.Equal(DownloadFailure.Gone, result.Failure);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a link")]
    public async Task Only_http_links_are_fetched(string media)
    {
        var result = await Viber.DownloadAsync(_api.Bot, media, CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Empty(_api.Server.LogEntries);
    }
}
