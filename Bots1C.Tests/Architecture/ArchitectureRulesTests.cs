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

    // One name per concept (docs/architecture.md, "Words we use"). Old migrations keep the names they were written with.
    private static IObjectProvider<IType> OurTypesOutsideMigrations() =>
        Types().That().ResideInNamespaceMatching(@"^Bots1C\.(Domain|Web)(\..*)?$")
            .And().DoNotResideInNamespaceMatching(@"^Bots1C\.Domain\.Data\.Migrations(\..*)?$").As("Bots1C types");

    [Fact]
    public void The_record_contacts_belong_to_is_called_a_counterparty_never_an_owner() =>
        Types().That().Are(OurTypesOutsideMigrations()).Should().NotHaveNameContaining("Owner").Check(App);

    [Fact]
    public void Directory_names_only_the_section_of_counterparties_and_contacts_so_caches_are_called_caches() =>
        Types().That().Are(OurTypesOutsideMigrations()).And().HaveNameContaining("Directory").Should()
            .ResideInNamespaceMatching(@"^Bots1C\.Web\.Features\.Directory(\..*)?$").Check(App);

    [Fact]
    public void A_section_of_the_app_is_one_feature_folder_with_sub_folders_not_siblings_sharing_a_prefix()
    {
        var folders = typeof(Bots1C.Web.Composition.WebServices).Assembly.GetTypes()
            .Select(t => t.Namespace ?? "").Where(n => n.StartsWith("Bots1C.Web.Features.", StringComparison.Ordinal))
            .Select(n => n["Bots1C.Web.Features.".Length..].Split('.')[0]).Distinct().ToList();
        var siblings = folders.SelectMany(a => folders.Where(b => b != a && b.StartsWith(a, StringComparison.Ordinal)).Select(b => $"{a} / {b}"));
        Assert.Empty(siblings);
    }

    [Fact]
    public void Every_endpoint_file_is_a_class_named_for_its_endpoints_with_one_Map_method_and_lives_in_Endpoints()
    {
        // XxxEndpoints.MapXxxEndpoints(this IEndpointRouteBuilder) in Endpoints/; a part of /api/v1 is XxxApi.MapXxxApi(this RouteGroupBuilder) in Endpoints/Api.
        var maps = typeof(Bots1C.Web.Composition.WebServices).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: true } && t.Name != "WebPipeline")
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
                .Where(m => m.Name.StartsWith("Map", StringComparison.Ordinal) && m.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute), false)))
            .ToList();
        Assert.NotEmpty(maps);
        bool IsEndpoints(System.Reflection.MethodInfo m) =>
            m.DeclaringType!.Namespace!.StartsWith("Bots1C.Web.Endpoints", StringComparison.Ordinal)
            && m.DeclaringType.Name.EndsWith("Endpoints", StringComparison.Ordinal)
            && m.GetParameters()[0].ParameterType == typeof(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder);
        bool IsApiGroup(System.Reflection.MethodInfo m) =>
            m.DeclaringType!.Namespace == "Bots1C.Web.Endpoints.Api" && m.DeclaringType.Name.EndsWith("Api", StringComparison.Ordinal)
            && m.GetParameters()[0].ParameterType == typeof(Microsoft.AspNetCore.Routing.RouteGroupBuilder);
        var wrong = maps.Where(m => m.Name != "Map" + m.DeclaringType!.Name || !(IsEndpoints(m) || IsApiGroup(m)))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}({m.GetParameters()[0].ParameterType.Name})");
        Assert.Empty(wrong);
    }
}
