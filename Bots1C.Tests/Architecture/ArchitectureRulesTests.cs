using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Bots1C.Tests.Architecture;

/// <summary>
/// The folder rules of docs/architecture.md, checked over the compiled assemblies: a new dependency that breaks one
/// fails here, naming the types involved.
/// </summary>
public class ArchitectureRulesTests
{
    private static readonly ArchUnitNET.Domain.Architecture App = new ArchLoader()
        .LoadAssemblies(typeof(Bots1C.Domain.DomainServices).Assembly, typeof(Bots1C.Web.Composition.WebServices).Assembly)
        .Build();

    private static IObjectProvider<IType> Folder(string name) =>
        Types().That().ResideInNamespaceMatching($@"^Bots1C\.Domain\.{name}(\..*)?$").As($"Domain/{name}");

    [Fact]
    public void The_domain_does_not_depend_on_the_web_project() =>
        Types().That().ResideInNamespaceMatching(@"^Bots1C\.Domain(\..*)?$").Should()
            .NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^Bots1C\.Web(\..*)?$")).Check(App);

    /// <summary>A messenger is one folder: the adapters know bots (the messenger, the credentials) and reach the network
    /// only through the guarded outbound clients; never conversations, storage, scenarios or anything else of the domain.</summary>
    [Fact]
    public void Channels_depend_only_on_bots_and_the_outbound_guard() =>
        Types().That().Are(Folder("Channels")).Should()
            .NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^Bots1C\.Domain(\.(?!(Channels|Bots|Outbound)(\.|$)).+)?$")
                .As("Domain outside Channels, Bots and Outbound"))
            .Check(App);
}
