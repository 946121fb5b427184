using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Bots1C.Tests.Domain.Channels.Vk;

/// <summary>A customer's file on VK is its attachment's public signed link, fetched as it is, without the token.</summary>
public sealed class VkDownloadTests : IDisposable
{
    private readonly VkApiFake _api = new();
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter Vk => _services.Adapter(Messenger.Vk);

    public void Dispose()
    {
        _api.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task The_link_is_fetched_with_its_bytes_and_type_and_without_the_token()
    {
        _api.Server.Given(Request.Create().WithPath("/doc612444319_667311042").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/pdf").WithBody(new byte[] { 37, 80, 68, 70 }));

        var result = await Vk.DownloadAsync(_api.Bot, _api.Server.Url + "/doc612444319_667311042?hash=5f1c0a&dl=1", CancellationToken.None);

        Assert.True(result.Ok, result.Reason);
        using var content = new MemoryStream();
        await result.Content!.CopyToAsync(content);
        Assert.Equal(new byte[] { 37, 80, 68, 70 }, content.ToArray());
        Assert.Equal("application/pdf", result.ContentType);
        Assert.False(Assert.Single(_api.Server.LogEntries).RequestMessage.Headers!.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task An_expired_link_is_gone()
    {
        _api.Server.Given(Request.Create().WithPath("/old.jpg").UsingGet()).RespondWith(Response.Create().WithStatusCode(404));

        Assert.Equal(DownloadFailure.Gone, (await Vk.DownloadAsync(_api.Bot, _api.Server.Url + "/old.jpg", CancellationToken.None)).Failure);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a link")]
    public async Task Only_http_links_are_fetched(string link)
    {
        Assert.False((await Vk.DownloadAsync(_api.Bot, link, CancellationToken.None)).Ok);
        Assert.Empty(_api.Server.LogEntries);
    }
}
