namespace Bots1C.Tests.Web.Deployment;

/// <summary>docs/deployment.md shows the files an administrator installs; what it shows is what deploy/ ships (and
/// what <see cref="NginxInFrontTests"/> runs), never an older copy.</summary>
public class DeploymentDocTests
{
    [Theory]
    [InlineData("bots1c.service", "ini")]
    [InlineData("nginx-bots1c.conf", "nginx")]
    public void The_deployment_page_shows_the_shipped_file_as_it_is(string file, string language)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Bots1C.sln")))
            root = root.Parent ?? throw new InvalidOperationException("Bots1C.sln not found above the test binaries");
        var shipped = File.ReadAllText(Path.Combine(root.FullName, "deploy", file)).ReplaceLineEndings("\n");
        var page = File.ReadAllText(Path.Combine(root.FullName, "docs", "deployment.md")).ReplaceLineEndings("\n");

        Assert.Contains($"```{language}\n{shipped}```\n", page);
    }
}
