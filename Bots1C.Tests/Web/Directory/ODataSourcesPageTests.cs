using Bots1C.Domain.Counterparties.Sync;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Directory.Sync;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.DirectorySection;

/// <summary>The administrators' 1C sync page against the real services, its own SQLite file and a fake 1C.</summary>
public class ODataSourcesPageTests : MudTestContext
{
    private readonly Bots1CAppFactory _app = new();
    private readonly WireMockServer _onec = WireMockServer.Start();

    public ODataSourcesPageTests()
    {
        Services.AddSingleton(_app.Services.GetRequiredService<ODataSources>());
        Services.AddSingleton(_app.Services.GetRequiredService<ODataSync>());
    }

    private static void Fill(IRenderedComponent<ODataSourcesPage> page, string testId, string value) =>
        page.Find($"[data-testid={testId}] input, input[data-testid={testId}]").Change(value);

    [Fact]
    public void A_source_without_address_user_or_password_is_not_saved_and_each_field_says_why()
    {
        var page = Render<ODataSourcesPage>();
        page.Find("[data-testid=sync-add]").Click();
        Fill(page, "sync-name", "Trade");

        page.Find("[data-testid=sync-save]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("The publication's full address", page.Markup);
            Assert.Contains("1C's user name for the exchange.", page.Markup);
            Assert.Contains("1C's password for the exchange.", page.Markup);
        }, TimeSpan.FromSeconds(5));
        Assert.Empty(page.FindAll("[data-testid=sync-source]"));
    }

    [Fact]
    public void A_saved_source_syncs_now_and_shows_what_it_did()
    {
        _onec.Given(Request.Create().WithPath(new WildcardMatcher("/trade/odata/standard.odata/*")).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody("""{"value":[{"Ref_Key":"a","DeletionMark":false,"Description":"ООО Ромашка","ИНН":"7707083893","КонтактнаяИнформация":[]}]}"""));
        var page = Render<ODataSourcesPage>();
        page.Find("[data-testid=sync-add]").Click();
        Fill(page, "sync-name", "Trade");
        Fill(page, "sync-url", _onec.Url + "/trade");
        Fill(page, "sync-user", "Обмен");
        Fill(page, "sync-password", "secret");
        page.Find("[data-testid=sync-save]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=sync-source]"), TimeSpan.FromSeconds(5));

        page.Find("[data-testid=sync-now]").Click();

        page.WaitForAssertion(() => Assert.Contains("1 read: 1 created, 0 updated, 0 archived", page.Find("[data-testid=sync-last]").TextContent),
            TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_wrong_password_shows_1cs_refusal_on_the_source()
    {
        _onec.Given(Request.Create().WithPath(new WildcardMatcher("/trade/odata/standard.odata/*")).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401));
        var page = Render<ODataSourcesPage>();
        page.Find("[data-testid=sync-add]").Click();
        Fill(page, "sync-name", "Trade");
        Fill(page, "sync-url", _onec.Url + "/trade");
        Fill(page, "sync-user", "Обмен");
        Fill(page, "sync-password", "wrong");
        page.Find("[data-testid=sync-save]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=sync-source]"), TimeSpan.FromSeconds(5));

        page.Find("[data-testid=sync-now]").Click();

        page.WaitForAssertion(() => Assert.Contains("1C refused the user name or password (401)", page.Find("[data-testid=sync-last]").TextContent),
            TimeSpan.FromSeconds(10));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _onec.Stop();
            _app.Dispose();
        }
    }
}
